// PeopleHR for the contract suite: one POST /Employee (GetAllEmployeeDetail, IncludeLeavers "true",
// the API key in the body) answering everyone at once, leavers with their 2025 LeavingDate, planned
// leavers in 2030, the number of children in API column 1, three companies as legal entities. The
// 30-a-minute limit is off here: the suite's throttles come from the fault script (an error message
// inside a 200, no Retry-After).
import { count, text, type ContractFixture, type ContractFakeSize } from '../kit/fake/contract';
import { FAKE_PEOPLEHR_API_KEY, UNKNOWN_KEY_MESSAGE, startFakePeopleHr } from './fake-server';

const value = (field: unknown) => (field as { DisplayValue?: string } | undefined)?.DisplayValue;

export const contractFixture: ContractFixture = {
  hrSystem: 'peoplehr',
  async start(size?: ContractFakeSize) {
    const fake = await startFakePeopleHr({ people: size?.people ?? 40, malformedRecords: 1, callsPerMinute: null });
    const employees = () => fake.state.employees.filter((e) => value(e.EmployeeId));
    return {
      credentials: { apiKey: FAKE_PEOPLEHR_API_KEY, baseUrl: fake.url },
      wrongCredentials: { apiKey: '00000000-0000-4000-8000-000000000000', baseUrl: fake.url },
      refusalReason: UNKNOWN_KEY_MESSAGE,
      mapping: { numberOfChildren: 'APIColumn1' },
      expected: () =>
        employees().map((e) => ({
          remoteId: String(value(e.EmployeeId)),
          email: String(value(e.EmailId)),
          leavingDate: text(e.LeavingDate),
          mapped: { numberOfChildren: count(e.APIColumn1) },
        })),
      malformedRecords: 1,
      legalEntities: () => [...new Set(employees().map((e) => String(value(e.Company))))].map((name) => ({ id: name, name })),
      listingPages: 'one',
      listingPath: '/Employee',
      tokenPath: null,
      throttleSendsRetryAfter: false,
      faults: fake.faults,
      log: fake.log,
      secrets: () => [FAKE_PEOPLEHR_API_KEY],
      close: () => fake.close(),
    };
  },
};
