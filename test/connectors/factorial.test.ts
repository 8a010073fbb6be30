import { changedSinceDay, FACTORIAL_API_VERSION } from '../../connectors/factorial/connector';
import { factorial } from '../../connectors/factorial/definition';
import {
  FAKE_FACTORIAL_API_KEY,
  NUMBER_OF_CHILDREN_FIELD_ID,
  SHIRT_SIZE_FIELD_ID,
  startFakeFactorial,
  type RunningFakeFactorial,
} from '../../connectors/factorial/fake-server';
import { currentContract } from '../../connectors/factorial/mapping';
import { HrSystemResponseError } from '../../connectors/errors';
import type { IncomingNotification, PushSubscription } from '../../connectors/push';
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

describe('Factorial change listing and webhook subscriptions against the fake Factorial', () => {
  let fake: RunningFakeFactorial;
  afterEach(async () => fake?.close());
  const connect = () => factorial.create(factorial.credentialsSchema.parse({ apiKey: FAKE_FACTORIAL_API_KEY, baseUrl: fake.url }), noWait);
  const request = { callbackUrl: 'http://127.0.0.1:9/hooks/rcv_test', secret: 'a-secret-the-product-generated-0123456789' };

  it('reads changes from the day before the time asked, whatever the hour: nothing of that day is missed', async () => {
    fake = await startFakeFactorial({ employees: 6 });
    const since = new Date('2026-11-30T00:30:00Z');
    // After `since`, but still the 29th where Factorial's day is taken in a time zone west of UTC.
    fake.state.employees.get('2')!.updated_at = '2026-11-29T20:00:00.000-05:00';
    fake.state.employees.get('3')!.updated_at = '2026-11-30T09:00:00.000Z';
    fake.state.employees.get('4')!.updated_at = '2026-11-20T09:00:00.000Z';
    expect(changedSinceDay(since)).toBe('2026-11-29');
    const page = await connect().fetchChangedEmployeePage!(since, null);
    expect(page.employees.map((e) => e.remoteId).sort()).toEqual(['2', '3']);
    expect(page.employees.find((e) => e.remoteId === '3')).toMatchObject({ hireDate: fake.state.contracts.get('3')![0].starts_on });
  });

  it('subscribes every employee event with the product’s challenge, and takes back its own subscription Factorial disabled', async () => {
    fake = await startFakeFactorial({ employees: 3, duplicateSubscriptions: 'refuse' });
    const subs = connect().pushSubscriptions!;
    const created = await subs.subscribe(request);
    const held = [...fake.state.webhooks.subscriptions.values()];
    expect(held.map((s) => s.subscription_type)).toEqual(factorial.push!.events);
    expect(held.every((s) => s.challenge === request.secret && s.enabled && s.target_url === request.callbackUrl)).toBe(true);

    fake.state.webhooks.disable(created.details!['employees/employee/terminate']);
    await expect(subs.exists(created)).resolves.toBe(false);
    const again = await subs.subscribe({ ...request, secret: 'a-new-secret-after-the-drop-0123456789' });
    expect(again.details).toEqual(created.details);
    expect([...fake.state.webhooks.subscriptions.values()].every((s) => s.enabled && s.challenge === 'a-new-secret-after-the-drop-0123456789')).toBe(true);
    await expect(subs.exists(again)).resolves.toBe(true);
  });

  it('leaves alone a subscription of the company that calls another address, and says so', async () => {
    fake = await startFakeFactorial({ employees: 3, duplicateSubscriptions: 'refuse' });
    await connect().pushSubscriptions!.subscribe({ ...request, callbackUrl: 'https://other-tool.example/factorial' });
    const refused = await connect().pushSubscriptions!.subscribe(request).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(HrSystemResponseError);
    expect((refused as Error).message).toMatch(/already sends employees\/employee\/create_with_contract to another address/);
    expect([...fake.state.webhooks.subscriptions.values()].map((s) => s.target_url)).not.toContain(request.callbackUrl);
  });
});

describe('Factorial webhook verification', () => {
  const subscription: PushSubscription = { vendorSubscriptionId: '1', expiresAt: null, verificationSecret: 'the-challenge-0123456789abcdef' };
  const delivery = (headers: Record<string, string>, body = JSON.stringify({ id: 7, first_name: 'Alex', updated_at: '2026-11-30T10:00:00Z' })): IncomingNotification => ({
    method: 'POST',
    headers,
    query: {},
    rawBody: Buffer.from(body),
    receivedAt: new Date(),
  });

  it('accepts the subscription’s challenge only', () => {
    expect(factorial.push!.verifyNotification(delivery({ 'x-factorial-wh-challenge': subscription.verificationSecret }), subscription).kind).toBe('changes');
    expect(factorial.push!.verifyNotification(delivery({ 'x-factorial-wh-challenge': 'the-challenge-0123456789abcdeF' }), subscription).kind).toBe('rejected');
    expect(factorial.push!.verifyNotification(delivery({}), subscription).kind).toBe('rejected');
  });

  it('cannot tell a changed value from the original (Factorial signs nothing): it only starts a change listing, under another event id', () => {
    const genuine = factorial.push!.verifyNotification(delivery({ 'x-factorial-wh-challenge': subscription.verificationSecret }), subscription);
    const altered = factorial.push!.verifyNotification(delivery({ 'x-factorial-wh-challenge': subscription.verificationSecret }, JSON.stringify({ id: 7, first_name: 'Alix', updated_at: '2026-11-30T10:00:00Z' })), subscription);
    expect(altered.kind).toBe('changes');
    expect(genuine.kind === 'changes' && altered.kind === 'changes' && genuine.eventIds[0] !== altered.eventIds[0]).toBe(true);
    expect(factorial.push!.verifyNotification(delivery({ 'x-factorial-wh-challenge': subscription.verificationSecret }, 'not json'), subscription).kind).toBe('rejected');
  });
});
