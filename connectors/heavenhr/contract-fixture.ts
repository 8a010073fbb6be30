// HeavenHR for the contract suite: a Basic client id/secret exchanged for a bearer token (GET
// /oauth2/token), the employee list per job status (ACTIVE, then INACTIVE) in pages of 20 here with
// totals, each person's record read for endOfContract, leavers INACTIVE with their 2025 end of
// contract, planned leavers in 2030, the number of children in a company field of the record.
// HeavenHR's published API has no legal entities.
import { count, text, type ContractFixture, type ContractFakeSize } from '../kit/fake/contract';
import { BAD_CLIENT_MESSAGE, CHILDREN_KEY, EMPLOYEES_PATH, FAKE_HEAVENHR_CLIENT_ID, FAKE_HEAVENHR_CLIENT_SECRET, startFakeHeavenHr, TOKEN_PATH } from './fake-server';

export const contractFixture: ContractFixture = {
  hrSystem: 'heavenhr',
  async start(size?: ContractFakeSize) {
    const fake = await startFakeHeavenHr({ employees: size?.people ?? 60, malformedRecords: 1 });
    const credentials = { clientId: FAKE_HEAVENHR_CLIENT_ID, clientSecret: FAKE_HEAVENHR_CLIENT_SECRET, baseUrl: fake.url, ...(size ? {} : { pageSize: 20 }) };
    return {
      credentials,
      wrongCredentials: { ...credentials, clientSecret: 'revoked-heavenhr-secret' },
      refusalReason: BAD_CLIENT_MESSAGE,
      mapping: { numberOfChildren: CHILDREN_KEY },
      expected: () =>
        [...fake.state.employees].map(([id, row]) => ({
          remoteId: id,
          email: String(row.professionalEmail),
          leavingDate: text(row.endOfContract),
          mapped: { numberOfChildren: count(row[CHILDREN_KEY]) },
        })),
      malformedRecords: 1,
      legalEntities: () => [],
      listingPages: 'several',
      listingPath: EMPLOYEES_PATH,
      tokenPath: TOKEN_PATH,
      throttleSendsRetryAfter: true,
      faults: fake.faults,
      log: fake.log,
      secrets: () => [FAKE_HEAVENHR_CLIENT_SECRET, Buffer.from(`${FAKE_HEAVENHR_CLIENT_ID}:${FAKE_HEAVENHR_CLIENT_SECRET}`).toString('base64'), ...fake.state.tokens.keys()],
      close: () => fake.close(),
    };
  },
};
