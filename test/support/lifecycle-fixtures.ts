// Rows the leaving-lifecycle tests need (the sync normally creates employees), and a worker for a
// given Temporal connection built the way the product builds it.
import crypto from 'node:crypto';
import fs from 'node:fs';
import type { Client } from '@temporalio/client';
import type { NativeConnection } from '@temporalio/worker';
import pino from 'pino';
import type { BenefitType } from '../../generated/prisma/client';
import { CredentialsCipher } from '../../infra/credentials-cipher';
import type { Db } from '../../infra/prisma';
import { createWorker, type ProductWorker } from '../../composition/worker';
import { RecordingMailer, TEST_ENCRYPTION_KEY } from './temporal';
import { readTestEnv } from './test-env';

export interface SeededEmployee {
  companyId: string;
  integrationId: string;
  employeeId: string;
}

export async function seedCompany(db: Db, timezone = 'Europe/Berlin'): Promise<{ companyId: string; integrationId: string }> {
  const company = await db.company.create({ data: { name: 'Acme GmbH', timezone, apiKeyHash: `h-${crypto.randomUUID()}` } });
  const integration = await db.integration.create({ data: { companyId: company.id, hrSystem: 'sandbox', status: 'ACTIVE', selectedFields: [] } });
  return { companyId: company.id, integrationId: integration.id };
}

export async function seedEmployee(
  db: Db,
  company: { companyId: string; integrationId: string },
  fields: { maritalStatus?: string | null; numberOfChildren?: number | null; benefits?: BenefitType[] } = {},
): Promise<SeededEmployee & { benefitIds: string[] }> {
  const employee = await db.employee.create({
    data: {
      companyId: company.companyId,
      integrationId: company.integrationId,
      remoteId: crypto.randomUUID(),
      firstName: 'Erika',
      lastName: 'Mustermann',
      email: `erika.${crypto.randomBytes(3).toString('hex')}@example.com`,
      hireDate: '2020-01-01',
      maritalStatus: fields.maritalStatus ?? null,
      numberOfChildren: fields.numberOfChildren ?? null,
    },
  });
  const benefitIds: string[] = [];
  for (const type of fields.benefits ?? ['MONTHLY_VOUCHER', 'INTERNET_ALLOWANCE']) {
    const b = await db.benefit.create({ data: { companyId: company.companyId, employeeId: employee.id, type, amountCents: 5000 } });
    benefitIds.push(b.id);
  }
  return { ...company, employeeId: employee.id, benefitIds };
}

export async function createLifecycleWorker(input: { connection: NativeConnection; client: Client; db: Db; taskQueue?: string; namespace?: string }): Promise<{ worker: ProductWorker; taskQueue: string }> {
  const taskQueue = input.taskQueue ?? `lifecycle-${crypto.randomBytes(4).toString('hex')}`;
  const worker = await createWorker({
    connection: input.connection,
    namespace: input.namespace ?? 'default',
    taskQueue,
    workflowBundle: { code: fs.readFileSync(readTestEnv().workflowBundlePath, 'utf8') },
    activityDeps: {
      db: input.db,
      temporal: input.client,
      cipher: new CredentialsCipher(TEST_ENCRYPTION_KEY),
      taskQueue,
      mailer: new RecordingMailer(),
      logger: pino({ level: 'silent' }),
    },
  });
  return { worker, taskQueue };
}
