import { RateLimitedError } from '../../connectors/errors';
import { hiBob } from '../../connectors/hibob/definition';
import { FAKE_HIBOB_SERVICE_USER, FAKE_HIBOB_TOKEN, SHIRT_SIZE_FIELD, fakeBobId, startFakeHiBob, type RunningFakeHiBob } from '../../connectors/hibob/fake-server';
import { mapBobEmployee } from '../../connectors/hibob/mapping';
import type { ConnectorContext } from '../../connectors/types';

const noWait: ConnectorContext = { sleep: async () => undefined };

describe('HiBob connector against the fake Bob', () => {
  let fake: RunningFakeHiBob;
  afterEach(async () => fake?.close());

  const connect = (token = FAKE_HIBOB_TOKEN, context: ConnectorContext = noWait) =>
    hiBob.create(hiBob.credentialsSchema.parse({ serviceUserId: FAKE_HIBOB_SERVICE_USER, token, baseUrl: fake.url }), context);

  it('maps Bob’s fields (list items, slash keys) into the unified ones, planned leavers included', async () => {
    fake = await startFakeHiBob({ employees: 30 });
    const page = await connect().fetchEmployeePage(null);

    expect(page.employees.find((e) => e.remoteId === fakeBobId(3))).toMatchObject({ status: 'active', leavingDate: '2030-06-30' });

    expect(page.employees.find((e) => e.remoteId === fakeBobId(2))).toMatchObject({
      firstName: 'Robin',
      email: expect.stringMatching(/@example\.com$/),
      personnelNumber: '2002',
      employmentType: 'FULL_TIME',
      hireDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      gender: 'female',
      maritalStatus: 'registered_partnership', // Bob's "Civil partnership"
      numberOfChildren: 2,
      legalEntity: { id: '103', name: 'Example Ltd London' },
    });
  });

  it('follows state changes: a new hire appears, a termination shows its date', async () => {
    fake = await startFakeHiBob({ employees: 3 });
    const id = fake.state.addEmployee({ 'root.firstName': 'Nova', 'root.surname': 'Example', 'root.email': 'nova@example.com', 'work.startDate': '2026-01-05' });
    fake.state.terminateEmployee(fakeBobId(2), '2026-12-31');
    const page = await connect().fetchEmployeePage(null);
    expect(page.employees.find((e) => e.remoteId === id)).toMatchObject({ firstName: 'Nova', lastName: 'Example', status: 'active' });
    expect(page.employees.find((e) => e.remoteId === fakeBobId(2))).toMatchObject({ status: 'terminated', leavingDate: '2026-12-31' });
  });

  it('reports Bob’s 50-searches-a-minute limit as rate limiting, never as refused credentials', async () => {
    fake = await startFakeHiBob({ employees: 2, peopleSearchPerMinute: 1 });
    const connector = connect(FAKE_HIBOB_TOKEN, { ...noWait, maxAttempts: 3 });
    await expect(connector.fetchEmployeePage(null)).resolves.toMatchObject({ nextCursor: null });
    const second = connector.fetchEmployeePage(null);
    await expect(second).rejects.toBeInstanceOf(RateLimitedError);
  });

  it('discovers custom fields, including one created later, and carries their values', async () => {
    fake = await startFakeHiBob({ employees: 4 });
    const connector = connect();
    const attributes = await connector.listAttributes();
    expect(attributes).toContainEqual({ key: SHIRT_SIZE_FIELD, label: 'Shirt size', type: 'list', custom: true });
    expect(attributes).toContainEqual({ key: 'home.numberOfKids', label: 'Number of children', type: 'number', custom: false });

    const page = await connector.fetchEmployeePage(null);
    const second = page.employees.find((e) => e.remoteId === fakeBobId(2))!;
    expect(second.attributes[SHIRT_SIZE_FIELD]).toBe('L'); // display name, not the list item id
    expect(second.attributes['work.startDate']).toBe(second.hireDate); // machine date, not dd/MM/yyyy

    const fieldId = fake.state.addCustomField('Bike leasing eligible', 'boolean');
    fake.state.editEmployee(fakeBobId(2), { [fieldId]: true });
    expect(await connector.listAttributes()).toContainEqual({ key: fieldId, label: 'Bike leasing eligible', type: 'boolean', custom: true });
    const again = await connector.fetchEmployeePage(null);
    expect(again.employees.find((e) => e.remoteId === fakeBobId(2))!.attributes[fieldId]).toBe(true);
  });

  it('offers the employment-type list as types', async () => {
    fake = await startFakeHiBob();
    await expect(connect().listEmploymentTypes()).resolves.toEqual(['FULL_TIME', 'PART_TIME', 'WORKING_STUDENT', 'CONTRACTOR']);
  });

  it('keeps the token and the webhook token secret; the webhook token is optional', () => {
    expect(hiBob.secretKeys).toEqual(['token', 'webhookToken']);
    expect(hiBob.credentialsSchema.safeParse({ serviceUserId: 'SERVICE-1', token: 't' }).success).toBe(true);
    expect(hiBob.credentialsSchema.safeParse({ serviceUserId: 'SERVICE-1' }).success).toBe(false);
  });
});

describe('HiBob mapping', () => {
  it('reads values from the flat slash keys when the nested copy is missing', () => {
    const mapped = mapBobEmployee(
      { '/root/id': { value: '42' }, '/root/firstName': { value: 'Flat' }, '/internal/terminationDate': { value: '2026-03-31' }, '/internal/status': { value: 'Inactive' } },
      ['root.id', 'root.firstName'],
      new Set(),
      '2026-11-27',
    );
    expect(mapped).toMatchObject({ ok: true, employee: { remoteId: '42', firstName: 'Flat', status: 'terminated', leavingDate: '2026-03-31' } });
  });

  it('rejects a record whose name has the wrong shape', () => {
    expect(mapBobEmployee({ id: '7', firstName: { given: 'Nested' } }, ['root.id'], new Set(), '2026-11-27')).toEqual({
      ok: false,
      invalid: { remoteId: '7', reason: 'field "root.firstName" has an unexpected shape' },
    });
  });
});
