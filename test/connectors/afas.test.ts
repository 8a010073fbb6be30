// What is particular to AFAS Profit (the contract suite covers the rest): the AfasToken header
// (base64 of the token XML), the environment's host, the admin's GetConnector and its field ids
// (checked against /metainfo/get/<id>), skip/take read to an empty page and always sorted,
// Profit's empty 401 / error body / 403 for an IP restriction, and leavers from the end date.
import { CredentialsRejectedError, HrSystemResponseError } from '../../connectors/errors';
import { afas, afasAuthorization, afasBaseUrl, afasTokenXml } from '../../connectors/afas/definition';
import { FAKE_AFAS_GET_CONNECTOR, FAKE_AFAS_TOKEN, NUMBER_OF_CHILDREN_FIELD, startFakeAfas, type RunningFakeAfas } from '../../connectors/afas/fake-server';
import { AFAS_DEFAULT_FIELDS as F, employmentTypeOf, genderOf, mapAfasRow, maritalStatusOf } from '../../connectors/afas/mapping';
import type { ConnectorContext } from '../../connectors/types';
import { readAllPages } from '../support/connector-pages';

const noWait: ConnectorContext = { sleep: async () => undefined };
const today = '2026-12-01';
const LISTING = `/ProfitRestServices/connectors/${FAKE_AFAS_GET_CONNECTOR}`;

describe('AFAS credentials and host', () => {
  it('sends the token XML base64-encoded after "AfasToken", whether entered as XML or as base64', () => {
    const b64 = Buffer.from(FAKE_AFAS_TOKEN).toString('base64');
    expect(afasAuthorization(FAKE_AFAS_TOKEN)).toBe(`AfasToken ${b64}`);
    expect(afasAuthorization(b64)).toBe(`AfasToken ${b64}`);
    expect(afasTokenXml('949C1A9CD9AE4797950D94F55A7A4D05')).toBeNull();
    const parsed = afas.credentialsSchema.safeParse({ environmentId: '12345', token: 'not a token', getConnector: 'X' });
    expect(parsed.success).toBe(false);
  });

  it('uses the environment’s own host: rest, resttest or restaccept', () => {
    expect(afasBaseUrl({ environmentId: '12345' })).toBe('https://12345.rest.afas.online/ProfitRestServices');
    expect(afasBaseUrl({ environmentId: '12345', environmentType: 'test' })).toBe('https://12345.resttest.afas.online/ProfitRestServices');
    expect(afasBaseUrl({ environmentId: '12345', environmentType: 'accept' })).toBe('https://12345.restaccept.afas.online/ProfitRestServices');
    expect(afas.credentialsSchema.safeParse({ token: FAKE_AFAS_TOKEN, getConnector: 'X' }).success).toBe(false);
  });
});

