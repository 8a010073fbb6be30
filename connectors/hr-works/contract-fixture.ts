// HR Works for the contract suite: a key pair exchanged for 15-minute JWTs at /v2/authentication,
// GET /v2/persons/master-data?onlyActive=false in pages of 20 here (Link headers), leavers set to
// gone with their 2025 leave dates (one not yet set to gone), planned leavers in 2030, the number of
// children in a custom free field. HR WORKS publishes no legal entities.
import { count, text, type ContractFixture, type ContractFakeSize } from '../kit/fake/contract';
import { CHILDREN_FIELD, FAKE_HR_WORKS_ACCESS_KEY, FAKE_HR_WORKS_SECRET_ACCESS_KEY, INVALID_CREDENTIALS_MESSAGE, startFakeHrWorks } from './fake-server';
import { customFieldKey } from './mapping';

export const contractFixture: ContractFixture = {
  hrSystem: 'hr-works',
  async start(size?: ContractFakeSize) {
    const fake = await startFakeHrWorks({ people: size?.people ?? 60, malformedRecords: 1, ...(size ? {} : { pageSize: 20 }) });
    const persons = () => fake.state.persons.filter((p) => typeof p.uuid === 'string');
    return {
      credentials: { accessKey: FAKE_HR_WORKS_ACCESS_KEY, secretAccessKey: FAKE_HR_WORKS_SECRET_ACCESS_KEY, baseUrl: fake.url },
      wrongCredentials: { accessKey: FAKE_HR_WORKS_ACCESS_KEY, secretAccessKey: 'revoked-hr-works-secret-access-key', baseUrl: fake.url },
      refusalReason: INVALID_CREDENTIALS_MESSAGE,
      mapping: { numberOfChildren: customFieldKey(CHILDREN_FIELD) },
      expected: () =>
        persons().map((p) => ({
          remoteId: String(p.uuid),
          email: String(p.email),
          leavingDate: text(p.leaveDate),
          mapped: { numberOfChildren: count(p[CHILDREN_FIELD]) },
        })),
      malformedRecords: 1,
      legalEntities: () => [],
      listingPages: 'several',
      listingPath: '/v2/persons/master-data',
      tokenPath: '/v2/authentication',
      throttleSendsRetryAfter: true,
      faults: fake.faults,
      log: fake.log,
      secrets: () => [FAKE_HR_WORKS_SECRET_ACCESS_KEY, ...fake.state.tokens()],
      close: () => fake.close(),
    };
  },
};
