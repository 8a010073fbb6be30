// Workday for the contract suite: Get_Workers over Page/Count (the fake serves 50 a page here so the
// workers span several pages), leavers with Termination_Date (Exclude_Inactive_Workers=false), rehires
// whose old Termination_Date is no departure, three Company organizations, the change listing by
// Transaction_Log_Criteria (Updated_From/Updated_Through). The number of children is a tenant Custom ID.
import { count, type ContractFixture, type ContractFakeSize } from '../kit/fake/contract';
import { customIdKey } from './mapping';
import { FAKE_WORKDAY_COMPANIES, FAKE_WORKDAY_ISU, FAKE_WORKDAY_PASSWORD, FAKE_WORKDAY_TENANT, NUMBER_OF_CHILDREN_CUSTOM_ID, startFakeWorkday, type FakeWorker } from './fake-server';

/** Workday's leaving date as the fake holds it: a Termination_Date not before the latest hire. */
const leavingDate = (w: FakeWorker): string | null => (w.terminationDate !== null && w.terminationDate >= w.hireDate ? w.terminationDate : null);

export const contractFixture: ContractFixture = {
  hrSystem: 'workday',
  async start(size?: ContractFakeSize) {
    const fake = await startFakeWorkday({ workers: size?.people ?? 120, malformedRecords: 1, ...(size ? {} : { maxCount: 50 }) });
    const credentials = { host: 'wd2-impl-services1.workday.com', tenant: FAKE_WORKDAY_TENANT, username: FAKE_WORKDAY_ISU, password: FAKE_WORKDAY_PASSWORD, baseUrl: fake.url };
    return {
      credentials,
      wrongCredentials: { ...credentials, password: 'wrong-isu-password' },
      refusalReason: 'invalid username or password',
      mapping: { numberOfChildren: customIdKey(NUMBER_OF_CHILDREN_CUSTOM_ID) },
      expected: () =>
        [...fake.state.workers.values()].map((w) => ({
          remoteId: w.wid,
          email: w.workEmail!,
          leavingDate: leavingDate(w),
          mapped: { numberOfChildren: count(w.customIds.get(NUMBER_OF_CHILDREN_CUSTOM_ID)) },
        })),
      malformedRecords: 1,
      legalEntities: () => FAKE_WORKDAY_COMPANIES.map((c) => ({ id: c.id, name: c.name })),
      listingPages: 'several',
      listingPath: fake.servicePath,
      tokenPath: null,
      throttleSendsRetryAfter: true,
      changeMoreThanAPage: () => {
        const changed = [...fake.state.workers.keys()].slice(0, 60);
        for (const wid of changed) fake.state.editWorker(wid, { timeType: 'Part_time' });
        return changed;
      },
      faults: fake.faults,
      log: fake.log,
      secrets: () => [FAKE_WORKDAY_PASSWORD],
      close: () => fake.close(),
    };
  },
};
