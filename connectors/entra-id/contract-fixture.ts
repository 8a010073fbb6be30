// Microsoft Entra ID for the contract suite: Graph /users in pages of 20 (nextLink), client-credential
// tokens, directory extensions for what Graph lacks (children, marital status), /users/delta for the
// change listing and change-notification subscriptions for push.
import { count, text, type ContractFixture, type ContractFakeSize } from '../kit/fake/contract';
import { fakeExtensionName, startFakeEntraId } from './fake-server';

export const contractFixture: ContractFixture = {
  hrSystem: 'entra-id',
  async start(size?: ContractFakeSize) {
    const fake = await startFakeEntraId({ people: size?.people ?? 50, ...(size ? {} : { maxPageSize: 20 }) });
    fake.state.injectMalformed({ displayName: 'Orphan Record', givenName: 'Orphan', surname: 'Record', mail: 'orphan.record@northwind-benefits.test' });
    const users = () => fake.state.users.filter((u): u is Record<string, unknown> & { id: string } => typeof (u as { id?: unknown })?.id === 'string');
    const credentials = { tenantId: fake.tenantId, clientId: fake.clientId, clientSecret: fake.clientSecret, baseUrl: fake.url, loginBaseUrl: fake.url };
    return {
      credentials,
      wrongCredentials: { ...credentials, clientSecret: 'revoked-entra-secret' },
      refusalReason: /AADSTS7000215: Invalid client secret/,
      mapping: { numberOfChildren: fakeExtensionName('numberOfChildren'), maritalStatus: fakeExtensionName('maritalStatus') },
      expected: () =>
        users().map((u) => ({
          remoteId: u.id,
          email: String(u.mail),
          leavingDate: text(u.employeeLeaveDateTime)?.slice(0, 10) ?? null,
          mapped: { numberOfChildren: count(u[fakeExtensionName('numberOfChildren')]), maritalStatus: text(u[fakeExtensionName('maritalStatus')]) },
        })),
      malformedRecords: 1,
      legalEntities: () => [...new Set(users().map((u) => String(u.companyName)))].map((name) => ({ id: name, name })),
      listingPages: 'several',
      listingPath: '/v1.0/users',
      // The suite asks for changes without a checkpoint, and Graph's first delta round reports everyone:
      // so everyone changes here. Rounds from a kept deltaLink are tested in test/connectors/entra-id-delta.test.ts.
      changeMoreThanAPage: () => {
        const ids = users().map((u) => u.id);
        for (const id of ids) fake.state.editUser(id, { jobTitle: 'Changed for the contract' });
        return ids;
      },
      push: {
        async changeSomeone() {
          const id = users()[0].id;
          fake.state.editUser(id, { department: `Changed ${Date.now()}` });
          await fake.state.notificationsSent();
          return id;
        },
        subscriptions: () => fake.subscriptions.list().map((s) => ({ id: s.id, callbackUrl: s.notificationUrl, expiresAt: s.expirationDateTime })),
        dropSubscription: async (id) => fake.subscriptions.drop(id),
        subscriptionPath: /^\/v1\.0\/subscriptions/,
      },
      tokenPath: /\/oauth2\/v2\.0\/token$/,
      throttleSendsRetryAfter: true,
      faults: fake.state.faults,
      log: fake.state.log,
      secrets: () => [fake.clientSecret, ...fake.state.tokens.keys()],
      close: () => fake.close(),
    };
  },
};
