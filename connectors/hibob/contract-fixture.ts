// HiBob for the contract suite: one people search answers everyone; this customer keeps the
// tax-relevant number of children in a custom field (Bob's own home.numberOfKids fills in).
import { count, text, type ContractFixture, type ContractFakeSize } from '../kit/fake/contract';
import { FAKE_HIBOB_SERVICE_USER, FAKE_HIBOB_TOKEN, startFakeHiBob } from './fake-server';
import { HIBOB_PUSH_EVENTS } from './push';

export const contractFixture: ContractFixture = {
  hrSystem: 'hibob',
  async start(size?: ContractFakeSize) {
    const fake = await startFakeHiBob({ employees: size?.people ?? 40, malformedRecords: 1 });
    const childrenField = fake.state.addCustomField('Children (payroll)', 'number');
    let i = 0;
    for (const id of fake.state.employees.keys()) fake.state.editEmployee(id, { [childrenField]: i++ % 3 === 0 ? null : (i % 5) + 1 });
    const people = () => [...fake.state.employees];
    const credentials = { serviceUserId: FAKE_HIBOB_SERVICE_USER, token: FAKE_HIBOB_TOKEN, baseUrl: fake.url };
    const webhooks = fake.state.webhooks;
    let edits = 0;
    return {
      credentials,
      push: {
        async changeSomeone() {
          const [id, person] = people().find(([, p]) => p['internal.status'] !== 'Inactive' && typeof p['root.surname'] === 'string')!;
          fake.state.editEmployee(id, { 'root.surname': `${String(person['root.surname']).replace(/-\d+$/, '')}-${++edits}` });
          await webhooks.settled();
          return id;
        },
        subscriptions: () => webhooks.list().map((w) => ({ id: w.id, callbackUrl: w.url, expiresAt: null })),
        async dropSubscription(id) {
          // The admin deletes it on Bob's Webhooks page (or Bob deactivates it after failed deliveries); Bob tells nobody.
          webhooks.remove(id);
        },
        // Bob has no webhooks API: nothing of it appears in the request log.
        subscriptionPath: /\/v1\/webhooks/,
        async adminAddsWebhook(callbackUrl) {
          const webhook = await webhooks.addInBobUi({ url: callbackUrl, events: HIBOB_PUSH_EVENTS, description: 'Benefits sync' });
          return { ...credentials, webhookToken: webhook.token };
        },
      },
      wrongCredentials: { serviceUserId: FAKE_HIBOB_SERVICE_USER, token: 'revoked-hibob-token', baseUrl: fake.url },
      refusalReason: 'Invalid service user credentials',
      mapping: { numberOfChildren: childrenField },
      expected: () =>
        people().map(([id, p]) => ({
          remoteId: id,
          email: String(p['root.email']),
          leavingDate: text(p['internal.terminationDate']),
          // The mapped attribute wins when it has a value; Bob's own field fills in otherwise.
          mapped: { numberOfChildren: count(p[childrenField]) ?? count(p['home.numberOfKids']) },
        })),
      malformedRecords: 1,
      legalEntities: () => [...new Map(people().map(([, p]) => [String(p['work.siteId']), String(p['work.site'])]))].map(([id, name]) => ({ id, name })),
      listingPages: 'one',
      listingPath: '/v1/people/search',
      tokenPath: null,
      throttleSendsRetryAfter: true,
      faults: fake.faults,
      log: fake.log,
      secrets: () => [FAKE_HIBOB_TOKEN, ...webhooks.list().map((w) => w.token)],
      close: () => fake.close(),
    };
  },
};
