// Sesame HR for the contract suite: a Bearer API token, /core/v3/employees capped at 20 a page here
// (meta.lastPage) in two passes (status=active, then inactive), leaving dates from the contracts'
// endDate (2025 leavers inactive, planned leavers active with a 2030 end), the number of children on
// the employee itself (Sesame's `children`: no mapping needed), two companies as legal entities.
import { count, text, type ContractFixture, type ContractFakeSize } from '../kit/fake/contract';
import { COMPANIES, FAKE_SESAME_TOKEN, UNAUTHENTICATED_MESSAGE, startFakeSesame } from './fake-server';

export const contractFixture: ContractFixture = {
  hrSystem: 'sesame-hr',
  async start(size?: ContractFakeSize) {
    const fake = await startFakeSesame({ people: size?.people ?? 60, malformedRecords: 1, ...(size ? {} : { maxLimit: 20 }) });
    const employees = () => fake.state.employees.filter((e) => typeof e.id === 'string');
    return {
      credentials: { apiToken: FAKE_SESAME_TOKEN, region: 'eu1', baseUrl: fake.url },
      wrongCredentials: { apiToken: 'revoked-sesame-api-token', region: 'eu1', baseUrl: fake.url },
      refusalReason: UNAUTHENTICATED_MESSAGE,
      mapping: {},
      expected: () =>
        employees().map((e) => ({
          remoteId: String(e.id),
          email: String(e.email),
          leavingDate: text(fake.state.leavingDate(String(e.id))),
          mapped: { numberOfChildren: count(e.children) },
        })),
      malformedRecords: 1,
      legalEntities: () => COMPANIES.map(({ id, name }) => ({ id, name })),
      listingPages: 'several',
      listingPath: '/core/v3/employees',
      tokenPath: null,
      throttleSendsRetryAfter: true,
      faults: fake.faults,
      log: fake.log,
      secrets: () => [FAKE_SESAME_TOKEN],
      close: () => fake.close(),
    };
  },
};
