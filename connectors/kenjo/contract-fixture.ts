// Kenjo for the contract suite: an API key exchanged at /auth/login for a bearer token, the employee
// list in one answer (Kenjo does not page it) joined with the personal, work and home sections,
// leavers inactive with a 2025 contract end date (one without), contracts ending in 2030, the number
// of children in a personal custom field, two companies.
//
// tokenPath is null although Kenjo issues tokens: the suite's renewal case needs a listing of several
// pages, and Kenjo's is one answer. test/connectors/kenjo.test.ts checks one token per listing and
// the renewal after a 401 instead.
import { count, text, type ContractFixture, type ContractFakeSize } from '../kit/fake/contract';
import { CHILDREN_CUSTOM_FIELD, FAKE_KENJO_API_KEY, FAKE_KENJO_COMPANIES, startFakeKenjo } from './fake-server';
import { CONTRACT_END_FIELD } from './mapping';

export const contractFixture: ContractFixture = {
  hrSystem: 'kenjo',
  async start(size?: ContractFakeSize) {
    const fake = await startFakeKenjo({ people: size?.people ?? 40, malformedRecords: 1 });
    return {
      credentials: { apiKey: FAKE_KENJO_API_KEY, baseUrl: `${fake.url}/api/v1` },
      wrongCredentials: { apiKey: 'revoked-kenjo-api-key', baseUrl: `${fake.url}/api/v1` },
      refusalReason: /the API key was not accepted \(HTTP 401\)/,
      mapping: { numberOfChildren: `personal.${CHILDREN_CUSTOM_FIELD}` },
      expected: () =>
        fake.state.employees
          .filter((e) => typeof e.account._id === 'string')
          .map((e) => ({
            remoteId: String(e.account._id),
            email: String(e.account.email),
            leavingDate: text(e.work[CONTRACT_END_FIELD])?.slice(0, 10) ?? null,
            mapped: { numberOfChildren: count(e.personal[CHILDREN_CUSTOM_FIELD]) },
          })),
      malformedRecords: 1,
      legalEntities: () => FAKE_KENJO_COMPANIES.map((c) => ({ id: c._id, name: c.name })),
      listingPages: 'one',
      listingPath: '/api/v1/employees',
      tokenPath: null,
      throttleSendsRetryAfter: true,
      faults: fake.faults,
      log: fake.log,
      secrets: () => [FAKE_KENJO_API_KEY, ...fake.state.tokens()],
      close: () => fake.close(),
    };
  },
};
