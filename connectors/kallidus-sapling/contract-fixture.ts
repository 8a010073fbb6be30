// Kallidus Sapling for the contract suite: a bearer API key, GET /api/v1/beta/profiles in two passes
// (status=active, status=inactive) of 15 a page here, leavers inactive with their 2025 termination
// dates (one without), terminations in 2030, a custom field number_of_children. The advised
// 100-a-minute limit is off here (the suite's retries do not wait). No legal entities.
import { count, text, type ContractFixture, type ContractFakeSize } from '../kit/fake/contract';
import { CHILDREN_FIELD, FAKE_SAPLING_API_KEY, startFakeSapling } from './fake-server';

export const contractFixture: ContractFixture = {
  hrSystem: 'kallidus-sapling',
  async start(size?: ContractFakeSize) {
    const fake = await startFakeSapling({ people: size?.people ?? 50, malformedRecords: 1, rateLimit: false, ...(size ? {} : { pageSize: 15 }) });
    const credentials = { region: 'us', subdomain: 'acme', apiKey: FAKE_SAPLING_API_KEY, baseUrl: `${fake.url}/api/v1/beta` };
    return {
      credentials,
      wrongCredentials: { ...credentials, apiKey: 'revoked-sapling-api-key' },
      refusalReason: 'Could not authenticate using provided API key',
      mapping: { numberOfChildren: CHILDREN_FIELD },
      expected: () =>
        fake.state.profiles
          .filter((p) => typeof p.guid === 'string')
          .map((p) => ({ remoteId: String(p.guid), email: String(p.company_email), leavingDate: text(p.termination_date), mapped: { numberOfChildren: count(p[CHILDREN_FIELD]) } })),
      malformedRecords: 1,
      legalEntities: () => [],
      listingPages: 'several',
      listingPath: '/api/v1/beta/profiles',
      tokenPath: null,
      throttleSendsRetryAfter: false,
      faults: fake.faults,
      log: fake.log,
      secrets: () => [FAKE_SAPLING_API_KEY],
      close: () => fake.close(),
    };
  },
};
