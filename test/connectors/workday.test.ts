// What is particular to Workday (the contract suite covers the rest): SOAP Get_Workers with a
// WS-Security UsernameToken of an Integration System User (ISU_user@tenant), SOAP faults answered with
// HTTP 500 (a refused password is final, never retried as an outage), Exclude_Inactive_Workers=false
// so leavers are listed, Termination_Date that outlives a rehire, xsd:dates with offsets, Page/Count
// paging pinned to one As_Of_Entry_DateTime and checked against Response_Results, the change listing
// by Transaction_Log_Criteria, and Company organizations as legal entities.
import { CredentialsRejectedError, HrSystemResponseError, RateLimitedError } from '../../connectors/errors';
import { workday, workdayEndpoint } from '../../connectors/workday/definition';
import { FAKE_WORKDAY_ISU, FAKE_WORKDAY_PASSWORD, FAKE_WORKDAY_TENANT, soapFault, startFakeWorkday, type FakeWorkdayOptions, type RunningFakeWorkday } from '../../connectors/workday/fake-server';
import { mapWorker } from '../../connectors/workday/mapping';
import { WorkdaySoapClient } from '../../connectors/workday/soap-client';
import { parseXml } from '../../connectors/workday/xml';
import type { ConnectorContext, RemoteEmployee } from '../../connectors/types';
import { readAllPages } from '../support/connector-pages';

const noWait: ConnectorContext = { sleep: async () => undefined };
const today = '2026-12-01';

/** A Worker element as Workday writes it, parsed like the connector parses it. */
function worker(status: string, extra = ''): unknown {
  const doc = parseXml(`<wd:Worker xmlns:wd="urn:com.workday/bsvc">
    <wd:Worker_Reference wd:Descriptor="Alex Marlow (21001)"><wd:ID wd:type="WID">w1</wd:ID><wd:ID wd:type="Employee_ID">21001</wd:ID></wd:Worker_Reference>
    <wd:Worker_Data>
      <wd:Worker_ID>21001</wd:Worker_ID>
      <wd:Personal_Data>
        <wd:Name_Data><wd:Legal_Name_Data><wd:Name_Detail_Data><wd:First_Name>Alex</wd:First_Name><wd:Last_Name>Marlow</wd:Last_Name></wd:Name_Detail_Data></wd:Legal_Name_Data></wd:Name_Data>
        <wd:Gender_Reference wd:Descriptor="Female"><wd:ID wd:type="Gender_Code">Female</wd:ID></wd:Gender_Reference>
        <wd:Marital_Status_Reference wd:Descriptor="Married (Germany)"><wd:ID wd:type="Marital_Status_ID">Married_Germany</wd:ID></wd:Marital_Status_Reference>
        <wd:Contact_Data>
          <wd:Email_Address_Data><wd:Email_Address>alex@mail.example.net</wd:Email_Address><wd:Usage_Data><wd:Type_Data wd:Primary="1"><wd:Type_Reference><wd:ID wd:type="Communication_Usage_Type_ID">HOME</wd:ID></wd:Type_Reference></wd:Type_Data></wd:Usage_Data></wd:Email_Address_Data>
          <wd:Email_Address_Data><wd:Email_Address>alex@example.com</wd:Email_Address><wd:Usage_Data><wd:Type_Data wd:Primary="0"><wd:Type_Reference><wd:ID wd:type="Communication_Usage_Type_ID">WORK</wd:ID></wd:Type_Reference></wd:Type_Data></wd:Usage_Data></wd:Email_Address_Data>
        </wd:Contact_Data>
      </wd:Personal_Data>
      <wd:Employment_Data>
        <wd:Worker_Job_Data wd:Primary_Job="1"><wd:Position_Data><wd:Position_Time_Type_Reference><wd:ID wd:type="Position_Time_Type_ID">Part_time</wd:ID></wd:Position_Time_Type_Reference></wd:Position_Data></wd:Worker_Job_Data>
        <wd:Worker_Status_Data>${status}</wd:Worker_Status_Data>
      </wd:Employment_Data>
      <wd:Organization_Data><wd:Worker_Organization_Data>
        <wd:Organization_Reference><wd:ID wd:type="Organization_Reference_ID">COMPANY_DE</wd:ID></wd:Organization_Reference>
        <wd:Organization_Data><wd:Organization_Reference_ID>COMPANY_DE</wd:Organization_Reference_ID><wd:Organization_Name>Example GmbH</wd:Organization_Name><wd:Organization_Type_Reference><wd:ID wd:type="Organization_Type_ID">COMPANY</wd:ID></wd:Organization_Type_Reference></wd:Organization_Data>
      </wd:Worker_Organization_Data></wd:Organization_Data>
      ${extra}
    </wd:Worker_Data>
  </wd:Worker>`);
  return doc!.Worker;
}

