// Personio for the contract suite: bearer tokens from POST /v1/auth, offset paging (100 a page) of
// every status, a paged change listing (updated_since), the number of children in a custom attribute;
// webhooks through API v2 (its own tokens), dataless events with the webhook's token as Authorization.
import { count, type ContractFixture, type ContractFakeSize } from '../kit/fake/contract';
import { CHILDREN_ATTRIBUTE, FAKE_SUBCOMPANIES } from './fake-data';
import { FAKE_PERSONIO_CLIENT_ID, FAKE_PERSONIO_CLIENT_SECRET, startFakePersonio } from './fake-server';

export const contractFixture: ContractFixture = {
  hrSystem: 'personio',
  async start(size?: ContractFakeSize) {
    const fake = await startFakePersonio({ employeeCount: size?.people ?? 120, malformedRecordAt: [7] });
    const credentials = { clientId: FAKE_PERSONIO_CLIENT_ID, clientSecret: FAKE_PERSONIO_CLIENT_SECRET, baseUrl: fake.url };
    return {
      credentials,
      wrongCredentials: { ...credentials, clientSecret: 'revoked-personio-secret' },
      refusalReason: 'The credentials are not correct',
      mapping: { numberOfChildren: CHILDREN_ATTRIBUTE },
      expected: () =>
        fake.state.listEmployees().map((e) => ({ remoteId: String(e.id), email: e.email, leavingDate: e.terminationDate, mapped: { numberOfChildren: count(e.custom[CHILDREN_ATTRIBUTE]) } })),
      malformedRecords: 1,
      legalEntities: () => {
        const used = new Set(fake.state.listEmployees().map((e) => e.subcompanyId));
        return FAKE_SUBCOMPANIES.filter((s) => used.has(s.id)).map((s) => ({ id: String(s.id), name: s.name }));
      },
      listingPages: 'several',
      listingPath: '/v1/company/employees',
      tokenPath: '/v1/auth',
      throttleSendsRetryAfter: true,
      changeMoreThanAPage: () => {
        const changed = fake.state.listEmployees().slice(0, 101);
        for (const e of changed) fake.state.editEmployee(e.id, { lastName: `Umbenannt-${e.id}` });
        return changed.map((e) => String(e.id));
      },
      push: {
        async changeSomeone() {
          const someone = fake.state.listEmployees()[0];
          fake.state.editEmployee(someone.id, { lastName: `Geändert-${Date.now()}` });
          await fake.webhooks.settled();
          return String(someone.id);
        },
        subscriptions: () => fake.webhooks.list().map((w) => ({ id: w.id, callbackUrl: w.url, expiresAt: null })),
        // An admin deletes it in Personio; Personio tells no one.
        dropSubscription: async (id) => void fake.webhooks.remove(id),
        subscriptionPath: /^\/v2\/webhooks/,
      },
      faults: fake.state.faults,
      log: fake.state.log,
      secrets: () => [FAKE_PERSONIO_CLIENT_SECRET, ...fake.state.tokens.keys()],
      close: () => fake.close(),
    };
  },
};
