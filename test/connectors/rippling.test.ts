// What is particular to Rippling (the contract suite covers the rest): two passes over GET /workers/
// (the plain list, then filter=status eq 'TERMINATED', so leavers never vanish and nobody comes
// twice), next_link paging (relative links resolved, foreign hosts refused, the query kept),
// expand=…, the Rippling-Api-Version header, end_date as the leaving date, the expanded employment
// type and legal entity, custom field values, and the change listing on updated_at.
import { CredentialsRejectedError, HrSystemResponseError } from '../../connectors/errors';
import { WORKER_EXPAND } from '../../connectors/rippling/connector';
import { rippling } from '../../connectors/rippling/definition';
import { FAKE_RIPPLING_API_TOKEN, NUMBER_OF_CHILDREN_FIELD_ID, SHIRT_SIZE_FIELD_ID, startFakeRippling, type RunningFakeRippling } from '../../connectors/rippling/fake-server';
import { customFieldKey, customValuesOf, mapRipplingWorker } from '../../connectors/rippling/mapping';
import type { ConnectorContext } from '../../connectors/types';
import { readAllPages } from '../support/connector-pages';

const noWait: ConnectorContext = { sleep: async () => undefined };
const today = '2026-12-01';

describe('Rippling worker mapping', () => {
  const worker = (fields: Record<string, unknown>) => ({ id: 'w1', work_email: 'alex@example.com', user: { name: { given_name: 'Alex', family_name: 'Marlow' } }, ...fields });
  const map = (fields: Record<string, unknown>) => {
    const result = mapRipplingWorker(worker(fields), today);
    if (!result.ok) throw new Error(result.invalid.reason);
    return result.employee;
  };

  it('reads end_date as the leaving date, TERMINATED as terminated, hires not started as onboarding', () => {
    expect(map({ status: 'TERMINATED', end_date: '2026-03-31', termination_details: { type: 'VOLUNTARY' } })).toMatchObject({ leavingDate: '2026-03-31', status: 'terminated', attributes: { 'termination_details.type': 'VOLUNTARY' } });
    expect(map({ status: 'ACTIVE', end_date: '2030-06-30' })).toMatchObject({ leavingDate: '2030-06-30', status: 'active' });
    expect(map({ status: 'TERMINATED', end_date: null })).toMatchObject({ leavingDate: null, status: 'terminated' });
    for (const status of ['INIT', 'HIRED', 'ACCEPTED']) expect(map({ status, start_date: '2030-01-04' })).toMatchObject({ status: 'onboarding', hireDate: '2030-01-04' });
  });

  it('reads names from the expanded user, number, gender, the employment type and the legal entity', () => {
    const fullTime = { id: 't1', label: 'Salaried FT', type: 'EMPLOYEE', amount_worked: 'FULL-TIME' };
    expect(map({ number: 42, gender: 'NONBINARY', employment_type: fullTime, legal_entity_id: 'le1', legal_entity: { id: 'le1', legal_name: 'Example GmbH' } })).toMatchObject({
      firstName: 'Alex',
      lastName: 'Marlow',
      personnelNumber: '42',
      gender: 'diverse',
      employmentType: 'FULL_TIME',
      legalEntity: { id: 'le1', name: 'Example GmbH' },
    });
    expect(map({ employment_type: { type: 'CONTRACTOR', amount_worked: 'FULL-TIME' }, gender: 'PREFER_NOT_TO_SAY' })).toMatchObject({ employmentType: 'CONTRACTOR', gender: null });
    expect(map({ employment_type: { amount_worked: 'PART-TIME' } }).employmentType).toBe('PART_TIME');
    // Without the user expansion (or with it redacted) there is no name, never a wrong one.
    expect(map({ user: undefined })).toMatchObject({ firstName: null, lastName: null, email: 'alex@example.com' });
  });

  it('reads custom field values keyed by id, by name, or as one-entry objects', () => {
    const fields = [{ id: 'cf1', name: 'Kinder', type: 'NUMBER' }];
    expect([...customValuesOf([{ id: 'cf1', value: 2 }], fields)]).toEqual([['cf1', 2]]);
    expect([...customValuesOf([{ name: 'Kinder', value: 3 }], fields)]).toEqual([['cf1', 3]]);
    expect([...customValuesOf([{ Kinder: 1 }, { unknown: 5 }, 'junk'], fields)]).toEqual([['cf1', 1]]);
  });

  it('reports unreadable dates and shapes as invalid records', () => {
    expect(mapRipplingWorker(worker({ end_date: 'soon' }), today)).toEqual({ ok: false, invalid: { remoteId: 'w1', reason: 'end_date "soon" is not a date' } });
    expect(mapRipplingWorker(worker({ status: { value: 'ACTIVE' } }), today)).toMatchObject({ ok: false, invalid: { remoteId: 'w1' } });
    expect(mapRipplingWorker(worker({ user: 'u1' }), today)).toMatchObject({ ok: false });
    expect(mapRipplingWorker(worker({ custom_fields: {} }), today)).toMatchObject({ ok: false });
    expect(mapRipplingWorker({ work_email: 'x@example.com' }, today)).toMatchObject({ ok: false, invalid: { remoteId: null } });
  });
});

