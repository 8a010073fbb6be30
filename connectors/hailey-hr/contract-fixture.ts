// Hailey HR for the contract suite: limit/offset over GET /Company/Employee (the fake serves 25 a
// page here, fewer than the connector asks, so the listing spans several pages and ends on an empty
// one), leavers inactive with their employment end date, planned leavers active with a 2030 end,
// two companies (legal entities), a change listing on updated_gte, the number of children in a
// custom field.
import { count, text, type ContractFixture, type ContractFakeSize } from '../kit/fake/contract';
import { FAKE_HAILEY_HR_ACCESS_TOKEN, INVALID_TOKEN_DETAIL, NUMBER_OF_CHILDREN_FIELD, startFakeHaileyHr } from './fake-server';
import { customFieldKey } from './mapping';

export const contractFixture: ContractFixture = {
  hrSystem: 'hailey-hr',
  async start(size?: ContractFakeSize) {
    const fake = await startFakeHaileyHr({ people: size?.people ?? 120, malformedRecords: 1, ...(size ? {} : { maxLimit: 25 }) });
    let i = 0;
    for (const id of fake.state.employees.keys()) fake.state.setCustomValue(id, NUMBER_OF_CHILDREN_FIELD, i++ % 5 === 0 ? null : (i % 3) + 1);
    const children = (e: Record<string, unknown>) => (e.customFields as Record<string, unknown>)[NUMBER_OF_CHILDREN_FIELD];
    return {
      credentials: { accessToken: FAKE_HAILEY_HR_ACCESS_TOKEN, baseUrl: fake.url },
      wrongCredentials: { accessToken: 'expired-hailey-hr-token', baseUrl: fake.url },
      refusalReason: INVALID_TOKEN_DETAIL,
      mapping: { numberOfChildren: customFieldKey(NUMBER_OF_CHILDREN_FIELD) },
      expected: () =>
        [...fake.state.employees].map(([id, e]) => ({
          remoteId: id,
          email: String(e.email),
          leavingDate: text(e.employmentEndDate),
          mapped: { numberOfChildren: count(children(e)) },
        })),
      malformedRecords: 1,
      legalEntities: () => fake.state.companies.map((c) => ({ id: String(c.id), name: String(c.name) })),
      listingPages: 'several',
      listingPath: '/Company/Employee',
      tokenPath: null,
      throttleSendsRetryAfter: true,
      changeMoreThanAPage: () => {
        const ids = [...fake.state.employees.keys()].filter((_, n) => n % 3 === 0).slice(0, 30);
        for (const id of ids) fake.state.editEmployee(id, { title: 'Senior engineer' });
        return ids;
      },
      faults: fake.faults,
      log: fake.log,
      secrets: () => [FAKE_HAILEY_HR_ACCESS_TOKEN],
      close: () => fake.close(),
    };
  },
};
