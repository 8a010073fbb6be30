// The one contract suite every available connector passes against its vendor fake, driven by the
// registry: each system listed as available must export connectors/<id>/contract-fixture.ts, or this
// suite fails (forgetting a fixture cannot skip a connector). No per-system code here; what a vendor
// does not have (paging, tokens, a change listing) its fixture says. The full sync through the real
// workflow is in test/integration/connector-contract-sync.test.ts.
import { CredentialsRejectedError, RateLimitedError } from '../../connectors/errors';
import type { FaultStep } from '../../connectors/kit/fake';
import type { RunningContractFake } from '../../connectors/kit/fake/contract';
import type { ConnectorContext, EmployeePage, HrConnector, HrSystemDefinition, RemoteEmployee } from '../../connectors/types';
import { availableSystems, loadContractFixture } from '../support/contract-fixtures';

const today = new Date().toISOString().slice(0, 10);

async function listAll(connector: HrConnector, first?: EmployeePage): Promise<{ pages: EmployeePage[]; employees: RemoteEmployee[]; invalid: number }> {
  const pages: EmployeePage[] = first ? [first] : [];
  let cursor: string | null = first ? first.nextCursor : null;
  if (!first || cursor !== null) {
    do {
      const page = await connector.fetchEmployeePage(cursor);
      pages.push(page);
      cursor = page.nextCursor;
    } while (cursor !== null && pages.length < 200);
  }
  return { pages, employees: pages.flatMap((p) => p.employees), invalid: pages.reduce((n, p) => n + p.invalid.length, 0) };
}

describe('every available HR system has a contract fixture', () => {
  it('takes the systems from the registry', () => expect(availableSystems.length).toBeGreaterThan(0));
  it.each(availableSystems.map((s) => [s.id] as const))('%s', (id) => {
    expect(() => loadContractFixture(id)).not.toThrow();
  });
});

