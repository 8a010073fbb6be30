// What is particular to Lucca (the contract suite covers the rest): former employees asked for
// explicitly (the fake, like Lucca's default, leaves them out otherwise), the connector's own filters
// on every page (the next link carries only page and limit), totalCount and links checks, the
// Api-Version header, employments read one by one when not embedded, employment types from templates,
// the tenant credential, OAuth and problem-details refusals, and Lucca's 50 requests a minute.
import { CredentialsRejectedError, HrSystemResponseError } from '../../connectors/errors';
import { lucca, luccaCredentials, luccaHost } from '../../connectors/lucca/definition';
import { FAKE_LUCCA_CLIENT_ID, FAKE_LUCCA_CLIENT_SECRET, FAKE_LUCCA_TENANT, startFakeLucca, type RunningFakeLucca } from '../../connectors/lucca/fake-server';
import { employmentTypeOf, mapLuccaEmployee, statusOf, type LuccaEmployment } from '../../connectors/lucca/mapping';
import type { ConnectorContext } from '../../connectors/types';
import { readAllPages } from '../support/connector-pages';

const noWait: ConnectorContext = { sleep: async () => undefined };
const today = '2026-12-01';

describe('Lucca employee mapping', () => {
  const templates = new Map([
    ['1', { id: '1', title: 'CDI', term: 'permanent', audience: 'employee' }],
    ['3', { id: '3', title: 'Convention de stage', term: 'fixed', audience: 'student' }],
  ]);
  const employment = (fields: Partial<LuccaEmployment> = {}): LuccaEmployment => ({ id: '9', start: { date: '2020-03-01' }, end: null, legalEntity: { id: '1' }, template: { id: '1' }, ...fields });
  const map = (fields: Record<string, unknown>, job: LuccaEmployment | null = employment()) =>
    mapLuccaEmployee({ id: '416', givenName: 'Edward', familyName: 'Atkinson', email: 'ea@acme.test', employeeNumber: 'E1', status: 'active', ...fields }, { employment: job, templates, legalEntities: new Map([['1', 'Acme S.A.S.']]), extensions: new Map(), today });

  it('reads the employee and the applicable employment: dates, legal entity with its name, template', () => {
    const result = map({});
    expect(result.ok && result.employee).toMatchObject({ remoteId: '416', firstName: 'Edward', lastName: 'Atkinson', personnelNumber: 'E1', hireDate: '2020-03-01', leavingDate: null, status: 'active', legalEntity: { id: '1', name: 'Acme S.A.S.' }, employmentType: 'OTHER' });
  });

  it('keeps former employees with their leaving date; an end that is not a day is an invalid record, never "not leaving"', () => {
    const left = map({ status: 'deactivated' }, employment({ end: { date: '2025-06-30' } }));
    expect(left.ok && left.employee).toMatchObject({ status: 'terminated', leavingDate: '2025-06-30' });
    const broken = map({ status: 'deactivated' }, employment({ end: { date: 'soon' } }));
    expect(broken.ok).toBe(false);
  });

  it('reads Lucca statuses', () => {
    expect(statusOf('upcoming', null, today)).toBe('onboarding');
    expect(statusOf('active', '2030-06-30', today)).toBe('active');
    expect(statusOf('deactivated', null, today)).toBe('inactive');
    expect(statusOf('former', '2025-01-31', today)).toBe('terminated');
    expect(statusOf(undefined, '2025-01-31', today)).toBe('terminated');
  });

  it('takes the employment type from the template audience, else its title', () => {
    expect(employmentTypeOf({ audience: 'student', title: 'Convention de stage' })).toBe('INTERN');
    expect(employmentTypeOf({ audience: 'external', title: 'Freelance' })).toBe('CONTRACTOR');
    expect(employmentTypeOf({ audience: 'employee', title: 'Part-time CDI' })).toBe('PART_TIME');
    expect(employmentTypeOf(undefined)).toBeNull();
  });
});

describe('Lucca credentials', () => {
  it('reads the tenant as Lucca writes hosts', () => {
    const parse = (tenant: string) => luccaCredentials.parse({ tenant, clientId: 'c', clientSecret: 's' }).tenant;
    expect(luccaHost(parse('Acme'))).toBe('https://acme.ilucca.net');
    expect(luccaHost(parse('https://acme.ilucca-test.net/home'))).toBe('https://acme.ilucca-test.net');
    expect(() => parse('acme corp')).toThrow();
  });
});

