// With TEMPORAL_ADDRESS pointing at a server that lacks the product's search attributes, start-up
// registers them.
import { Connection } from '@temporalio/client';
import { freePort } from '../../infra/ports';
import { ensureSearchAttributes } from '../../infra/search-attribute-registration';
import { startTemporalDevServer, type RunningDevServer } from '../../infra/temporal-dev-server';
import { CUSTOM_SEARCH_ATTRIBUTES } from '../../contracts/search-attributes';
import { readTestEnv } from '../support/test-env';

describe('search attributes on an external Temporal server', () => {
  let server: RunningDevServer;
  let connection: Connection;
  beforeAll(async () => {
    server = await startTemporalDevServer({ cliPath: readTestEnv().temporalCliPath, port: await freePort(), uiPort: null, dbFile: null, namespace: 'default', registerSearchAttributes: false });
    connection = await Connection.connect({ address: server.address });
  });
  afterAll(async () => {
    await connection?.close();
    await server?.stop();
  });

  it('adds the missing ones, then finds nothing to add', async () => {
    const before = await connection.operatorService.listSearchAttributes({ namespace: 'default' });
    expect(Object.keys(before.customAttributes ?? {})).not.toContain('IntegrationId');

    const first = await ensureSearchAttributes(connection, 'default');
    expect(first.added.sort()).toEqual(CUSTOM_SEARCH_ATTRIBUTES.map((k) => k.name).sort());
    const after = await connection.operatorService.listSearchAttributes({ namespace: 'default' });
    expect(Object.keys(after.customAttributes ?? {})).toEqual(expect.arrayContaining(first.added));

    expect((await ensureSearchAttributes(connection, 'default')).added).toEqual([]);
  });

  it('names the missing attributes when the namespace does not exist', async () => {
    await expect(ensureSearchAttributes(connection, 'no-such-namespace')).rejects.toThrow(/CompanyId/);
  });

  it('on a namespace whose operator service is refused (Temporal Cloud): names the missing ones with the tcld command, then passes once they exist', async () => {
    const fresh = await startTemporalDevServer({ cliPath: readTestEnv().temporalCliPath, port: await freePort(), uiPort: null, dbFile: null, namespace: 'default', registerSearchAttributes: false });
    const real = await Connection.connect({ address: fresh.address });
    try {
      // Only the refusal is simulated; the visibility queries go to the real server.
      const refused = Object.assign(new Error('7 PERMISSION_DENIED: Request unauthorized.'), { code: 7 });
      const cloudLike = { workflowService: real.workflowService, operatorService: { listSearchAttributes: () => Promise.reject(refused) } } as unknown as Connection;
      const names = CUSTOM_SEARCH_ATTRIBUTES.map((k) => k.name);
      const failure = await ensureSearchAttributes(cloudLike, 'default').catch((err: Error) => err.message);
      expect(failure).toContain('tcld namespace search-attributes add --namespace default');
      for (const name of names) expect(failure).toContain(`--search-attribute "${name}=Keyword"`);

      await ensureSearchAttributes(real, 'default'); // an operator adds them (here: through the operator service)
      await expect(ensureSearchAttributes(cloudLike, 'default')).resolves.toEqual({ added: [] });
    } finally {
      await real.close();
      await fresh.stop();
    }
  });
});
