// Lucca for the contract suite: OAuth2 client credentials against the fake's /connect/token, cursor
// paging on /lucca-api/employees (20 a page here so 120 people span several pages), former
// (deactivated) employees with their employment end, planned leavers (2030 end), upcoming hires, two
// legal entities, the number of children in an employee extension. Lucca's 50 requests a minute are
// switched off here (the suite's retries do not wait); test/connectors/lucca.test.ts checks them.
// Push: webhook-endpoints with Lucca's activation challenge and signed events (fake-webhooks.ts).
import { count, type ContractFixture, type ContractFakeSize } from '../kit/fake/contract';
import { FAKE_LEGAL_ENTITIES, FAKE_LUCCA_CLIENT_ID, FAKE_LUCCA_CLIENT_SECRET, FAKE_LUCCA_TENANT, INVALID_CLIENT_ERROR, NUMBER_OF_CHILDREN_EXTENSION, startFakeLucca } from './fake-server';
import { extensionKey } from './mapping';

export const contractFixture: ContractFixture = {
  hrSystem: 'lucca',
  async start(size?: ContractFakeSize) {
    const fake = await startFakeLucca({ people: size?.people ?? 120, malformedRecords: 1, requestsPerMinute: null, ...(size ? {} : { maxLimit: 20 }) });
    let i = 0;
    for (const id of fake.state.employees.keys()) fake.state.setExtension(id, NUMBER_OF_CHILDREN_EXTENSION, i++ % 5 === 0 ? null : (i % 3) + 1);
    const credentials = { tenant: FAKE_LUCCA_TENANT, clientId: FAKE_LUCCA_CLIENT_ID, clientSecret: FAKE_LUCCA_CLIENT_SECRET, baseUrl: fake.url, tokenUrl: `${fake.url}/connect/token` };
    return {
      credentials,
      wrongCredentials: { ...credentials, clientSecret: 'revoked-lucca-secret' },
      refusalReason: new RegExp(INVALID_CLIENT_ERROR),
      mapping: { numberOfChildren: extensionKey(NUMBER_OF_CHILDREN_EXTENSION) },
      expected: () =>
        [...fake.state.employees].map(([id, e]) => ({
          remoteId: id,
          email: String(e.email),
          leavingDate: fake.state.endDateOf(id),
          mapped: { numberOfChildren: count(fake.state.extension(id, NUMBER_OF_CHILDREN_EXTENSION)) },
        })),
      malformedRecords: 1,
      legalEntities: () => FAKE_LEGAL_ENTITIES.map((l) => ({ id: l.id, name: l.legalName })),
      listingPages: 'several',
      listingPath: '/lucca-api/employees',
      tokenPath: '/connect/token',
      throttleSendsRetryAfter: true,
      push: {
        async changeSomeone() {
          const [id] = fake.state.employees.keys();
          fake.state.editEmployee(id, { familyName: `Renamed-${Date.now()}` });
          await fake.state.webhooks.settled();
          return id;
        },
        subscriptions: () => [...fake.state.webhooks.endpoints.values()].map((e) => ({ id: e.id, callbackUrl: e.webhookUrl, expiresAt: null })),
        dropSubscription: async (id) => fake.state.webhooks.drop(id),
        subscriptionPath: /^\/lucca-api\/webhook-endpoints/,
      },
      faults: fake.faults,
      log: fake.log,
      secrets: () => [FAKE_LUCCA_CLIENT_SECRET, ...fake.state.tokens.keys(), ...fake.state.webhooks.secrets()],
      close: () => fake.close(),
    };
  },
};
