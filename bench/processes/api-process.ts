// The HTTP API in its own process, as `npm run api` serves it (composition/product.ts), so the load
// generator in the bench process does not share its event loop. Request logging is off, as with
// LOG_LEVEL=warn. Env: DATABASE_URL, TEMPORAL_ADDRESS, TEMPORAL_TASK_QUEUE, ENCRYPTION_KEY,
// OPERATOR_API_KEY, PORT.
import { Client, Connection } from '@temporalio/client';
import { buildApp } from '../../api/app';
import { CredentialsCipher } from '../../infra/credentials-cipher';
import { createPrismaClient } from '../../infra/prisma';
import { announceReady, exitOnStop } from './child';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
}

async function main(): Promise<void> {
  const db = createPrismaClient(required('DATABASE_URL'));
  const connection = await Connection.connect({ address: required('TEMPORAL_ADDRESS') });
  const namespace = process.env.TEMPORAL_NAMESPACE ?? 'default';
  const operatorApiKey = required('OPERATOR_API_KEY');
  const app = await buildApp(
    {
      db,
      temporal: new Client({ connection, namespace }),
      cipher: new CredentialsCipher(required('ENCRYPTION_KEY')),
      config: { TEMPORAL_TASK_QUEUE: required('TEMPORAL_TASK_QUEUE'), TEMPORAL_NAMESPACE: namespace, OPERATOR_API_KEY: operatorApiKey, RECONCILE_INTERVAL_MINUTES: 15, operatorApiKey },
    },
    false,
  );
  const port = Number(required('PORT'));
  await app.listen({ port, host: '127.0.0.1' });
  exitOnStop(async () => {
    await app.close();
    await connection.close();
    await db.$disconnect();
  });
  announceReady({ url: `http://127.0.0.1:${port}` });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
