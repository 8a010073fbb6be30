import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { bambooHr } from '../../connectors/bamboohr/definition';
import { FAKE_BAMBOOHR_API_KEY, NUMBER_OF_CHILDREN_FIELD_ID, startFakeBambooHr, type RunningFakeBambooHr } from '../../connectors/bamboohr/fake-server';
import { mapBambooEmployee } from '../../connectors/bamboohr/mapping';
import { HrSystemUnavailableError, RateLimitedError } from '../../connectors/errors';
import type { IncomingNotification, PushSubscription } from '../../connectors/push';
import type { ConnectorContext } from '../../connectors/types';

const noWait: ConnectorContext = { sleep: async () => undefined };

describe('BambooHR connector against the fake BambooHR', () => {
  let fake: RunningFakeBambooHr;
  afterEach(async () => fake?.close());

  const connect = (apiKey = FAKE_BAMBOOHR_API_KEY, context: ConnectorContext = noWait) =>
    bambooHr.create(bambooHr.credentialsSchema.parse({ companyDomain: 'example', apiKey, baseUrl: fake.url }), context);

  it('maps the report’s string values, a planned leaver and “0000-00-00” into the unified fields', async () => {
    fake = await startFakeBambooHr({ employees: 30 });
    const page = await connect().fetchEmployeePage(null);

    const leaving = page.employees.find((e) => e.remoteId === '3')!;
    expect(leaving).toMatchObject({ status: 'active', leavingDate: '2030-06-30' });

    const first = page.employees.find((e) => e.remoteId === '1')!;
    expect(first).toMatchObject({
      email: expect.stringMatching(/@example\.com$/),
      personnelNumber: '1001',
      employmentType: 'FULL_TIME',
      gender: 'male',
      maritalStatus: 'married',
      legalEntity: { id: 'Example Services GmbH', name: 'Example Services GmbH' },
      hireDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      leavingDate: null, // BambooHR sends "0000-00-00"
    });
  });

  it('follows state changes: a new hire appears, a termination shows its date', async () => {
    fake = await startFakeBambooHr({ employees: 3 });
    const id = fake.state.addEmployee({ firstName: 'Nova', lastName: 'Example', workEmail: 'nova@example.com', hireDate: '2026-01-05' });
    fake.state.terminateEmployee('2', '2026-12-31');
    const page = await connect().fetchEmployeePage(null);
    expect(page.employees.find((e) => e.remoteId === id)).toMatchObject({ firstName: 'Nova', status: 'active' });
    expect(page.employees.find((e) => e.remoteId === '2')).toMatchObject({ status: 'terminated', leavingDate: '2026-12-31', employmentType: null });
  });

  it('treats the pre-September-2026 throttling 503 as temporary, never as refused credentials', async () => {
    fake = await startFakeBambooHr({ employees: 5 });
    fake.state.throttleNext(2, 503, 2);
    await expect(connect().checkCredentials()).resolves.toBeUndefined();

    fake.state.throttleNext(100, 503, 2);
    const failure = connect(FAKE_BAMBOOHR_API_KEY, { ...noWait, maxAttempts: 3 }).fetchEmployeePage(null);
    await expect(failure).rejects.toBeInstanceOf(HrSystemUnavailableError);
    fake.state.throttleNext(100, 429, 2);
    await expect(connect(FAKE_BAMBOOHR_API_KEY, { ...noWait, maxAttempts: 3 }).fetchEmployeePage(null)).rejects.toBeInstanceOf(RateLimitedError);
  });

  it('discovers custom fields, including one created later, and carries their values', async () => {
    fake = await startFakeBambooHr({ employees: 4 });
    const connector = connect();
    const attributes = await connector.listAttributes();
    expect(attributes).toContainEqual({ key: String(NUMBER_OF_CHILDREN_FIELD_ID), label: 'Number of children', type: 'number', custom: true });
    expect(attributes).toContainEqual({ key: 'customShirtSize', label: 'Shirt size', type: 'list', custom: true });
    expect(attributes).toContainEqual({ key: 'firstName', label: 'First Name', type: 'string', custom: false });
    expect(attributes.map((a) => a.key)).not.toContain('acaStatus'); // deprecated

    const page = await connector.fetchEmployeePage(null);
    const second = page.employees.find((e) => e.remoteId === '2')!;
    expect(second.attributes[String(NUMBER_OF_CHILDREN_FIELD_ID)]).toBe('2');
    expect(second.attributes.customShirtSize).toBe('L');

    const key = fake.state.addCustomField('Kita voucher eligible', 'checkbox');
    fake.state.editEmployee('2', { [key]: 'yes' });
    expect(await connector.listAttributes()).toContainEqual({ key, label: 'Kita voucher eligible', type: 'boolean', custom: true });
    const again = await connector.fetchEmployeePage(null);
    expect(again.employees.find((e) => e.remoteId === '2')!.attributes[key]).toBe('yes');
  });

  it('offers the employment statuses as types', async () => {
    fake = await startFakeBambooHr();
    await expect(connect().listEmploymentTypes()).resolves.toEqual(['FULL_TIME', 'PART_TIME', 'CONTRACTOR']);
  });

  it('requires the company subdomain and the API key, and keeps the key secret', () => {
    expect(bambooHr.credentialsSchema.safeParse({ companyDomain: 'acme.bamboohr.com', apiKey: 'k' }).success).toBe(false);
    expect(bambooHr.credentialsSchema.safeParse({ companyDomain: 'acme' }).success).toBe(false);
    expect(bambooHr.secretKeys).toEqual(['apiKey']);
    expect(bambooHr.supportedFields).not.toContain('numberOfChildren');
  });
});