describe('AFAS row mapping', () => {
  const map = (fields: Record<string, unknown>) => {
    const result = mapAfasRow({ [F.employeeId]: '000001005', [F.firstName]: 'Alex', [F.lastName]: 'Marlow', ...fields }, F, today);
    if (!result.ok) throw new Error(result.invalid.reason);
    return result.employee;
  };

  it('reads the end date (Datum uit dienst) as written, Z or not: passed = terminated, future = still active', () => {
    expect(map({ [F.leavingDate]: '2024-04-30T00:00:00Z' })).toMatchObject({ leavingDate: '2024-04-30', status: 'terminated' });
    expect(map({ [F.leavingDate]: '2030-06-30T00:00:00Z', [F.hireDate]: '2012-03-01T00:00:00Z' })).toMatchObject({ leavingDate: '2030-06-30', hireDate: '2012-03-01', status: 'active' });
    expect(map({ [F.leavingDate]: null, [F.hireDate]: '2031-01-01T00:00:00Z' })).toMatchObject({ leavingDate: null, status: 'onboarding' });
    expect(mapAfasRow({ [F.employeeId]: '7', [F.leavingDate]: 'binnenkort' }, F, today)).toEqual({ ok: false, invalid: { remoteId: '7', reason: `${F.leavingDate} "binnenkort" is not a date` } });
    expect(mapAfasRow({ [F.leavingDate]: null }, F, today)).toMatchObject({ ok: false, invalid: { remoteId: null } });
  });

  it('reads Dutch labels and Profit’s codes; the employee id is the personnel number, the employer the legal entity', () => {
    expect(map({ [F.employerId]: '01', [F.employerName]: 'Voorbeeld B.V.' })).toMatchObject({ personnelNumber: '000001005', legalEntity: { id: '01', name: 'Voorbeeld B.V.' } });
    expect([employmentTypeOf('Voltijd'), employmentTypeOf('Deeltijd'), employmentTypeOf('Stagiair'), employmentTypeOf('Oproepkracht')]).toEqual(['FULL_TIME', 'PART_TIME', 'INTERN', 'OTHER']);
    expect([genderOf('M'), genderOf('V'), genderOf('O'), genderOf('X')]).toEqual(['male', 'female', null, 'diverse']);
    expect([maritalStatusOf('Gehuwd'), maritalStatusOf('Ongehuwd'), maritalStatusOf('Geregistreerd partnerschap'), maritalStatusOf('Gescheiden')]).toEqual(['married', 'single', 'registered_partnership', 'divorced']);
  });
});