function map(status: string): RemoteEmployee {
  const result = mapWorker(worker(status), today);
  if (!result.ok) throw new Error(result.invalid.reason);
  return result.employee;
}

describe('Workday worker mapping', () => {
  it('reads Worker_Status_Data: the termination date (an xsd:date with offset), terminated and planned leavers, future hires', () => {
    expect(map('<wd:Active>0</wd:Active><wd:Hire_Date>2019-04-01-08:00</wd:Hire_Date><wd:Terminated>1</wd:Terminated><wd:Termination_Date>2026-03-15-08:00</wd:Termination_Date>')).toMatchObject({
      hireDate: '2019-04-01',
      leavingDate: '2026-03-15',
      status: 'terminated',
    });
    expect(map('<wd:Active>1</wd:Active><wd:Hire_Date>2019-04-01</wd:Hire_Date><wd:Terminated>0</wd:Terminated><wd:Termination_Date>2030-06-30</wd:Termination_Date>')).toMatchObject({ leavingDate: '2030-06-30', status: 'active' });
    expect(map('<wd:Active>0</wd:Active><wd:Hire_Date>2030-01-04</wd:Hire_Date><wd:Terminated>0</wd:Terminated>')).toMatchObject({ leavingDate: null, status: 'onboarding' });
    // Termination data in Termination_Status_Data (other WSDL versions), and only the last day of work.
    expect(map('<wd:Active>0</wd:Active><wd:Hire_Date>2019-04-01</wd:Hire_Date><wd:Termination_Status_Data><wd:Terminated>1</wd:Terminated><wd:Termination_Date>2025-02-28</wd:Termination_Date></wd:Termination_Status_Data>')).toMatchObject({ leavingDate: '2025-02-28', status: 'terminated' });
    expect(map('<wd:Active>0</wd:Active><wd:Hire_Date>2019-04-01</wd:Hire_Date><wd:Terminated>1</wd:Terminated><wd:Termination_Last_Day_of_Work>2025-01-31</wd:Termination_Last_Day_of_Work>')).toMatchObject({ leavingDate: '2025-01-31' });
  });

  it('never reads the termination of an earlier employment as a departure of a rehire', () => {
    const rehire = map('<wd:Active>1</wd:Active><wd:Hire_Date>2024-03-01</wd:Hire_Date><wd:Original_Hire_Date>2015-01-01</wd:Original_Hire_Date><wd:Terminated>0</wd:Terminated><wd:Termination_Date>2020-05-31</wd:Termination_Date>');
    expect(rehire).toMatchObject({ leavingDate: null, status: 'active', hireDate: '2024-03-01' });
    expect(rehire.attributes).toMatchObject({ termination_date: '2020-05-31', original_hire_date: '2015-01-01' });
    // A Last day of work of an active worker is no leaving date either.
    expect(map('<wd:Active>1</wd:Active><wd:Hire_Date>2019-04-01</wd:Hire_Date><wd:Termination_Last_Day_of_Work>2030-01-31</wd:Termination_Last_Day_of_Work>').leavingDate).toBeNull();
  });

  it('takes the WORK e-mail (never HOME), the time type, the Company organization, gender and marital status', () => {
    expect(map('<wd:Active>1</wd:Active>')).toMatchObject({
      remoteId: 'w1',
      personnelNumber: '21001',
      email: 'alex@example.com',
      employmentType: 'PART_TIME',
      legalEntity: { id: 'COMPANY_DE', name: 'Example GmbH' },
      gender: 'female',
      maritalStatus: 'married',
    });
  });

  it('reports an unreadable date, flag or shape as an invalid record, and a Worker without WID without an id', () => {
    expect(mapWorker(worker('<wd:Termination_Date>soon</wd:Termination_Date>'), today)).toEqual({ ok: false, invalid: { remoteId: 'w1', reason: 'Termination_Date "soon" is not a date' } });
    expect(mapWorker(worker('<wd:Active>maybe</wd:Active>'), today)).toMatchObject({ ok: false, invalid: { remoteId: 'w1' } });
    expect(mapWorker(worker('<wd:Hire_Date><wd:Date>2020-01-01</wd:Date></wd:Hire_Date>'), today)).toMatchObject({ ok: false, invalid: { remoteId: 'w1' } });
    expect(mapWorker(parseXml('<wd:Worker xmlns:wd="urn:com.workday/bsvc"><wd:Worker_Data><wd:Worker_ID>1</wd:Worker_ID></wd:Worker_Data></wd:Worker>')!.Worker, today)).toMatchObject({ ok: false, invalid: { remoteId: null } });
  });
});

