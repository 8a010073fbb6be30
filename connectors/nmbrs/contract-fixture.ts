// Nmbrs for the contract suite: the refresh-token grant against the fake identity service, three
// companies (the legal entities), per company one pass per employee type over the personal info
// (former staff asked for explicitly), joined with the employments (leaving date = end of the latest
// employment) and the children records (the mapped number of children). 120 employees and the
// passes make many pages; no rate limit (the suite's throttles come from the fault script: the
// gateway's 429 with Retry-After where given).
import { type ContractFixture, type ContractFakeSize } from '../kit/fake/contract';
import { FAKE_NMBRS_CLIENT_ID, FAKE_NMBRS_CLIENT_SECRET, FAKE_NMBRS_COMPANIES, FAKE_NMBRS_REFRESH_TOKEN, FAKE_NMBRS_SUBSCRIPTION_KEY, startFakeNmbrs } from './fake-server';
import { CHILDREN_COUNT_KEY, currentInfo, latestEmployment } from './mapping';

const day = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v.slice(0, 10) : null);

export const contractFixture: ContractFixture = {
  hrSystem: 'nmbrs',
  async start(size?: ContractFakeSize) {
    const fake = await startFakeNmbrs({ employees: size?.people ?? 120, malformedRecords: 1, ...(size ? {} : { maxPageSize: 20 }) });
    const credentials = { clientId: FAKE_NMBRS_CLIENT_ID, clientSecret: FAKE_NMBRS_CLIENT_SECRET, refreshToken: FAKE_NMBRS_REFRESH_TOKEN, subscriptionKey: FAKE_NMBRS_SUBSCRIPTION_KEY, baseUrl: fake.url };
    return {
      credentials,
      wrongCredentials: { ...credentials, refreshToken: 'revoked-nmbrs-refresh-token' },
      refusalReason: /invalid_grant/,
      mapping: { numberOfChildren: CHILDREN_COUNT_KEY },
      expected: () =>
        [...fake.state.employees].map(([id, e]) => ({
          remoteId: id,
          email: String((currentInfo(e.info)!.contactInfo as Record<string, unknown>).businessEmail),
          leavingDate: day(latestEmployment(e.employments)?.endDate),
          mapped: { numberOfChildren: e.children.length },
        })),
      malformedRecords: 1,
      legalEntities: () => FAKE_NMBRS_COMPANIES.map((c) => ({ id: c.companyId, name: c.name })),
      listingPages: 'several',
      listingPath: /^\/api\/companies\/[^/]+\/employees\/personalinfo$/,
      tokenPath: '/connect/token',
      throttleSendsRetryAfter: true,
      faults: fake.faults,
      log: fake.log,
      secrets: () => [FAKE_NMBRS_CLIENT_SECRET, FAKE_NMBRS_REFRESH_TOKEN, FAKE_NMBRS_SUBSCRIPTION_KEY, ...fake.state.tokens.keys()],
      close: () => fake.close(),
    };
  },
};