describe.each(availableSystems.map((s) => [s.name, s] as const))('%s connector contract', (name, system: HrSystemDefinition) => {
  let vendor: RunningContractFake;
  let waits: number[];
  const context = (): ConnectorContext => ({ sleep: async (ms) => void waits.push(ms) });
  const connect = (credentials = vendor.credentials) => system.create(system.credentialsSchema.parse(credentials), context());
  /** The listing must be complete: every expected person once, with e-mail and leaving date, the unreadable ones counted. */
  const expectComplete = (listing: { employees: RemoteEmployee[]; invalid: number }, extraInvalid = 0) => {
    const expected = vendor.expected();
    expect(listing.employees.map((e) => e.remoteId).sort()).toEqual(expected.map((p) => p.remoteId).sort());
    const byId = new Map(listing.employees.map((e) => [e.remoteId, e]));
    for (const person of expected) expect(byId.get(person.remoteId)).toMatchObject({ email: person.email, leavingDate: person.leavingDate });
    expect(listing.invalid).toBe(vendor.malformedRecords + extraInvalid);
  };
  /** A fault on the listing requests: the second one where the vendor pages, else the only one. */
  const onListing = (step: FaultStep, after = vendor.listingPages === 'several' ? 1 : 0) => vendor.faults.add({ ...step, path: vendor.listingPath, after });

  beforeEach(async () => {
    waits = [];
    vendor = await loadContractFixture(system.id).start();
  });
  afterEach(async () => {
    await vendor?.close();
  });

  it('checks the credentials live: good ones pass, wrong ones are refused with the vendor’s reason', async () => {
    await expect(connect().checkCredentials()).resolves.toBeUndefined();
    const refused = await connect(vendor.wrongCredentials)
      .checkCredentials()
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(CredentialsRejectedError);
    expect((refused as Error).message.startsWith(`${name} refused the credentials: `)).toBe(true);
    expect((refused as Error).message).toMatch(vendor.refusalReason);
    for (const key of system.secretKeys) expect((refused as Error).message).not.toContain(String(vendor.wrongCredentials[key]));
  });

  it('lists everyone, terminated employees with their leaving dates, over the vendor’s pages to the last one', async () => {
    const listing = await listAll(connect());
    expectComplete(listing);
    if (vendor.listingPages === 'several') expect(listing.pages.length).toBeGreaterThan(1);
    else expect(listing.pages).toHaveLength(1);
    expect(listing.pages.at(-1)!.nextCursor).toBeNull();
    const left = vendor.expected().filter((p) => p.leavingDate !== null && p.leavingDate < today);
    const leaving = vendor.expected().filter((p) => p.leavingDate !== null && p.leavingDate >= today);
    expect(left.length).toBeGreaterThan(0);
    expect(leaving.length).toBeGreaterThan(0);
    const byId = new Map(listing.employees.map((e) => [e.remoteId, e]));
    for (const person of left) expect(byId.get(person.remoteId)!.status).not.toBe('active');
    // The request log saw every listing request, with its query, time and answer.
    const logged = vendor.log.find({ path: vendor.listingPath });
    expect(logged.length).toBeGreaterThanOrEqual(listing.pages.length);
    for (const entry of logged) expect(entry).toMatchObject({ status: 200, at: expect.any(Number), query: expect.any(URLSearchParams) });
  });

  it('reads the change listing to its last page where the vendor has one', async () => {
    const connector = connect();
    if (!connector.fetchChangedEmployeePage) {
      expect(vendor.changeMoreThanAPage).toBeUndefined(); // the vendor has no change listing
      return;
    }
    expect(vendor.changeMoreThanAPage).toBeDefined(); // a connector with a change listing needs a fixture for it
    await connector.checkCredentials();
    const since = new Date(Date.now() - 1000);
    const changed = vendor.changeMoreThanAPage!();
    const pages: EmployeePage[] = [];
    let cursor: string | null = null;
    do {
      const page: EmployeePage = await connector.fetchChangedEmployeePage(since, cursor);
      pages.push(page);
      cursor = page.nextCursor;
    } while (cursor !== null && pages.length < 50);
    expect(pages.length).toBeGreaterThan(1);
    expect(new Set(pages.flatMap((p) => p.employees.map((e) => e.remoteId)))).toEqual(new Set(changed));
  });

  it('recovers a throttled page, waiting as long as Retry-After says where the vendor sends it', async () => {
    const throttled = onListing({ kind: 'throttle', retryAfterSeconds: 2 });
    expectComplete(await listAll(connect()));
    expect(throttled.hits).toBe(1);
    expect(waits).toHaveLength(1);
    if (vendor.throttleSendsRetryAfter) expect(waits).toEqual([2000]);
    else expect(waits[0]).toBeGreaterThan(0);
  });

  it('recovers a throttled page without Retry-After by backing off', async () => {
    const throttled = onListing({ kind: 'throttle', times: 2 });
    expectComplete(await listAll(connect()));
    expect(throttled.hits).toBe(2);
    expect(waits).toHaveLength(2);
    expect(waits[1]).toBeGreaterThan(waits[0]);
  });

  it('gives up with a rate-limit error, never refused credentials or a short listing, when throttling persists', async () => {
    onListing({ kind: 'throttle', times: 100 }, 0);
    const connector = system.create(system.credentialsSchema.parse(vendor.credentials), { sleep: async () => undefined, maxAttempts: 3 });
    await expect(listAll(connector)).rejects.toBeInstanceOf(RateLimitedError);
  });

  it('recovers a storm of 5xx answers', async () => {
    const unavailable = onListing({ kind: 'unavailable', status: 503, times: 2 });
    const failed = onListing({ kind: 'unavailable', status: 500 });
    expectComplete(await listAll(connect()));
    expect(unavailable.hits + failed.hits).toBe(3);
    expect(vendor.log.count({ path: vendor.listingPath, status: 503 })).toBe(2);
  });

  it('survives a slow page and a listing cut short, never taking a short listing for a complete one', async () => {
    const cut = onListing({ kind: 'cut-short' }, 0);
    const slow = onListing({ kind: 'slow', delayMs: 200 }, 1); // the retry of the page cut short
    expectComplete(await listAll(connect()));
    expect([slow.hits, cut.hits]).toEqual([1, 1]);
  });

  it('gets one access token for a whole listing and renews it once it expired mid-listing (vendors with tokens)', async () => {
    const connector = connect();
    if (vendor.tokenPath === null) {
      return; // static keys (the fixture says so): nothing expires
    }
    await listAll(connector);
    await connector.listAttributes();
    expect(vendor.log.count({ path: vendor.tokenPath })).toBe(1);
    const first = await connector.fetchEmployeePage(null);
    expect(first.nextCursor).not.toBeNull();
    const tokensBefore = vendor.log.count({ path: vendor.tokenPath, status: 200 });
    const expired = vendor.faults.add({ kind: 'expired-token', path: vendor.listingPath });
    expectComplete(await listAll(connector, first));
    expect(expired.hits).toBe(1);
    expect(vendor.log.count({ path: vendor.tokenPath, status: 200 })).toBe(tokensBefore + 1);
  });

  it('counts a malformed record as invalid and keeps everyone else', async () => {
    expectComplete(await listAll(connect())); // the fixture's own malformed records
    // One more, in place of a real record of a page: exactly that person is missing, nobody else.
    const injected = onListing({ kind: 'malformed-record' }, 0);
    const listing = await listAll(connect());
    expect(injected.hits).toBe(1);
    expect(listing.invalid).toBe(vendor.malformedRecords + 1);
    const listed = new Set(listing.employees.map((e) => e.remoteId));
    expect(listed.size).toBe(listing.employees.length);
    expect(vendor.expected().filter((p) => !listed.has(p.remoteId))).toHaveLength(1);
  });

  it('discovers the custom attributes to map and carries their values', async () => {
    const connector = connect();
    const attributes = await connector.listAttributes();
    const { employees } = await listAll(connector);
    for (const key of Object.values(vendor.mapping)) {
      expect(attributes).toContainEqual(expect.objectContaining({ key, custom: true }));
      expect(employees.filter((e) => e.attributes[key] !== null && e.attributes[key] !== undefined).length).toBeGreaterThan(0);
    }
  });

  it('offers the legal entities', async () => {
    const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
    const entities = await connect().listLegalEntities();
    expect([...entities].sort(byId)).toEqual(vendor.legalEntities().sort(byId));
    // A vendor without legal entities (its fixture lists none, e.g. Humaans) offers none; the others several.
    if (vendor.legalEntities().length > 0) expect(entities.length).toBeGreaterThan(1);
  });
});
