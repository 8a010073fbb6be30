// Planday for the contract suite: a refresh token exchanged at /connect/token, the active and the
// deactivated list in pages of 20 here (offset/limit, paging.total), leavers deactivated in 2025
// (some only with dateTimeDeleted), planned deactivations in 2030 still on the active list, the
// number of children in a custom field read by id, a change listing by modifiedFrom. Planday has no
// legal entities.
import { count, type ContractFixture, type ContractFakeSize } from '../kit/fake/contract';
import { CHILDREN_FIELD, DEACTIVATED_PATH, EMPLOYEES_PATH, FAKE_PLANDAY_CLIENT_ID, FAKE_PLANDAY_REFRESH_TOKEN, startFakePlanday } from './fake-server';

export const contractFixture: ContractFixture = {
  hrSystem: 'planday',
  async start(size?: ContractFakeSize) {
    const fake = await startFakePlanday({ people: size?.people ?? 45, malformedRecords: 1, ...(size ? {} : { maxLimit: 20 }) });
    const all = () => [...fake.state.employees.values()];
    return {
      credentials: { clientId: FAKE_PLANDAY_CLIENT_ID, refreshToken: FAKE_PLANDAY_REFRESH_TOKEN, baseUrl: fake.url },
      wrongCredentials: { clientId: FAKE_PLANDAY_CLIENT_ID, refreshToken: 'revoked-planday-refresh-token', baseUrl: fake.url },
      refusalReason: /invalid_grant/,
      mapping: { numberOfChildren: CHILDREN_FIELD },
      expected: () =>
        all().map(({ record }) => ({
          remoteId: String(record.id),
          email: String(record.email),
          leavingDate: fake.state.leavingDate(String(record.id)),
          mapped: { numberOfChildren: count(record[CHILDREN_FIELD]) },
        })),
      malformedRecords: 1,
      legalEntities: () => [],
      listingPages: 'several',
      listingPath: new RegExp(`^(${EMPLOYEES_PATH}|${DEACTIVATED_PATH})$`),
      tokenPath: '/connect/token',
      // Planday sends x-ratelimit-reset (seconds), never Retry-After.
      throttleSendsRetryAfter: false,
      changeMoreThanAPage: () => {
        const active = all().filter((e) => e.list === 'active').slice(0, 25);
        const deactivated = all().filter((e) => e.list === 'deactivated').slice(0, 3);
        for (const e of [...active, ...deactivated]) fake.state.editEmployee(String(e.record.id), { jobTitle: 'Reorganised' });
        return [...active, ...deactivated].map((e) => String(e.record.id));
      },
      faults: fake.faults,
      log: fake.log,
      secrets: () => [FAKE_PLANDAY_REFRESH_TOKEN, ...fake.state.tokens.keys()],
      close: () => fake.close(),
    };
  },
};
