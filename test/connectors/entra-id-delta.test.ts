// Entra ID's change listing over Graph's /users/delta: a complete listing hands out a checkpoint (a
// deltaLink taken before its first page), the next change listing reads only who changed since, a
// deleted user is never reported as a change, and a checkpoint Graph no longer accepts is said so.
import { ChangesCheckpointExpiredError, HrSystemResponseError } from '../../connectors/errors';
import { entraIdDefinition } from '../../connectors/entra-id/definition';
import { fakeUserId, startFakeEntraId, type RunningFakeEntra } from '../../connectors/entra-id/fake-server';
import type { EmployeePage, HrConnector } from '../../connectors/types';

describe('Microsoft Entra ID change listing (delta query)', () => {
  let fake: RunningFakeEntra;
  const connect = (): HrConnector =>
    entraIdDefinition.create({ tenantId: fake.tenantId, clientId: fake.clientId, clientSecret: fake.clientSecret, baseUrl: fake.url, loginBaseUrl: fake.url }, { sleep: async () => undefined });

  beforeEach(async () => {
    fake = await startFakeEntraId({ people: 45, maxPageSize: 10 });
  });
  afterEach(() => fake.close());

  async function readAll(connector: HrConnector, read: (cursor: string | null) => Promise<EmployeePage>): Promise<EmployeePage[]> {
    const pages: EmployeePage[] = [];
    let cursor: string | null = null;
    do {
      const page: EmployeePage = await read(cursor);
      pages.push(page);
      cursor = page.nextCursor;
    } while (cursor !== null && pages.length < 50);
    return pages;
  }
  const completeListing = (c: HrConnector) => readAll(c, (cursor) => c.fetchEmployeePage(cursor));
  const changesFrom = (c: HrConnector, checkpoint: string | null) => readAll(c, (cursor) => c.fetchChangedEmployeePage!(new Date(), cursor, checkpoint));
  const ids = (pages: EmployeePage[]) => pages.flatMap((p) => p.employees.map((e) => e.remoteId));
  const deltaRequests = () => fake.state.log.count({ path: '/v1.0/users/delta' });

  it('a complete listing ends with a checkpoint; the next change listing reads only who changed since, over pages', async () => {
    const listing = await completeListing(connect());
    expect(ids(listing)).toHaveLength(45);
    const checkpoint = listing.at(-1)!.changesCheckpoint!;
    expect(checkpoint).toMatch(/\/v1\.0\/users\/delta\?\$deltatoken=/);
    expect(listing.slice(0, -1).every((p) => p.changesCheckpoint === undefined)).toBe(true);

    const edited = [3, 7, 11, 15, 19, 23, 27, 31, 35, 39, 43, 44].map(fakeUserId);
    for (const id of edited) fake.state.editUser(id, { jobTitle: 'Promoted' });
    const hire = fake.state.addUser({ givenName: 'Nina', surname: 'Neu' });

    const changes = await changesFrom(connect(), checkpoint);
    expect(changes.length).toBeGreaterThan(1);
    expect(new Set(ids(changes))).toEqual(new Set([...edited, hire.id]));
    expect(changes.flatMap((p) => p.employees).find((e) => e.remoteId === hire.id)).toMatchObject({ firstName: 'Nina', lastName: 'Neu' });

    // The new checkpoint: nothing changed since, one request says so.
    const before = deltaRequests();
    const quiet = await changesFrom(connect(), changes.at(-1)!.changesCheckpoint!);
    expect(ids(quiet)).toEqual([]);
    expect(deltaRequests() - before).toBe(1);
  });

  it('an edit made while the complete listing runs is in the next change listing', async () => {
    const connector = connect();
    const first = await connector.fetchEmployeePage(null);
    fake.state.editUser(fakeUserId(2), { department: 'Moved during the listing' }); // on the page already read
    let page = first;
    while (page.nextCursor) page = await connector.fetchEmployeePage(page.nextCursor);
    const changes = await changesFrom(connect(), page.changesCheckpoint!);
    expect(ids(changes)).toEqual([fakeUserId(2)]);
  });

  it('a deleted user is not a change (removals come from complete listings only)', async () => {
    const checkpoint = (await completeListing(connect())).at(-1)!.changesCheckpoint!;
    fake.state.removeUser(fakeUserId(5));
    fake.state.editUser(fakeUserId(6), { jobTitle: 'Stays' });
    const changes = await changesFrom(connect(), checkpoint);
    expect(ids(changes)).toEqual([fakeUserId(6)]);
    expect(changes.flatMap((p) => p.invalid)).toEqual([]);
  });

  it('without a checkpoint, Graph’s first round reports everyone and ends with one', async () => {
    const changes = await changesFrom(connect(), null);
    expect(ids(changes)).toHaveLength(45);
    expect(changes.at(-1)!.changesCheckpoint).toMatch(/\$deltatoken=/);
  });

  it('a checkpoint Graph no longer accepts fails as expired, so the sync can list everyone instead', async () => {
    const checkpoint = (await completeListing(connect())).at(-1)!.changesCheckpoint!;
    fake.state.changes.expireTokens();
    await expect(connect().fetchChangedEmployeePage!(new Date(), null, checkpoint)).rejects.toBeInstanceOf(ChangesCheckpointExpiredError);
  });

  it('never sends the token to a checkpoint or next link that points away from Graph', async () => {
    const before = fake.state.log.entries.length;
    const foreign = 'https://attacker.example/v1.0/users/delta?$deltatoken=x';
    await expect(connect().fetchChangedEmployeePage!(new Date(), null, foreign)).rejects.toBeInstanceOf(HrSystemResponseError);
    await expect(connect().fetchChangedEmployeePage!(new Date(), foreign, null)).rejects.toBeInstanceOf(HrSystemResponseError);
    expect(fake.state.log.entries.slice(before).filter((e) => e.path === '/v1.0/users/delta')).toEqual([]);
  });

  it('a complete listing resumed by a new attempt gives no checkpoint it could not vouch for', async () => {
    const first = await connect().fetchEmployeePage(null);
    const resumed = connect();
    let page = await resumed.fetchEmployeePage(first.nextCursor);
    while (page.nextCursor) page = await resumed.fetchEmployeePage(page.nextCursor);
    expect(page.changesCheckpoint).toBeUndefined();
  });
});
