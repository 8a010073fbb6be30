// What is particular to Sesame HR (the contract suite covers the rest): the regional API host, the
// two status passes (active, inactive) over page/limit with meta.lastPage, leaving and hire dates
// from the contracts (endDate), the current contract's workday type, native children, and refusals.
import { CredentialsRejectedError } from '../../connectors/errors';
import type { RunningFake } from '../../connectors/kit/fake';
import { readCursor } from '../../connectors/sesame-hr/connector';
import { sesameBaseUrl, sesameHr, sesameHrCredentials } from '../../connectors/sesame-hr/definition';
import { FAKE_SESAME_TOKEN, startFakeSesame, type FakeSesameOptions, type FakeSesameState } from '../../connectors/sesame-hr/fake-server';
import { customFieldKey, mapSesameEmployee } from '../../connectors/sesame-hr/mapping';
import type { ConnectorContext } from '../../connectors/types';
import { readAllPages } from '../support/connector-pages';

const noWait: ConnectorContext = { sleep: async () => undefined };
const today = '2026-12-01';

describe('Sesame HR credentials and mapping', () => {
  it('builds the regional host from the region, also as pasted', () => {
    expect(sesameBaseUrl(sesameHrCredentials.parse({ apiToken: 't' }))).toBe('https://api-eu1.sesametime.com');
    expect(sesameBaseUrl(sesameHrCredentials.parse({ apiToken: 't', region: 'https://api-EU2.sesametime.com/' }))).toBe('https://api-eu2.sesametime.com');
    expect(sesameHrCredentials.safeParse({ apiToken: 't', region: 'eu 1' }).success).toBe(false);
    expect(readCursor(null)).toEqual({ pass: 'active', page: 1 });
    expect(() => readCursor('2')).toThrow(/Not a Sesame HR listing cursor/);
  });

  const employee = { id: 'e-1', firstName: 'Lucía', lastName: 'García', email: 'lucia@example.es', code: 7, status: 'active', gender: 'female', maritalStatus: 'Casada', children: 2, company: { id: 'c1', name: 'Sesame Ibérica S.L.' } };
  const map = (fields: Record<string, unknown>, contracts: unknown[], current: Record<string, unknown> | null = null) => {
    const result = mapSesameEmployee({ ...employee, ...fields }, { contracts, current }, today);
    if (!result.ok) throw new Error(result.invalid.reason);
    return result.employee;
  };

  it('reads the leaving date from the contracts: an open contract means employed, else the latest end', () => {
    expect(map({}, [{ startDate: '2014-08-25', endDate: null }], { workdayType: { name: 'Parcial' } })).toMatchObject({ leavingDate: null, status: 'active', hireDate: '2014-08-25', employmentType: 'PART_TIME', numberOfChildren: 2, maritalStatus: 'married', personnelNumber: '7', legalEntity: { id: 'c1', name: 'Sesame Ibérica S.L.' } });
    expect(map({ status: 'inactive' }, [{ startDate: '2010-01-01', endDate: '2011-01-01' }, { startDate: '2014-08-25', endDate: '2025-03-31' }])).toMatchObject({ leavingDate: '2025-03-31', status: 'terminated', hireDate: '2010-01-01' });
    expect(map({}, [{ startDate: '2014-08-25', endDate: '2030-06-30' }])).toMatchObject({ leavingDate: '2030-06-30', status: 'active' });
    // Inactive without contracts: left, date unknown (the sync reports it).
    expect(map({ status: 'inactive' }, [])).toMatchObject({ leavingDate: null, status: 'terminated' });
    expect(map({ gender: 'no_response', children: null }, [])).toMatchObject({ gender: null, numberOfChildren: null });
    expect(mapSesameEmployee(employee, { contracts: [{ startDate: '2014-08-25', endDate: 'soon' }], current: null }, today)).toEqual({ ok: false, invalid: { remoteId: 'e-1', reason: 'contract endDate "soon" is not a date' } });
  });
});

describe('Sesame HR connector against the fake Sesame API', () => {
  let fake: RunningFake<FakeSesameState>;
  const start = async (options: FakeSesameOptions = {}) => {
    fake = await startFakeSesame({ people: 30, ...options });
  };
  const connect = (apiToken = FAKE_SESAME_TOKEN) => sesameHr.create(sesameHr.credentialsSchema.parse({ apiToken, baseUrl: fake.url }), noWait);
  afterEach(async () => {
    await fake?.close();
  });

  it('walks status=active, then status=inactive, by page and limit up to meta.lastPage', async () => {
    await start({ maxLimit: 10 });
    const pages = await readAllPages(connect());
    const listing = fake.log.find({ path: '/core/v3/employees' });
    expect(listing.map((e) => `${e.query.get('status')}:${e.query.get('page')}:${e.query.get('limit')}`)).toEqual(['active:1:100', 'active:2:100', 'active:3:100', 'inactive:1:100']);
    expect(pages.map((p) => p.nextCursor)).toEqual(['active:2', 'active:3', 'inactive:1', null]);
    const employees = pages.flatMap((p) => p.employees);
    expect(new Set(employees.map((e) => e.remoteId)).size).toBe(30);
    expect(employees.filter((e) => e.status === 'terminated')).toHaveLength(6);
    for (const e of employees.filter((x) => x.status === 'terminated')) expect(e.leavingDate).toBe(fake.state.leavingDate(e.remoteId));
  });

  it('reads every employee’s contracts, and the current contract of active ones only', async () => {
    await start({ people: 10 });
    const employees = new Map((await readAllPages(connect())).flatMap((p) => p.employees).map((e) => [e.remoteId, e]));
    expect(fake.log.count({ path: /^\/contract\/v1\/contracts\/[^/]+$/ })).toBe(10);
    expect(fake.log.count({ path: /current-contract$/ })).toBe(8);
    const sixth = employees.get('e0000000-0000-4000-8000-000000000006')!;
    expect(sixth).toMatchObject({ hireDate: '2010-01-07', leavingDate: null, status: 'active' });
    expect(employees.get('e0000000-0000-4000-8000-000000000008')).toMatchObject({ employmentType: 'PART_TIME', numberOfChildren: 0 });
    expect(employees.get('e0000000-0000-4000-8000-000000000003')).toMatchObject({ leavingDate: '2030-06-30', employmentType: 'FULL_TIME' });
  });

  it('keeps someone terminated after the first sync, through their contract end', async () => {
    await start({ people: 10 });
    fake.state.terminate('e0000000-0000-4000-8000-000000000002', '2026-01-31');
    const employees = new Map((await readAllPages(connect())).flatMap((p) => p.employees).map((e) => [e.remoteId, e]));
    expect(employees.get('e0000000-0000-4000-8000-000000000002')).toMatchObject({ status: 'terminated', leavingDate: '2026-01-31', attributes: expect.objectContaining({ status: 'inactive' }) });
  });

  it('refuses a wrong token with Sesame’s reason and the region hint', async () => {
    await start({ people: 2 });
    const refused = await connect('wrong').checkCredentials().catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(CredentialsRejectedError);
    expect((refused as Error).message).toBe('Sesame HR refused the credentials: Unauthenticated. (check the token and the region of your Sesame API host)');
  });

  it('offers the company’s custom fields and carries their values', async () => {
    await start({ people: 3 });
    expect(await connect().listAttributes()).toContainEqual({ key: customFieldKey('cf_talla_camiseta'), label: 'Talla camiseta', type: 'string', custom: true });
    const [first] = (await readAllPages(connect())).flatMap((p) => p.employees);
    expect(first.attributes[customFieldKey('cf_talla_camiseta')]).toBe('M');
  });
});
