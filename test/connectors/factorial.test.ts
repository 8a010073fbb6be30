import { FACTORIAL_API_VERSION } from '../../connectors/factorial/connector';
import { factorial } from '../../connectors/factorial/definition';
import {
  FAKE_FACTORIAL_API_KEY,
  NUMBER_OF_CHILDREN_FIELD_ID,
  SHIRT_SIZE_FIELD_ID,
  startFakeFactorial,
  type RunningFakeFactorial,
} from '../../connectors/factorial/fake-server';
import { currentContract } from '../../connectors/factorial/mapping';
import type { ConnectorContext, HrConnector, RemoteEmployee } from '../../connectors/types';

const noWait: ConnectorContext = { sleep: async () => undefined };

async function listAll(connector: HrConnector): Promise<{ employees: RemoteEmployee[]; pages: number; invalid: number }> {
  const employees: RemoteEmployee[] = [];
  let cursor: string | null = null;
  let pages = 0;
  let invalid = 0;
  do {
    const page = await connector.fetchEmployeePage(cursor);
    employees.push(...page.employees);
    invalid += page.invalid.length;
    cursor = page.nextCursor;
    pages++;
  } while (cursor !== null && pages < 50);
  return { employees, pages, invalid };
}

describe('Factorial connector against the fake Factorial', () => {
  let fake: RunningFakeFactorial;
  afterEach(async () => fake?.close());

  const connect = (apiKey = FAKE_FACTORIAL_API_KEY, context: ConnectorContext = noWait) =>
    factorial.create(factorial.credentialsSchema.parse({ apiKey, baseUrl: fake.url }), context);

  it('calls the dated API version only, and reads a planned leaver', async () => {
    fake = await startFakeFactorial({ employees: 250 });
    const { employees } = await listAll(connect());
    expect([...fake.state.apiVersions]).toEqual([FACTORIAL_API_VERSION]);

    expect(employees.find((e) => e.remoteId === '3')).toMatchObject({ status: 'active', leavingDate: '2030-06-30', employmentType: 'PART_TIME' });
  });

  it('builds hire date and employment type from the current contract and names the legal entity', async () => {
    fake = await startFakeFactorial({ employees: 8 });
    const { employees } = await listAll(connect());
    const fourth = employees.find((e) => e.remoteId === '4')!;
    const [firstContract] = fake.state.contracts.get('4')!;
    expect(fourth).toMatchObject({
      firstName: 'Jordan',
      email: expect.stringMatching(/@example\.com$/), // login e-mail, not the personal one
      personnelNumber: 'E-3004',
      hireDate: firstContract.starts_on,
      employmentType: 'FULL_TIME',
      gender: 'female',
      legalEntity: { id: '1', name: 'Example GmbH' },
    });
    expect(fourth.attributes['contract.job_title']).toBe('Senior Specialist'); // promoted: newest contract wins
  });

  it('follows state changes: a new hire appears, terminations past and planned show their dates', async () => {
    fake = await startFakeFactorial({ employees: 3 });
    const id = fake.state.addEmployee({ first_name: 'Nova', last_name: 'Example', login_email: 'nova@example.com' }, { starts_on: '2026-01-05', working_time_percentage_in_cents: 8000 });
    fake.state.terminateEmployee('1', '2026-02-28');
    fake.state.terminateEmployee('2', '2031-03-31');
    const { employees } = await listAll(connect());
    expect(employees.find((e) => e.remoteId === id)).toMatchObject({ firstName: 'Nova', hireDate: '2026-01-05', employmentType: 'PART_TIME', status: 'active' });
    expect(employees.find((e) => e.remoteId === '1')).toMatchObject({ status: 'terminated', leavingDate: '2026-02-28' });
    expect(employees.find((e) => e.remoteId === '2')).toMatchObject({ status: 'active', leavingDate: '2031-03-31' });
  });

  it('discovers custom fields, including one created later, and carries their values', async () => {
    fake = await startFakeFactorial({ employees: 4 });
    const connector = connect();
    const attributes = await connector.listAttributes();
    expect(attributes).toContainEqual({ key: `custom_fields.${NUMBER_OF_CHILDREN_FIELD_ID}`, label: 'Number of children', type: 'string', custom: true });
    expect(attributes).toContainEqual({ key: `custom_fields.${SHIRT_SIZE_FIELD_ID}`, label: 'Shirt size', type: 'list', custom: true });
    expect(attributes).toContainEqual({ key: 'company_identifier', label: 'Company identifier (employee number)', type: 'string', custom: false });

    const { employees } = await listAll(connector);
    const third = employees.find((e) => e.remoteId === '3')!;
    expect(third.attributes[`custom_fields.${NUMBER_OF_CHILDREN_FIELD_ID}`]).toBe('3');
    expect(third.attributes[`custom_fields.${SHIRT_SIZE_FIELD_ID}`]).toBe('S');

    const fieldId = fake.state.addCustomField('Marital status', 'single_choice');
    fake.state.setCustomValue('3', fieldId, 'Married');
    expect(await connector.listAttributes()).toContainEqual({ key: `custom_fields.${fieldId}`, label: 'Marital status', type: 'list', custom: true });
    const again = await listAll(connector);
    expect(again.employees.find((e) => e.remoteId === '3')!.attributes[`custom_fields.${fieldId}`]).toBe('Married');
  });

  it('offers the employment types derived from working time', async () => {
    fake = await startFakeFactorial();
    await expect(connect().listEmploymentTypes()).resolves.toEqual(['FULL_TIME', 'PART_TIME']);
  });

  it('keeps the API key secret and leaves family fields to custom attributes', () => {
    expect(factorial.secretKeys).toEqual(['apiKey']);
    expect(factorial.supportedFields).not.toContain('numberOfChildren');
    expect(factorial.supportedFields).not.toContain('maritalStatus');
  });
});

describe('Factorial mapping', () => {
  it('takes the contract in force today, or the upcoming one for a future hire', () => {
    const contracts = [
      { employee_id: '1', effective_on: '2020-01-01', starts_on: '2020-01-01' },
      { employee_id: '1', effective_on: '2024-06-01', starts_on: '2020-01-01' },
      { employee_id: '1', effective_on: '2027-01-01', starts_on: '2020-01-01' },
    ];
    expect(currentContract(contracts, '2026-11-27')?.effective_on).toBe('2024-06-01');
    expect(currentContract([{ employee_id: '2', effective_on: '2027-02-01', starts_on: '2027-02-01' }], '2026-11-27')?.effective_on).toBe('2027-02-01');
  });
});
