// AlexisHR for the contract suite: offset-paged employees (the fake serves 20 a page here, so the
// active and the inactive list each span several pages), leavers inactive with their endDate,
// planned leavers active with a 2030 endDate, three companies (legal entities), a change listing on
// filters[updated][$gt]. This customer keeps the payroll number of children in a custom field; the
// count of AlexisHR's own /child records fills in where it is empty.
import { count, text, type ContractFixture, type ContractFakeSize } from '../kit/fake/contract';
import { CHILDREN_CUSTOM_KEY, FAKE_ALEXISHR_ACCESS_TOKEN, startFakeAlexisHr } from './fake-server';
import { customFieldKey } from './mapping';

export const contractFixture: ContractFixture = {
  hrSystem: 'alexishr',
  async start(size?: ContractFakeSize) {
    const fake = await startFakeAlexisHr({ employees: size?.people ?? 120, malformedRecords: 1, ...(size ? {} : { maxLimit: 20 }) });
    let i = 0;
    for (const id of fake.state.employees.keys()) fake.state.setCustomValue(id, CHILDREN_CUSTOM_KEY, i++ % 3 === 0 ? null : (i % 5) + 1);
    const custom = (e: Record<string, unknown>) => (e.custom as Record<string, unknown> | null)?.[CHILDREN_CUSTOM_KEY];
    return {
      credentials: { accessToken: FAKE_ALEXISHR_ACCESS_TOKEN, baseUrl: fake.url },
      wrongCredentials: { accessToken: 'revoked-alexishr-token', baseUrl: fake.url },
      refusalReason: 'Unauthorized',
      mapping: { numberOfChildren: customFieldKey(CHILDREN_CUSTOM_KEY) },
      expected: () =>
        [...fake.state.employees].map(([id, e]) => ({
          remoteId: id,
          email: String(e.workEmail),
          leavingDate: text(e.endDate)?.slice(0, 10) ?? null,
          // The mapped custom field wins when it has a value; the count of child records fills in otherwise.
          mapped: { numberOfChildren: count(custom(e)) ?? fake.state.childCount(id) },
        })),
      malformedRecords: 1,
      legalEntities: () => fake.state.companies.map((c) => ({ id: String(c.id), name: String(c.name) })),
      listingPages: 'several',
      listingPath: '/v1/employee',
      tokenPath: null,
      throttleSendsRetryAfter: true,
      changeMoreThanAPage: () => {
        const ids = [...fake.state.employees.keys()].filter((_, n) => n % 3 === 0).slice(0, 30);
        for (const id of ids) fake.state.editEmployee(id, { title: 'Senior engineer' });
        return ids;
      },
      faults: fake.faults,
      log: fake.log,
      secrets: () => [FAKE_ALEXISHR_ACCESS_TOKEN],
      close: () => fake.close(),
    };
  },
};
