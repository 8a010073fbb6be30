// IRIS Cascade for the contract suite: client-credentials tokens (Basic key:secret, expires_in as a
// string), OData /hr/v2/employees capped at 20 a page here (the connector asks $top=250 and pages by
// $skip and @odata.count), leavers with EmploymentLeftDate (some only LastWorkingDate), planned
// leavers in 2030, the number of children in a user defined field. IRIS' own rate limit (100 a
// minute) is off here: the suite's throttles come from the fault script. No legal entities.
import { count, text, type ContractFixture, type ContractFakeSize } from '../kit/fake/contract';
import { CHILDREN_FIELD, CHILDREN_SCHEMA, FAKE_IRIS_CLIENT_KEY, FAKE_IRIS_CLIENT_SECRET, INVALID_CLIENT_MESSAGE, startFakeIris } from './fake-server';
import { udfKey } from './mapping';

export const contractFixture: ContractFixture = {
  hrSystem: 'iris-cascade',
  async start(size?: ContractFakeSize) {
    const fake = await startFakeIris({ people: size?.people ?? 60, malformedRecords: 1, rateLimitPerMinute: null, ...(size ? {} : { serverPageSize: 20 }) });
    const employees = () => fake.state.employees.filter((e) => typeof e.Id === 'string');
    const children = (id: unknown) => fake.state.udf.find((u) => u.EmployeeId === id && u.FieldName === CHILDREN_FIELD)?.Value;
    const credentials = { clientKey: FAKE_IRIS_CLIENT_KEY, clientSecret: FAKE_IRIS_CLIENT_SECRET, baseUrl: `${fake.url}/hr/v2` };
    return {
      credentials,
      wrongCredentials: { ...credentials, clientSecret: 'revoked-iris-client-secret' },
      refusalReason: INVALID_CLIENT_MESSAGE,
      mapping: { numberOfChildren: udfKey(CHILDREN_SCHEMA, CHILDREN_FIELD) },
      expected: () =>
        employees().map((e) => ({
          remoteId: String(e.Id),
          email: String((e.Emails as Array<{ Ownership: string; Value: string }>).find((m) => m.Ownership === 'Organization')!.Value),
          leavingDate: text(String(e.EmploymentLeftDate ?? e.LastWorkingDate ?? '').slice(0, 10)),
          mapped: { numberOfChildren: count(children(e.Id)) },
        })),
      malformedRecords: 1,
      legalEntities: () => [],
      listingPages: 'several',
      listingPath: '/hr/v2/employees',
      tokenPath: '/oauth2/v1/token',
      throttleSendsRetryAfter: false,
      changeMoreThanAPage: () => {
        const changed = employees().slice(0, 25);
        for (const e of changed) fake.state.editEmployee(String(e.Id), { CostCentre: 'CC-reorganised' });
        return changed.map((e) => String(e.Id));
      },
      faults: fake.faults,
      log: fake.log,
      secrets: () => [FAKE_IRIS_CLIENT_SECRET, ...fake.state.tokens.keys()],
      close: () => fake.close(),
    };
  },
};
