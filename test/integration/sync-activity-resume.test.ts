// The sync activity on its own (no workflow): a retry after a worker crash resumes at the cursor of
// the last committed batch, as recorded in the database with that batch (never from heartbeat
// details, which may not have reached the server), and a throttled vendor page is retried, never
// treated as a refusal.
import { MockActivityEnvironment } from '@temporalio/testing';
import pino from 'pino';
import { createSyncEmployeesActivities, type SyncEmployeesResult } from '../../activities/sync-employees';
import { FAKE_PERSONIO_CLIENT_ID, FAKE_PERSONIO_CLIENT_SECRET, startFakePersonio, type RunningFakePersonio } from '../../connectors/personio/fake-server';
import { DEFAULT_FIELD_SELECTION } from '../../domain/employee-fields';
import { CredentialsCipher } from '../../infra/credentials-cipher';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { RecordingMailer, TEST_ENCRYPTION_KEY } from '../support/temporal';

describe('syncEmployees activity', () => {
  let database: TestDatabase;
  let personio: RunningFakePersonio;
  const cipher = new CredentialsCipher(TEST_ENCRYPTION_KEY);

  beforeAll(async () => {
    database = await createTestDatabase();
    personio = await startFakePersonio({ employeeCount: 1200, seed: 5 });
  });
  afterAll(async () => {
    await personio.close();
    await database.drop();
  });

  async function activeIntegration() {
    const company = await database.db.company.create({ data: { name: 'Resume GmbH', apiKeyHash: `h-${Math.random()}` } });
    const integration = await database.db.integration.create({ data: { companyId: company.id, hrSystem: 'personio', status: 'ACTIVE', selectedFields: [...DEFAULT_FIELD_SELECTION] } });
    const credentialsCipher = cipher.encrypt({ clientId: FAKE_PERSONIO_CLIENT_ID, clientSecret: FAKE_PERSONIO_CLIENT_SECRET, baseUrl: personio.url }, integration.id);
    await database.db.integration.update({ where: { id: integration.id }, data: { credentialsCipher } });
    const run = await database.db.syncRun.create({ data: { integrationId: integration.id, companyId: company.id, trigger: 'MANUAL' } });
    return { integration, run, company };
  }

  const activities = () =>
    createSyncEmployeesActivities({
      db: database.db,
      cipher,
      temporal: undefined as never, // no leaving changes reach Temporal in these tests (see below)
      taskQueue: 'unused',
      mailer: new RecordingMailer(),
      logger: pino({ level: 'silent' }),
      connectorContext: { sleep: async () => undefined },
    });

  it('resumes at the cursor its last committed batch recorded and does not believe removals from a partial listing', async () => {
    // Only employees without a leaving date, so no lifecycle hand-off is needed here.
    for (const e of personio.state.listEmployees()) if (e.terminationDate) personio.state.editEmployee(e.id, { terminationDate: null, status: 'active' });
    const { integration, run } = await activeIntegration();
    const first = new MockActivityEnvironment();
    const full: SyncEmployeesResult = await first.run(activities().syncEmployees, { integrationId: integration.id, syncRunId: run.id });
    expect(full.counts.created).toBe(1200);

    // As a crashed attempt leaves it: 1,000 employees committed, no heartbeat details at all.
    const committed = { cursor: '1000', pages: 10, listingDone: false, listing: { mode: 'FULL', since: null, startedAt: new Date().toISOString() }, counts: { read: 1000, created: 0, updated: 0, unchanged: 1000, filteredOut: 0, invalid: 0, removed: 0, formerEmployees: 0 } };
    await database.db.syncRun.update({ where: { id: run.id }, data: { resumeProgress: committed } });
    const heartbeats: unknown[] = [];
    const before = personio.state.requestCounts.employees;
    const retry = new MockActivityEnvironment({ attempt: 2 });
    retry.on('heartbeat', (d) => heartbeats.push(d));
    const resumed: SyncEmployeesResult = await retry.run(activities().syncEmployees, { integrationId: integration.id, syncRunId: run.id });

    // Pages 1000–1099, 1100–1199 and the empty page that proves the end: not page one again.
    expect(personio.state.requestCounts.employees - before).toBeLessThanOrEqual(3);
    expect(resumed.counts).toMatchObject({ read: 1200, unchanged: 1200, created: 0, removed: 0 });
    expect(resumed.warnings.join(' ')).toMatch(/resumed after an interruption/);
    expect(heartbeats.length).toBeGreaterThan(0);
  });

  it('never records or heartbeats the cursor of a batch whose write failed; the retry resumes after the last committed one', async () => {
    const { integration, run } = await activeIntegration();
    // The database drops the second batch's transaction (written while the third batch is prepared).
    let transactions = 0;
    const flakyDb = new Proxy(database.db, {
      get(target, prop) {
        const value = Reflect.get(target, prop);
        if (prop !== '$transaction') return typeof value === 'function' ? value.bind(target) : value;
        return (...args: unknown[]) => {
          transactions++;
          if (transactions === 2) return Promise.reject(new Error('connection to the database lost'));
          return (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        };
      },
    });
    const flaky = createSyncEmployeesActivities({
      db: flakyDb,
      cipher,
      temporal: undefined as never,
      taskQueue: 'unused',
      mailer: new RecordingMailer(),
      logger: pino({ level: 'silent' }),
      connectorContext: { sleep: async () => undefined },
    });
    const first = new MockActivityEnvironment();
    const heartbeats: { cursor: string | null }[] = [];
    first.on('heartbeat', (d) => heartbeats.push(d as { cursor: string | null }));
    await expect(first.run(flaky.syncEmployees, { integrationId: integration.id, syncRunId: run.id })).rejects.toThrow(/connection to the database lost/);

    // Only the first batch (employees 1–500) is stored, the run records the cursor after it, and no
    // heartbeat ever named a later cursor.
    expect(await database.db.employee.count({ where: { integrationId: integration.id } })).toBe(500);
    expect(new Set(heartbeats.map((h) => h.cursor))).toEqual(new Set([null, '500']));
    const recorded = (await database.db.syncRun.findUniqueOrThrow({ where: { id: run.id } })).resumeProgress as { cursor: string; counts: { created: number } };
    expect(recorded).toMatchObject({ cursor: '500', listingDone: false, counts: { created: 500 } });

    const retry = new MockActivityEnvironment({ attempt: 2 });
    const resumed: SyncEmployeesResult = await retry.run(activities().syncEmployees, { integrationId: integration.id, syncRunId: run.id });
    expect(resumed.counts).toMatchObject({ read: 1200, created: 1200 });
    expect(await database.db.employee.count({ where: { integrationId: integration.id } })).toBe(1200);
  });

  it('retries a rate-limited page and completes the listing', async () => {
    const { integration, run } = await activeIntegration();
    personio.state.failNextRequests({ status: 429 }, { status: 429 });
    const env = new MockActivityEnvironment();
    const result: SyncEmployeesResult = await env.run(activities().syncEmployees, { integrationId: integration.id, syncRunId: run.id });
    expect(result.status).toBe('SUCCEEDED');
    expect(result.counts.read).toBe(1200);
  });

  it('reports refused credentials as a non-retryable failure naming the HR system', async () => {
    const { integration, run } = await activeIntegration();
    personio.state.setClientSecret('rotated');
    const env = new MockActivityEnvironment();
    await expect(env.run(activities().syncEmployees, { integrationId: integration.id, syncRunId: run.id })).rejects.toMatchObject({
      type: 'CredentialsRejected',
      nonRetryable: true,
      message: expect.stringMatching(/Personio refused the credentials/),
    });
    personio.state.setClientSecret(FAKE_PERSONIO_CLIENT_SECRET);
  });
});
