// Okta for the contract suite: /api/v1/users in pages of 20 (Link header, after cursors) in two
// passes (the plain list, then the DEPROVISIONED users), an SSWS API token, leaving and hire dates in
// custom profile attributes named by the credentials, the number of children in a custom attribute,
// legal entities from the users' organization attribute.
import { count, text, type ContractFixture, type ContractFakeSize } from '../kit/fake/contract';
import { FAKE_OKTA_API_TOKEN, HIRE_DATE_ATTRIBUTE, NUMBER_OF_CHILDREN_ATTRIBUTE, startFakeOkta, TERMINATION_DATE_ATTRIBUTE } from './fake-server';
import { profileKey } from './mapping';

export const contractFixture: ContractFixture = {
  hrSystem: 'okta',
  async start(size?: ContractFakeSize) {
    const fake = await startFakeOkta({ people: size?.people ?? 60, malformedRecords: 1, ...(size ? {} : { maxLimit: 20 }) });
    type User = { id: string; status: string; profile: Record<string, unknown> };
    const users = () => fake.state.users.filter((u): u is User => typeof u?.id === 'string');
    const credentials = { oktaDomain: 'northwind.okta.com', apiToken: FAKE_OKTA_API_TOKEN, leavingDateField: TERMINATION_DATE_ATTRIBUTE, hireDateField: HIRE_DATE_ATTRIBUTE, baseUrl: fake.url };
    return {
      credentials,
      wrongCredentials: { ...credentials, apiToken: '00revokedOktaApiToken000000000000000000000' },
      refusalReason: 'Invalid token provided',
      mapping: { numberOfChildren: profileKey(NUMBER_OF_CHILDREN_ATTRIBUTE) },
      expected: () =>
        users().map((u) => ({
          remoteId: u.id,
          email: String(u.profile.email),
          leavingDate: text(u.profile[TERMINATION_DATE_ATTRIBUTE]),
          mapped: { numberOfChildren: count(u.profile[NUMBER_OF_CHILDREN_ATTRIBUTE]) },
        })),
      malformedRecords: 1,
      legalEntities: () => [...new Set(users().map((u) => String(u.profile.organization)))].map((name) => ({ id: name, name })),
      listingPages: 'several',
      listingPath: '/api/v1/users',
      tokenPath: null,
      // Okta answers 429 with X-Rate-Limit-Reset (epoch seconds), never Retry-After.
      throttleSendsRetryAfter: false,
      changeMoreThanAPage: () => {
        const active = users().filter((u) => u.status !== 'DEPROVISIONED').slice(0, 25);
        const deprovisioned = users().filter((u) => u.status === 'DEPROVISIONED').slice(0, 3);
        for (const u of active) fake.state.editProfile(u.id, { department: 'Reorganised' });
        for (const u of deprovisioned) fake.state.editProfile(u.id, { costCenter: 'CC-closed' });
        return [...active, ...deprovisioned].map((u) => u.id);
      },
      faults: fake.faults,
      log: fake.log,
      secrets: () => [FAKE_OKTA_API_TOKEN],
      close: () => fake.close(),
    };
  },
};