describe('Lucca connector against the fake', () => {
  let fake: RunningFakeLucca;
  const credentials = () => ({ tenant: FAKE_LUCCA_TENANT, clientId: FAKE_LUCCA_CLIENT_ID, clientSecret: FAKE_LUCCA_CLIENT_SECRET, baseUrl: fake.url, tokenUrl: `${fake.url}/connect/token` });
  const connect = (overrides: Record<string, unknown> = {}, context: ConnectorContext = noWait) => lucca.create(luccaCredentials.parse({ ...credentials(), ...overrides }), context);
  afterEach(async () => fake?.close());

  it('asks for every status on every page, so former employees are listed (Lucca leaves them out otherwise)', async () => {
    fake = await startFakeLucca({ people: 60, maxLimit: 10, requestsPerMinute: null });
    const pages = await readAllPages(connect());
    const employees = pages.flatMap((p) => p.employees);
    expect(employees).toHaveLength(60);
    expect(employees.filter((e) => e.status === 'terminated').length).toBe(12);
    const listing = fake.log.find({ path: '/lucca-api/employees' });
    expect(listing.length).toBe(6);
    for (const entry of listing) {
      expect(entry.query.get('status')).toBe('active,upcoming,deactivated');
      expect(entry.query.get('include')).toBe('embedded,links,totalCount');
    }
    expect(employees.find((e) => e.remoteId === '4')).toMatchObject({ status: 'onboarding', hireDate: '2030-01-04' });
    expect(new Set(employees.map((e) => e.legalEntity?.id))).toEqual(new Set(['1', '2']));
  });

  it('reads an employment Lucca did not embed on its own', async () => {
    fake = await startFakeLucca({ people: 10, requestsPerMinute: null, unembeddedEmployments: ['4005'] });
    const [page] = await readAllPages(connect());
    expect(page.employees.find((e) => e.remoteId === '5')).toMatchObject({ leavingDate: fake.state.endDateOf('5'), status: 'terminated' });
    expect(fake.log.count({ path: '/lucca-api/employments/4005' })).toBe(1);
  });

  it('refuses a last page whose totalCount disagrees, and an answer without paging links', async () => {
    fake = await startFakeLucca({ people: 10, requestsPerMinute: null });
    fake.faults.add({ kind: 'answer', path: '/lucca-api/employees', response: { status: 200, body: { items: [], totalCount: 10, links: { prev: null, next: null } } } });
    await expect(connect().fetchEmployeePage(null)).rejects.toBeInstanceOf(HrSystemResponseError);
    fake.faults.add({ kind: 'answer', path: '/lucca-api/employees', response: { status: 200, body: { items: [] } } });
    await expect(connect().fetchEmployeePage(null)).rejects.toBeInstanceOf(HrSystemResponseError);
  });

  it('offers extension definitions as custom attributes and the legal entities by legal name', async () => {
    fake = await startFakeLucca({ people: 5, requestsPerMinute: null });
    const connector = connect();
    expect(await connector.listAttributes()).toContainEqual({ key: 'extensions.e_number_of_children', label: 'Number of children', type: 'number', custom: true });
    expect(await connector.listLegalEntities()).toEqual([
      { id: '1', name: 'Example France S.A.S.' },
      { id: '2', name: 'Example Suisse S.A.' },
    ]);
    expect(await connector.listEmploymentTypes()).toEqual(expect.arrayContaining(['INTERN', 'CONTRACTOR', 'OTHER']));
  });

  it('refuses wrong client credentials and a scope not granted with the OAuth reason, and a 403 with the problem details', async () => {
    fake = await startFakeLucca({ people: 5, requestsPerMinute: null });
    await expect(connect({ clientSecret: 'wrong' }).checkCredentials()).rejects.toThrow(/^Lucca refused the credentials: invalid_client/);
    await fake.close();
    fake = await startFakeLucca({ people: 5, requestsPerMinute: null, grantedScopes: ['employees.readonly'] });
    await expect(connect().checkCredentials()).rejects.toThrow(/invalid_scope/);
    await fake.close();
    fake = await startFakeLucca({ people: 5, requestsPerMinute: null });
    fake.faults.add({ kind: 'answer', path: '/lucca-api/employees', response: { status: 403, body: { title: 'Forbidden', status: 403, detail: 'Missing scope employees.readonly.' } } });
    const refused = await connect().checkCredentials().catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(CredentialsRejectedError);
    expect((refused as Error).message).toMatch(/^Lucca refused access: Forbidden: Missing scope employees\.readonly\./);
  });

  it('serves Lucca’s limits: the Api-Version header is required, 50 requests a minute then 429 with Retry-After', async () => {
    fake = await startFakeLucca({ people: 5, requestsPerMinute: 3 });
    const token = await fetch(`${fake.url}/connect/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: FAKE_LUCCA_CLIENT_ID, client_secret: FAKE_LUCCA_CLIENT_SECRET, scope: 'employees.readonly' }),
    }).then((r) => r.json() as Promise<{ access_token: string; expires_in: number }>);
    expect(token.expires_in).toBe(1800);
    const get = (headers: Record<string, string>) => fetch(`${fake.url}/lucca-api/employees`, { headers: { authorization: `Bearer ${token.access_token}`, ...headers } });
    const noVersion = await get({});
    expect(noVersion.status).toBe(400);
    expect(await noVersion.json()).toMatchObject({ title: 'Bad Request', status: 400 });
    for (let i = 0; i < 3; i++) expect((await get({ 'api-version': '2024-11-01' })).status).toBe(200);
    const throttled = await get({ 'api-version': '2024-11-01' });
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('60');
  });

  it('leaves former employees out when no status is asked for, as the defensive reading of Lucca’s default', async () => {
    fake = await startFakeLucca({ people: 10, requestsPerMinute: null });
    const token = await fetch(`${fake.url}/connect/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `grant_type=client_credentials&client_id=${FAKE_LUCCA_CLIENT_ID}&client_secret=${FAKE_LUCCA_CLIENT_SECRET}` }).then((r) => r.json() as Promise<{ access_token: string }>);
    const body = (await fetch(`${fake.url}/lucca-api/employees?include=totalCount`, { headers: { authorization: `Bearer ${token.access_token}`, 'api-version': '2024-11-01' } }).then((r) => r.json())) as { totalCount: number; items: Array<{ status: string }> };
    expect(body.totalCount).toBe(8);
    expect(body.items.every((e) => e.status !== 'deactivated')).toBe(true);
  });
});
