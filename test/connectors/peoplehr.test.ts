// What is particular to PeopleHR (the contract suite covers the rest): the API key in the JSON body
// of a POST (never a header or the URL), IncludeLeavers, errors inside HTTP 200 answers (a refused
// key, the 30-a-minute limit, "No record found"), DisplayValue fields and LeavingDate.
import { CredentialsRejectedError, HrSystemResponseError, RateLimitedError } from '../../connectors/errors';
import type { RunningFake } from '../../connectors/kit/fake';
import { isKeyRefusal, isThrottled, readAnswer } from '../../connectors/peoplehr/answers';
import { peopleHr } from '../../connectors/peoplehr/definition';
import { FAKE_PEOPLEHR_API_KEY, INVALID_KEY_MESSAGE, RATE_LIMIT_MESSAGE, startFakePeopleHr, type FakePeopleHrOptions, type FakePeopleHrState } from '../../connectors/peoplehr/fake-server';
import { mapPeopleHrEmployee, peopleHrDate } from '../../connectors/peoplehr/mapping';
import type { ConnectorContext } from '../../connectors/types';

const noWait: ConnectorContext = { sleep: async () => undefined };
const today = '2026-12-01';
const d = (v: string) => ({ DisplayValue: v });

describe('PeopleHR answers and mapping', () => {
  it('reads IsError as the string PeopleHR sends (or a boolean) and tells refusals from throttles', () => {
    expect(readAnswer({ IsError: 'false', Status: 0, Message: 'ok', Result: [] })).toMatchObject({ isError: false, status: 0 });
    expect(readAnswer({ isError: true, status: 2, message: 'Invalid API Key.' })).toMatchObject({ isError: true, status: 2, message: 'Invalid API Key.' });
    expect(isKeyRefusal(readAnswer({ IsError: 'true', Status: 5, Message: 'API key does not exists.' }))).toBe(true);
    expect(isKeyRefusal(readAnswer({ IsError: 'true', Status: 5, Message: 'EmployeeId does not exists.' }))).toBe(false);
    expect(isThrottled(readAnswer({ IsError: 'true', Status: 6, Message: RATE_LIMIT_MESSAGE }))).toBe(true);
    expect(readAnswer([])).toBeNull();
  });

  it('maps DisplayValue fields, LeavingDate (ISO or dd/mm/yyyy) and the company', () => {
    const record = { EmployeeId: d('PW7'), FirstName: d('Sam'), LastName: d('Marlow'), EmailId: d('sam@example.co.uk'), StartDate: d('2014-08-25'), Company: d('Northwind Ltd'), EmploymentType: d('Part Time'), Gender: d('Female'), LeavingDate: '31/03/2025', APIColumn1: '2' };
    expect(mapPeopleHrEmployee(record, today)).toEqual({
      ok: true,
      employee: expect.objectContaining({ remoteId: 'PW7', personnelNumber: 'PW7', email: 'sam@example.co.uk', hireDate: '2014-08-25', leavingDate: '2025-03-31', status: 'terminated', employmentType: 'PART_TIME', gender: 'female', legalEntity: { id: 'Northwind Ltd', name: 'Northwind Ltd' }, attributes: expect.objectContaining({ APIColumn1: '2' }) }),
    });
    // A leaver without a readable date is terminated without one (the sync reports it), never active.
    expect(mapPeopleHrEmployee({ EmployeeId: d('PW8'), EmployeeStatus: d('Leaver'), LeavingDate: '' }, today)).toMatchObject({ ok: true, employee: { leavingDate: null, status: 'terminated' } });
    expect(mapPeopleHrEmployee({ EmployeeId: d('PW9'), LeavingDate: 'next month' }, today)).toEqual({ ok: false, invalid: { remoteId: 'PW9', reason: 'LeavingDate "next month" is not a date' } });
    expect(mapPeopleHrEmployee({ FirstName: d('No id') }, today)).toMatchObject({ ok: false, invalid: { remoteId: null } });
    expect(peopleHrDate('2030-06-30T00:00:00', 'x')).toBe('2030-06-30');
    expect(() => peopleHrDate('31/02/2025', 'x')).toThrow(/not a date/);
  });
});