describe('AFAS connector against the fake Profit', () => {
  let fake: RunningFakeAfas;
  afterEach(async () => fake?.close());
  const connect = (extra: Record<string, unknown> = {}) =>
    afas.create(afas.credentialsSchema.parse({ environmentId: '12345', token: FAKE_AFAS_TOKEN, getConnector: FAKE_AFAS_GET_CONNECTOR, baseUrl: fake.url, ...extra }), noWait);
  const refusal = (promise: Promise<unknown>) => promise.catch((e: unknown) => e);

  it('reads skip/take sorted on the employee id, to an empty page (a short page proves nothing)', async () => {
    fake = await startFakeAfas({ employees: 45 });
    const leaver = [...fake.state.employees.keys()][3];
    fake.state.endEmployment(leaver, '2026-01-15');
    const pages = await readAllPages(connect({ pageSize: 20 }));
    const asked = fake.log.find({ path: LISTING }).map((e) => [e.query.get('skip'), e.query.get('take'), e.query.get('orderbyfieldids')]);
    expect(asked).toEqual([
      ['0', '20', 'EmployeeId'],
      ['20', '20', 'EmployeeId'],
      ['40', '20', 'EmployeeId'],
      ['45', '20', 'EmployeeId'],
    ]);
    const employees = pages.flatMap((p) => p.employees);
    expect(employees).toHaveLength(45);
    expect(employees.find((e) => e.remoteId === leaver)).toMatchObject({ status: 'terminated', leavingDate: '2026-01-15' });
    expect(employees.filter((e) => e.status === 'terminated').length).toBe(10);
    // A page shorter than asked (fewer served) does not end the listing: the next skip follows the rows served…
    const five = [...fake.state.employees.values()].slice(0, 5);
    fake.faults.add({ kind: 'answer', path: LISTING, response: { status: 200, body: { skip: 0, take: 20, rows: five } } });
    const connector = connect({ pageSize: 20 });
    const first = await connector.fetchEmployeePage(null);
    expect(first).toMatchObject({ nextCursor: '5' });
    // …and an answer for another position is refused, never read as the end.
    fake.faults.add({ kind: 'answer', path: LISTING, response: { status: 200, body: { skip: 0, take: 20, rows: [] } } });
    await expect(connector.fetchEmployeePage(first.nextCursor)).rejects.toBeInstanceOf(HrSystemResponseError);
  });

  it('serves rows in a changing order without orderbyfieldids, as AFAS warns (why the connector always sorts)', async () => {
    fake = await startFakeAfas({ employees: 5 });
    const headers = { authorization: afasAuthorization(FAKE_AFAS_TOKEN) };
    const ids = async () => ((await (await fetch(`${fake.url}${LISTING}?skip=0&take=2`, { headers })).json()) as { rows: Record<string, unknown>[] }).rows.map((r) => r[F.employeeId]);
    expect(await ids()).not.toEqual(await ids());
    const bad = await fetch(`${fake.url}${LISTING}?skip=2&take=-1`, { headers });
    expect(bad.status).toBe(500);
    expect(await bad.json()).toMatchObject({ externalMessage: 'An unexpected error has occurred.', profitLogReference: expect.any(String) });
  });

  it('refuses an unknown token, a GetConnector outside the App Connector and an IP restriction, with Profit’s reason', async () => {
    fake = await startFakeAfas({ employees: 3 });
    const wrongToken = '<token><version>1</version><data>00</data></token>';
    expect(await refusal(connect({ token: wrongToken }).checkCredentials())).toEqual(
      new CredentialsRejectedError('AFAS Software refused the credentials: the token was not accepted (HTTP 401; check the token and the environment number)', 'AFAS Software'),
    );
    const other = (await refusal(connect({ getConnector: 'Profit_Employees' }).checkCredentials())) as Error;
    expect(other).toBeInstanceOf(CredentialsRejectedError);
    expect(other.message).toMatch(/^AFAS Software refused the credentials: GetConnector not supported for this app or the user is not authorized \(Profit log reference \w+\) \(the GetConnector Profit_Employees must be added/);
    fake.state.restrictIp(true);
    expect(((await refusal(connect().checkCredentials())) as Error).message).toMatch(/IP restriction of the App Connector/);
  });

  it('checks the field ids against the GetConnector’s metainfo: the end date is required, named fields must exist', async () => {
    fake = await startFakeAfas({ employees: 3 });
    await expect(connect().checkCredentials()).resolves.toBeUndefined();
    const typo = (await refusal(connect({ emailField: 'EmailWrok' }).checkCredentials())) as Error;
    expect(typo).toBeInstanceOf(CredentialsRejectedError);
    expect(typo.message).toBe('AFAS Software has no field EmailWrok in the GetConnector Benefits_Employees (add it to the GetConnector, or name the field id it has)');
    expect(((await refusal(connect({ leavingDateField: 'Datum_uit_dienst' }).checkCredentials())) as Error).message).toMatch(/has no field Datum_uit_dienst/);
    // A renamed field is read under its own id.
    fake.state.addField('Werkmail', 'E-mail werk (nieuw)');
    const id = [...fake.state.employees.keys()][0];
    fake.state.editEmployee(id, { Werkmail: 'new@example.nl' });
    const employees = (await readAllPages(connect({ emailField: 'Werkmail' }))).flatMap((p) => p.employees);
    expect(employees.find((e) => e.remoteId === id)?.email).toBe('new@example.nl');
  });

  it('offers every field of the GetConnector, one added later too, and the distinct employers', async () => {
    fake = await startFakeAfas({ employees: 6 });
    const connector = connect();
    const before = await connector.listAttributes();
    expect(before).toContainEqual({ key: NUMBER_OF_CHILDREN_FIELD, label: 'Aantal kinderen', type: 'number', custom: true });
    expect(before).toContainEqual({ key: F.leavingDate, label: 'Datum uit dienst', type: 'date', custom: false });
    fake.state.addField('Lease_auto', 'Leaseauto', 'boolean');
    expect(await connector.listAttributes()).toContainEqual({ key: 'Lease_auto', label: 'Leaseauto', type: 'boolean', custom: true });
    expect((await connector.listLegalEntities()).map((e) => e.name).sort()).toEqual(['Voorbeeld GmbH', 'Voorbeeld Holding B.V.', 'Voorbeeld Services B.V.']);
    expect(connector.fetchChangedEmployeePage).toBeUndefined();
  });
});