describe('Rippling connector against the fake Rippling', () => {
  let fake: RunningFakeRippling;
  afterEach(async () => fake?.close());
  const connect = (fields: Record<string, unknown> = {}, context: ConnectorContext = noWait) =>
    rippling.create(rippling.credentialsSchema.parse({ apiToken: FAKE_RIPPLING_API_TOKEN, baseUrl: fake.url, ...fields }), context);
  const workerRequests = () => fake.log.find({ path: /^\/workers\/?$/ });

  it('lists the plain pass and then the terminated pass, each to its last next_link, with the expansions', async () => {
    fake = await startFakeRippling({ workers: 130 });
    const pages = await readAllPages(connect());
    const asked = workerRequests().map((e) => [e.query.get('filter'), e.query.get('expand'), e.query.has('cursor')]);
    expect(asked).toEqual([
      [null, WORKER_EXPAND, false],
      [null, WORKER_EXPAND, true],
      [null, WORKER_EXPAND, true],
      ["status eq 'TERMINATED'", WORKER_EXPAND, false],
    ]);
    const employees = pages.flatMap((p) => p.employees);
    expect(employees).toHaveLength(130);
    expect(new Set(employees.map((e) => e.remoteId)).size).toBe(130);
    expect(employees.filter((e) => e.status === 'terminated')).toHaveLength(26);
    expect(employees.every((e) => e.firstName && e.legalEntity && e.employmentType)).toBe(true);
  });

  it('never lists someone twice when a filter is ignored, and keeps the query on a bare next_link', async () => {
    fake = await startFakeRippling({ workers: 20 });
    // Both passes answered with everyone (as if Rippling ignored the filter): still one record each.
    const everyone = [...fake.state.workers.values()];
    fake.faults.add({ kind: 'answer', path: /^\/workers\/?$/, times: 2, response: { status: 200, body: { results: everyone, next_link: null } } });
    const employees = (await readAllPages(connect())).flatMap((p) => p.employees);
    expect(employees).toHaveLength(20);
    // A relative next_link without expand: resolved on the API's host, the expansions put back.
    fake.faults.add({ kind: 'answer', path: /^\/workers\/?$/, response: { status: 200, body: { results: everyone.slice(0, 2), next_link: '/workers/?cursor=' } } });
    const connector = connect();
    const first = await connector.fetchEmployeePage(null);
    await connector.fetchEmployeePage(first.nextCursor);
    expect(workerRequests().at(-1)!.query.get('expand')).toBe(WORKER_EXPAND);
  });

  it('refuses a next_link to another host and an answer without results', async () => {
    fake = await startFakeRippling({ workers: 3 });
    fake.faults.add({ kind: 'answer', path: /^\/workers\/?$/, response: { status: 200, body: { results: [], next_link: 'https://attacker.example/workers/?cursor=x' } } });
    await expect(connect().fetchEmployeePage(null)).rejects.toBeInstanceOf(HrSystemResponseError);
    fake.faults.add({ kind: 'answer', path: /^\/workers\/?$/, response: { status: 200, body: { data: [] } } });
    await expect(connect().fetchEmployeePage(null)).rejects.toBeInstanceOf(HrSystemResponseError);
  });

  it('sends Rippling-Api-Version only when given, and refuses with Rippling’s reason', async () => {
    fake = await startFakeRippling({ workers: 3 });
    await connect({ apiVersion: '2024-08-01' }).checkCredentials();
    await connect().checkCredentials();
    expect(fake.state.apiVersions).toEqual(['2024-08-01', null]);
    await expect(connect({ apiToken: 'nope' }).checkCredentials()).rejects.toThrow(new CredentialsRejectedError('Rippling refused the credentials: Invalid token.', 'Rippling'));
    fake.faults.add({ kind: 'answer', response: { status: 403, body: { detail: 'You do not have permission to perform this action.' } } });
    const refused = await connect()
      .checkCredentials()
      .catch((e: unknown) => e);
    expect((refused as Error).message).toBe('Rippling refused the credentials: You do not have permission to perform this action. (the API token lacks a scope or API tier this read needs)');
    expect(() => rippling.credentialsSchema.parse({ apiToken: 'x', apiVersion: 'latest' })).toThrow();
  });

  it('falls back to the workers’ legal entities when /legal-entities/ is refused (API Tier 2)', async () => {
    fake = await startFakeRippling({ workers: 12 });
    fake.faults.add({ kind: 'answer', path: /^\/legal-entities\/?$/, response: { status: 403, body: { detail: 'API Tier 2 required.' } } });
    const entities = await connect().listLegalEntities();
    expect(entities.map((e) => e.name).sort()).toEqual(['Example GmbH', 'Example Inc.', 'Example Ltd']);
    expect(await connect().listEmploymentTypes()).toEqual(expect.arrayContaining(['FULL_TIME', 'PART_TIME', 'CONTRACTOR']));
  });

  it('offers custom fields, one created later too, and carries their values', async () => {
    fake = await startFakeRippling({ workers: 4 });
    const connector = connect();
    const before = await connector.listAttributes();
    expect(before).toContainEqual({ key: customFieldKey(SHIRT_SIZE_FIELD_ID), label: 'T-shirt size', type: 'list', custom: true });
    fake.state.customFields.push({ id: 'cf-new', name: 'Badge', type: 'TEXT' });
    expect((await connector.listAttributes()).length).toBe(before.length + 1);
    const id = [...fake.state.workers.keys()][0];
    fake.state.setCustomValue(id, NUMBER_OF_CHILDREN_FIELD_ID, 2);
    const employees = (await readAllPages(connector)).flatMap((p) => p.employees);
    expect(employees.find((e) => e.remoteId === id)!.attributes).toMatchObject({ [customFieldKey(NUMBER_OF_CHILDREN_FIELD_ID)]: 2, [customFieldKey(SHIRT_SIZE_FIELD_ID)]: expect.any(String) });
  });

  it('reads the change listing on updated_at, terminated workers included, and re-checks each record', async () => {
    fake = await startFakeRippling({ workers: 30 });
    const since = new Date(Date.now() - 1000);
    const [a, b] = [...fake.state.workers.keys()];
    fake.state.terminate(a, '2026-01-15');
    fake.state.editWorker(b, { title: 'Lead' });
    const changed = (await readAllPages(connect(), since)).flatMap((p) => p.employees);
    expect(changed.map((e) => e.remoteId).sort()).toEqual([a, b].sort());
    expect(changed.find((e) => e.remoteId === a)).toMatchObject({ status: 'terminated', leavingDate: '2026-01-15' });
    expect(workerRequests().at(-1)!.query.get('filter')).toBe(`updated_at gt ${since.toISOString()}`);
    // An answer that ignored the filter: only the records updated since are kept.
    fake.faults.add({ kind: 'answer', path: /^\/workers\/?$/, response: { status: 200, body: { results: [...fake.state.workers.values()], next_link: null } } });
    expect((await readAllPages(connect(), since)).flatMap((p) => p.employees)).toHaveLength(2);
  });

  it('waits out a 429 as long as its Retry-After says', async () => {
    fake = await startFakeRippling({ workers: 120, rateLimit: { requests: 2, windowMs: 300, retryAfterSeconds: 1 } });
    const waits: number[] = [];
    const realWait: ConnectorContext = { sleep: (ms) => new Promise((resolve) => setTimeout(resolve, (waits.push(ms), ms))) };
    const employees = (await readAllPages(connect({}, realWait))).flatMap((p) => p.employees);
    expect(employees).toHaveLength(120);
    expect(waits.length).toBeGreaterThan(0);
    expect(waits.every((ms) => ms === 1000)).toBe(true);
  });
});