describe('PeopleHR connector against the fake People API', () => {
  let fake: RunningFake<FakePeopleHrState>;
  const start = async (options: FakePeopleHrOptions = {}) => {
    fake = await startFakePeopleHr({ people: 25, callsPerMinute: null, ...options });
  };
  const connect = (apiKey = FAKE_PEOPLEHR_API_KEY, context: ConnectorContext = noWait) => peopleHr.create(peopleHr.credentialsSchema.parse({ apiKey, baseUrl: fake.url }), context);
  afterEach(async () => {
    await fake?.close();
  });

  it('asks once for everyone with IncludeLeavers, leavers with their leaving dates', async () => {
    await start();
    const page = await connect().fetchEmployeePage(null);
    expect(page.nextCursor).toBeNull();
    expect(page.employees).toHaveLength(25);
    expect(page.employees.filter((e) => e.status === 'terminated').map((e) => e.remoteId)).toEqual(['PW5', 'PW10', 'PW15', 'PW20', 'PW25']);
    expect(page.employees.find((e) => e.remoteId === 'PW10')).toMatchObject({ leavingDate: '2025-11-15' });
    expect(fake.log.find({ path: '/Employee' })).toEqual([expect.objectContaining({ method: 'POST', status: 200 })]);
    // The key travels in the body only: nothing of it in the logged path or query.
    expect(fake.log.entries.map((e) => `${e.path}?${e.query}`).join(' ')).not.toContain(FAKE_PEOPLEHR_API_KEY);
  });

  it('refuses a wrong key from the error inside the 200 answer, with PeopleHR’s message', async () => {
    await start();
    const refused = await connect('not-a-key').checkCredentials().catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(CredentialsRejectedError);
    expect((refused as Error).message).toBe(`PeopleHR refused the credentials: ${INVALID_KEY_MESSAGE} (status 2)`);
  });

  it('retries the over-limit message like a throttle, and gives up with a rate-limit error, never an empty list', async () => {
    await start({ callsPerMinute: 1 });
    const connector = connect(FAKE_PEOPLEHR_API_KEY, { sleep: async () => undefined, maxAttempts: 3 });
    await connector.checkCredentials();
    await expect(connector.fetchEmployeePage(null)).rejects.toBeInstanceOf(RateLimitedError);
    expect(fake.log.count({ path: '/Employee' })).toBe(4);
  });

  it('fails on any other error answer, but reads "No record found" as the empty list it is', async () => {
    await start();
    fake.faults.add({ kind: 'answer', path: '/Employee', response: { status: 200, body: { IsError: 'true', Status: 6, Message: 'Oops! Something went wrong.', Result: null } } });
    await expect(connect().fetchEmployeePage(null)).rejects.toThrow(HrSystemResponseError);
    fake.faults.add({ kind: 'answer', path: '/Employee', response: { status: 200, body: { IsError: 'true', Status: 10, Message: 'No record found.', Result: null } } });
    expect((await connect().fetchEmployeePage(null)).employees).toEqual([]);
    fake.faults.add({ kind: 'answer', path: '/Employee', response: { status: 200, body: { IsError: 'false', Status: 0, Message: 'ok', Result: null } } });
    await expect(connect().fetchEmployeePage(null)).rejects.toThrow(/unexpected form/);
  });

  it('offers the companies as legal entities and the API columns as custom attributes', async () => {
    await start({ people: 6 });
    expect((await connect().listLegalEntities()).map((e) => e.name).sort()).toEqual(['Northwind Ltd', 'Northwind Retail Ltd', 'Northwind Services Ltd']);
    expect((await connect().listAttributes()).filter((a) => a.custom).map((a) => a.key)).toEqual(['APIColumn1', 'APIColumn2', 'APIColumn3', 'APIColumn4', 'APIColumn5']);
  });
});
