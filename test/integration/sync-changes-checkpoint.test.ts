// The sync activity keeps a vendor's change checkpoint between syncs (Entra ID's deltaLink): a
// complete listing stores the one its last page gives, the next change listing starts from it and
// stores the next one, and a checkpoint the vendor no longer accepts makes the run list everyone.
import { MockActivityEnvironment } from '@temporalio/testing';
import pino from 'pino';
import { createSyncEmployeesActivities, type SyncEmployeesResult } from '../../activities/sync-employees';
import { fakeUserId, startFakeEntraId, type RunningFakeEntra } from '../../connectors/entra-id/fake-server';
import { DEFAULT_FIELD_SELECTION } from '../../domain/employee-fields';
import { CredentialsCipher } from '../../infra/credentials-cipher';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { RecordingMailer, TEST_ENCRYPTION_KEY } from '../support/temporal';

const PEOPLE = 30;

describe('syncEmployees keeps the change checkpoint (Entra ID delta link)', () => {
  let database: TestDatabase;
  let fake: RunningFakeEntra;
  const cipher = new CredentialsCipher(TEST_ENCRYPTION_KEY);

  beforeAll(async () => {
    database = await createTestDatabase();
    fake = await startFakeEntraId({ people: PEOPLE, maxPageSize: 10 });
    // Nobody leaving: no lifecycle hand-off is needed here.
    for (let n = 1; n <= PEOPLE; n++) fake.state.editUser(fakeUserId(n), { employeeLeaveDateTime: null, accountEnabled: true });
  });
  afterAll(async () => {
    await fake.close();
    await database.drop();
  });

  const activities = () =>
    createSyncEmployeesActivities({
      db: database.db,
      cipher,
      temporal: undefined as never,
      taskQueue: 'unused',
      mailer: new RecordingMailer(),
      logger: pino({ level: 'silent' }),
      connectorContext: { sleep: async () => undefined },
    });

  let integrationId: string;
  let companyId: string;
  async function sync(): Promise<{ result: SyncEmployeesResult; listing: string | null; checkpoint: string | null }> {
    const run = await database.db.syncRun.create({ data: { integrationId, companyId, trigger: 'MANUAL' } });
    const result: SyncEmployeesResult = await new MockActivityEnvironment().run(activities().syncEmployees, { integrationId, syncRunId: run.id });
    // What the workflow records after the activity (one running run per integration at a time).
    const { listing } = await database.db.syncRun.update({ where: { id: run.id }, data: { status: 'SUCCEEDED', finishedAt: new Date() } });
    const checkpoint = (await database.db.integration.findUniqueOrThrow({ where: { id: integrationId } })).changesCheckpoint;
    return { result, listing, checkpoint };
  }
  const deltaRequests = () => fake.state.log.find({ path: '/v1.0/users/delta' });

  beforeAll(async () => {
    const company = await database.db.company.create({ data: { name: 'Delta GmbH', apiKeyHash: `h-${Math.random()}` } });
    companyId = company.id;
    const integration = await database.db.integration.create({ data: { companyId, hrSystem: 'entra-id', status: 'ACTIVE', selectedFields: [...DEFAULT_FIELD_SELECTION] } });
    integrationId = integration.id;
    const credentials = { tenantId: fake.tenantId, clientId: fake.clientId, clientSecret: fake.clientSecret, baseUrl: fake.url, loginBaseUrl: fake.url };
    await database.db.integration.update({ where: { id: integrationId }, data: { credentialsCipher: cipher.encrypt(credentials, integrationId) } });
  });

  let firstCheckpoint: string;
  it('a complete listing stores the checkpoint its last page gave', async () => {
    const { result, listing, checkpoint } = await sync();
    expect(listing).toBe('FULL');
    expect(result.counts.created).toBe(PEOPLE);
    expect(checkpoint).toMatch(/\/v1\.0\/users\/delta\?\$deltatoken=/);
    firstCheckpoint = checkpoint!;
  });

  it('the next change listing starts from the stored checkpoint, reads only who changed, and stores the next one', async () => {
    fake.state.editUser(fakeUserId(4), { surname: 'Umbenannt' });
    fake.state.editUser(fakeUserId(17), { givenName: 'Neu' });
    const before = deltaRequests().length;
    const { result, listing, checkpoint } = await sync();
    expect(listing).toBe('CHANGES');
    expect(result.counts).toMatchObject({ read: 2, updated: 2, created: 0, removed: 0 });
    const asked = deltaRequests().slice(before);
    expect(asked[0].query.get('$deltatoken')).toBe(new URL(firstCheckpoint).searchParams.get('$deltatoken'));
    expect(checkpoint).toMatch(/\$deltatoken=/);
    expect(checkpoint).not.toBe(firstCheckpoint);
    const row = await database.db.employee.findFirstOrThrow({ where: { integrationId, remoteId: fakeUserId(4) } });
    expect(row.lastName).toBe('Umbenannt');
  });

  it('a checkpoint the vendor no longer accepts makes the run a complete listing, which stores a fresh one', async () => {
    const stale = (await database.db.integration.findUniqueOrThrow({ where: { id: integrationId } })).changesCheckpoint;
    fake.state.changes.expireTokens();
    const { result, listing, checkpoint } = await sync();
    expect(listing).toBe('FULL');
    expect(result.counts).toMatchObject({ read: PEOPLE, unchanged: PEOPLE, removed: 0 });
    expect(checkpoint).toMatch(/\$deltatoken=/);
    expect(checkpoint).not.toBe(stale);
    expect(fake.state.log.find({ path: '/v1.0/users/delta', status: 410 })).toHaveLength(1);
    const integration = await database.db.integration.findUniqueOrThrow({ where: { id: integrationId } });
    expect(integration.lastFullListingAt).not.toBeNull();
  });
});