describe('Workday connector against the fake Workday', () => {
  let fake: RunningFakeWorkday;
  afterEach(async () => fake?.close());
  const start = async (options: FakeWorkdayOptions = {}) => (fake = await startFakeWorkday({ workers: 30, ...options }));
  const credentials = (fields: Record<string, unknown> = {}) =>
    workday.credentialsSchema.parse({ host: 'https://wd2-impl-services1.workday.com/', tenant: FAKE_WORKDAY_TENANT, username: FAKE_WORKDAY_ISU, password: FAKE_WORKDAY_PASSWORD, baseUrl: fake.url, ...fields });
  const connect = (fields: Record<string, unknown> = {}, context: ConnectorContext = noWait) => workday.create(credentials(fields), context);

  it('builds the tenant endpoint and signs in as ISU_user@tenant (the tenant is added to a bare user name)', async () => {
    await start();
    expect(workdayEndpoint(workday.credentialsSchema.parse({ host: 'https://wd2-impl-services1.workday.com/ccx', tenant: 'acme', username: 'ISU', password: 'p' }))).toBe(
      'https://wd2-impl-services1.workday.com/ccx/service/acme/Human_Resources/v44.0',
    );
    await expect(connect().checkCredentials()).resolves.toBeUndefined();
    await expect(connect({ username: `${FAKE_WORKDAY_ISU}@${FAKE_WORKDAY_TENANT}` }).checkCredentials()).resolves.toBeUndefined();
    await expect(connect({ username: `${FAKE_WORKDAY_ISU}@other_tenant` }).checkCredentials()).rejects.toBeInstanceOf(CredentialsRejectedError);
    // A wrong tenant in the endpoint is no SOAP answer at all: said so, not retried.
    await expect(connect({ tenant: 'other_tenant' }).checkCredentials()).rejects.toThrow('Workday answered 404: HTTP 404 (check the web services host, tenant name and version)');
  });

  it('reads a refused password from the SOAP fault of an HTTP 500 and does not retry it as an outage', async () => {
    await start();
    const refused = await connect({ password: 'wrong' })
      .checkCredentials()
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(CredentialsRejectedError);
    expect((refused as Error).message).toBe('Workday refused the credentials: invalid username or password');
    expect(fake.log.entries.map((e) => e.status)).toEqual([500]);
  });

  it('tells a missing domain permission and a validation fault apart from an outage: final, with Workday’s reason', async () => {
    await start();
    fake.faults.add({ kind: 'answer', response: soapFault('SOAP-ENV:Client.validationError', 'Processing error occurred. The task submitted is not authorized.') });
    await expect(connect().checkCredentials()).rejects.toThrow(/^Workday refused the credentials: Processing error occurred\. The task submitted is not authorized\. \(the integration system user needs Get access/);
    fake.faults.add({ kind: 'answer', response: soapFault('SOAP-ENV:Client.validationError', 'Invalid ID value. Page number cannot be zero.') });
    const failed = await connect()
      .fetchEmployeePage(null)
      .catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(HrSystemResponseError);
    expect((failed as Error).message).toBe('Workday answered 500: Invalid ID value. Page number cannot be zero.');
    expect(fake.log.count({ status: 500 })).toBe(2);
  });

  it('asks for inactive workers explicitly (without the flag the fake, like the worst reading, leaves leavers out)', async () => {
    await start();
    const employees = (await readAllPages(connect())).flatMap((p) => p.employees);
    const leavers = [...fake.state.workers.values()].filter((w) => w.terminated);
    expect(leavers.length).toBeGreaterThan(0);
    expect(employees.filter((e) => e.status === 'terminated').map((e) => e.remoteId).sort()).toEqual(leavers.map((w) => w.wid).sort());
    expect(fake.state.requests.every((r) => r.excludeInactive === false)).toBe(true);

    const client = new WorkdaySoapClient({ hrSystemName: 'Workday', endpoint: workdayEndpoint(credentials()), username: `${FAKE_WORKDAY_ISU}@${FAKE_WORKDAY_TENANT}`, password: FAKE_WORKDAY_PASSWORD, version: 'v44.0' });
    const bare = await client.call('Get_Workers_Request', { 'bsvc:Response_Filter': { 'bsvc:Count': '999' } });
    expect(Number((bare.Response_Results as Record<string, string>).Total_Results)).toBe(fake.state.workers.size - leavers.length);
  });

  it('reads every page as of one entry moment, Count 200, ended by Total_Pages', async () => {
    await start({ workers: 120, maxCount: 50 });
    const connector = connect();
    const first = await connector.fetchEmployeePage(null);
    const added = fake.state.addWorker({ firstName: 'Late' });
    let cursor = first.nextCursor;
    const ids = first.employees.map((e) => e.remoteId);
    while (cursor !== null) {
      const page = await connector.fetchEmployeePage(cursor);
      ids.push(...page.employees.map((e) => e.remoteId));
      cursor = page.nextCursor;
    }
    expect(fake.state.requests.map((r) => r.page)).toEqual([1, 2, 3]);
    expect(new Set(fake.state.requests.map((r) => r.asOf)).size).toBe(1);
    expect(fake.state.requests.every((r) => r.count === 200)).toBe(true);
    // Pinned: the worker entered after the first page is not in this listing (no page shifted), but in the next.
    expect(ids).not.toContain(added);
    expect(new Set(ids).size).toBe(120);
    expect((await readAllPages(connector)).flatMap((p) => p.employees.map((e) => e.remoteId))).toContain(added);
  });

  it('refuses a page whose Response_Results do not fit it, never reading it as the end of the listing', async () => {
    await start();
    const page = (results: Record<string, string>, workers: unknown[] = []) =>
      ({
        status: 200,
        body: {
          'env:Envelope': {
            '@_xmlns:env': 'http://schemas.xmlsoap.org/soap/envelope/',
            'env:Body': { 'wd:Get_Workers_Response': { '@_xmlns:wd': 'urn:com.workday/bsvc', 'wd:Response_Results': results, 'wd:Response_Data': { 'wd:Worker': workers } } },
          },
        },
      }) as never;
    for (const response of [
      page({ 'wd:Total_Results': '30', 'wd:Page_Results': '0', 'wd:Page': '1' }), // no Total_Pages
      page({ 'wd:Total_Results': '30', 'wd:Total_Pages': '3', 'wd:Page_Results': '0', 'wd:Page': '2' }), // another page
      page({ 'wd:Total_Results': '30', 'wd:Total_Pages': '1', 'wd:Page_Results': '30', 'wd:Page': '1' }), // fewer workers than it says
    ]) {
      fake.faults.add({ kind: 'answer', response });
      await expect(connect().fetchEmployeePage(null)).rejects.toThrow('Workday answered the worker list in an unexpected form');
    }
  });

  it('lists changes by Transaction_Log_Criteria Updated_From/Updated_Through, terminations included', async () => {
    await start();
    const since = new Date(Date.now() - 1000);
    const [someone] = fake.state.workers.keys();
    fake.state.editWorker(someone, { active: false, terminated: true, terminationDate: '2026-11-30' });
    const pages = await readAllPages(connect(), since);
    expect(pages.flatMap((p) => p.employees)).toEqual([expect.objectContaining({ remoteId: someone, leavingDate: '2026-11-30', status: 'terminated' })]);
    expect(fake.state.requests.map((r) => [r.updatedFrom, r.effectiveFrom, r.excludeInactive])).toEqual([
      [since.toISOString(), null, false],
      [null, since.toISOString(), false],
    ]);
  });

  it('lists, in the effective pass, a termination entered long ago that takes effect in the window', async () => {
    await start();
    const dueToday = [...fake.state.workers.values()].find((w) => !w.terminated && w.active)!;
    // Entered weeks ago (no update in the window), effective today.
    Object.assign(dueToday, { terminated: true, active: false, terminationDate: new Date().toISOString().slice(0, 10) });
    const pages = await readAllPages(connect(), new Date(Date.now() - 60_000));
    expect(pages.flatMap((p) => p.employees.map((e) => [e.remoteId, e.leavingDate]))).toEqual([[dueToday.wid, dueToday.terminationDate]]);
  });

  it('reads termination data nested in Termination_Status_Data too', async () => {
    await start({ terminationShape: 'nested' });
    const employees = (await readAllPages(connect())).flatMap((p) => p.employees);
    const leaver = [...fake.state.workers.values()].find((w) => w.terminated)!;
    expect(employees.find((e) => e.remoteId === leaver.wid)).toMatchObject({ leavingDate: leaver.terminationDate, status: 'terminated' });
  });

  it('offers the Company organizations and the Custom ID types', async () => {
    await start();
    const connector = connect();
    expect((await connector.listLegalEntities()).map((e) => e.id).sort()).toEqual(['COMPANY_DE', 'COMPANY_GB', 'COMPANY_US']);
    expect(await connector.listAttributes()).toEqual(
      expect.arrayContaining([
        { key: 'custom_id.Number_of_Children', label: 'Number of Children', type: 'string', custom: true },
        { key: 'custom_id.Badge_ID', label: 'Badge ID', type: 'string', custom: true },
      ]),
    );
  });

  it('waits out throttling (429) with backoff and gives up with a rate-limit error when it persists', async () => {
    await start({ workers: 120, maxCount: 50, rateLimit: { requests: 1, windowMs: 400 } });
    const pages = await readAllPages(connect({}, {}));
    expect(pages.flatMap((p) => p.employees)).toHaveLength(120);
    expect(fake.log.count({ status: 429 })).toBeGreaterThan(0);
    fake.faults.add({ kind: 'throttle', times: 10 });
    await expect(connect({}, { sleep: async () => undefined, maxAttempts: 2 }).fetchEmployeePage(null)).rejects.toBeInstanceOf(RateLimitedError);
  });
});