describe('BambooHR mapping', () => {
  it('reads a future hire (Inactive until the first day) as onboarding, not as a leaver', () => {
    const mapped = mapBambooEmployee({ id: '9', status: 'Inactive', hireDate: '2027-02-01', terminationDate: '0000-00-00' }, '2026-11-27');
    expect(mapped).toMatchObject({ ok: true, employee: { status: 'onboarding', leavingDate: null } });
  });

  it('rejects a record whose fields have the wrong shape', () => {
    expect(mapBambooEmployee({ id: '9', firstName: { nested: true } }, '2026-11-27')).toEqual({
      ok: false,
      invalid: { remoteId: '9', reason: 'field "firstName" has an unexpected shape' },
    });
  });
});

describe('BambooHR change listing and webhooks against the fake BambooHR', () => {
  let fake: RunningFakeBambooHr;
  afterEach(async () => fake?.close());
  const connect = () => bambooHr.create(bambooHr.credentialsSchema.parse({ companyDomain: 'example', apiKey: FAKE_BAMBOOHR_API_KEY, baseUrl: fake.url }), noWait);

  it('reads only the employees changed since the time asked; a deleted one is left to the complete listing', async () => {
    fake = await startFakeBambooHr({ employees: 10, malformedRecords: 1 });
    const since = new Date(Date.now() - 1000);
    fake.state.editEmployee('4', { division: 'Example Ltd' });
    fake.state.deleteEmployee('7');
    const page = await connect().fetchChangedEmployeePage!(since, null);
    expect(page.employees.map((e) => e.remoteId)).toEqual(['4']);
    expect(page.employees[0].legalEntity).toEqual({ id: 'Example Ltd', name: 'Example Ltd' });
    expect(page).toMatchObject({ invalid: [], nextCursor: null });
  });

  it('answers an unchanged company with one request', async () => {
    fake = await startFakeBambooHr({ employees: 10 });
    const before = fake.state.requestCount;
    await expect(connect().fetchChangedEmployeePage!(new Date(), null)).resolves.toEqual({ employees: [], invalid: [], nextCursor: null });
    expect(fake.state.requestCount - before).toBe(1);
  });

  it('subscribes to the fields the sync reads: a new number of children notifies, a new job title alone does not', async () => {
    fake = await startFakeBambooHr({ employees: 5 });
    const received: IncomingNotification[] = [];
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({ method: req.method!, headers: req.headers as Record<string, string>, query: {}, rawBody: Buffer.concat(chunks), receivedAt: new Date() });
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const subscription = await connect().pushSubscriptions!.subscribe({ callbackUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/x`, secret: 'unused-by-bamboohr-0123456789abcdef' });
      const webhook = fake.state.webhooks.webhooks.get(subscription.vendorSubscriptionId)!;
      expect(webhook).toMatchObject({ format: 'json', events: ['employee.created', 'employee.updated', 'employee.deleted'] });
      expect(webhook.monitorFields).toEqual(expect.arrayContaining(['terminationDate', 'workEmail', String(NUMBER_OF_CHILDREN_FIELD_ID)]));

      fake.state.editEmployee('2', { jobTitle: 'Team Lead' });
      fake.state.editEmployee('3', { [String(NUMBER_OF_CHILDREN_FIELD_ID)]: '1' });
      await fake.state.webhooks.settle();
      expect(received).toHaveLength(1);
      expect(JSON.parse(received[0].rawBody.toString())).toMatchObject({ type: 'employee.updated', data: { employeeId: '3', changedFields: [String(NUMBER_OF_CHILDREN_FIELD_ID)] } });
      expect(bambooHr.push!.verifyNotification(received[0], subscription).kind).toBe('changes');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('BambooHR webhook verification', () => {
  const privateKey = 'a-private-key-bamboohr-issued-0123456789';
  const subscription: PushSubscription = { vendorSubscriptionId: '4', expiresAt: null, verificationSecret: privateKey };
  /** A delivery signed as BambooHR's guide describes: hex HMAC-SHA256 of the body followed by the timestamp. */
  const delivery = (event: object, signedAt: Date, receivedAt = signedAt): IncomingNotification => {
    const body = JSON.stringify(event);
    const timestamp = String(Math.floor(signedAt.getTime() / 1000));
    const signature = createHmac('sha256', privateKey).update(body + timestamp).digest('hex');
    return { method: 'POST', headers: { 'x-bamboohr-signature': signature, 'x-bamboohr-timestamp': timestamp }, query: {}, rawBody: Buffer.from(body), receivedAt };
  };
  const updated = { type: 'employee.updated', timestamp: '2026-11-30T10:00:00+0000', data: { companyId: '1', employeeId: '42', changedFields: ['lastName'] } };

  it('refuses a delivery signed more than 5 minutes before it arrived', () => {
    const signedAt = new Date('2026-11-30T10:00:00Z');
    expect(bambooHr.push!.verifyNotification(delivery(updated, signedAt, new Date(signedAt.getTime() + 4 * 60_000)), subscription).kind).toBe('changes');
    expect(bambooHr.push!.verifyNotification(delivery(updated, signedAt, new Date(signedAt.getTime() + 6 * 60_000)), subscription)).toMatchObject({ kind: 'rejected', reason: expect.stringContaining('5 minutes') });
  });

  it('gives a redelivery of the same event the same id, another event another', () => {
    const first = bambooHr.push!.verifyNotification(delivery(updated, new Date('2026-11-30T10:00:00Z')), subscription);
    const redelivered = bambooHr.push!.verifyNotification(delivery(updated, new Date('2026-11-30T10:03:00Z')), subscription);
    const other = bambooHr.push!.verifyNotification(delivery({ ...updated, data: { ...updated.data, employeeId: '43' } }, new Date('2026-11-30T10:00:00Z')), subscription);
    expect(first.kind === 'changes' && redelivered.kind === 'changes' && other.kind === 'changes').toBe(true);
    if (first.kind !== 'changes' || redelivered.kind !== 'changes' || other.kind !== 'changes') return;
    expect(redelivered.eventIds).toEqual(first.eventIds);
    expect(other.eventIds).not.toEqual(first.eventIds);
    expect(first.eventIds[0]).not.toContain('42');
  });

  it('ignores genuine events the product does not use', () => {
    const verdict = bambooHr.push!.verifyNotification(delivery({ type: 'company.updated', timestamp: '2026-11-30T10:00:00+0000', data: { companyId: '1' } }, new Date()), subscription);
    expect(verdict.kind).toBe('ignored');
  });
});
