// Breathe HR for the contract suite: the X-API-KEY header, GET /v1/employees in pages of 20 here
// (Link and Total headers), leavers as "Former employee" with their 2025 leaving dates, leaving dates
// in 2030, the number of children in a custom field. The 60-a-minute limit is off here (the suite's
// retries do not wait); test/connectors/breathe-hr.test.ts runs against it. No legal entities.
import { count, text, type ContractFixture, type ContractFakeSize } from '../kit/fake/contract';
import { CHILDREN_FIELD, FAKE_BREATHE_API_KEY, startFakeBreathe } from './fake-server';
import { customFieldKey } from './mapping';

export const contractFixture: ContractFixture = {
  hrSystem: 'breathe-hr',
  async start(size?: ContractFakeSize) {
    const fake = await startFakeBreathe({ people: size?.people ?? 50, malformedRecords: 1, rateLimit: false, ...(size ? {} : { maxPerPage: 20 }) });
    return {
      credentials: { apiKey: FAKE_BREATHE_API_KEY, baseUrl: `${fake.url}/v1` },
      wrongCredentials: { apiKey: 'prod-revoked-breathe-key', baseUrl: `${fake.url}/v1` },
      refusalReason: 'Unauthorised: Invalid API key',
      mapping: { numberOfChildren: customFieldKey(CHILDREN_FIELD) },
      expected: () =>
        fake.state.employees
          .filter((e) => typeof e.id === 'number')
          .map((e) => ({
            remoteId: String(e.id),
            email: String(e.email),
            leavingDate: text(e.leaving_date),
            mapped: { numberOfChildren: count((e.custom_fields as Record<string, unknown>)[CHILDREN_FIELD]) },
          })),
      malformedRecords: 1,
      legalEntities: () => [],
      listingPages: 'several',
      listingPath: '/v1/employees',
      tokenPath: null,
      throttleSendsRetryAfter: false,
      faults: fake.faults,
      log: fake.log,
      secrets: () => [FAKE_BREATHE_API_KEY],
      close: () => fake.close(),
    };
  },
};
