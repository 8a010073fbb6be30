// AFAS Profit for the contract suite: the GetConnector Benefits_Employees in the recommended
// layout, read 50 rows a request (pageSize) so the listing spans several pages and ends at an empty
// one; leavers with their end date (Datum uit dienst), a row without an employee id, three
// employers, the number of children in a field of the GetConnector. AFAS publishes no rate limit:
// the suite's throttles come from the fault script (429, with Retry-After where given: assumed).
import { count, text, type ContractFixture, type ContractFakeSize } from '../kit/fake/contract';
import { FAKE_AFAS_GET_CONNECTOR, FAKE_AFAS_TOKEN, NUMBER_OF_CHILDREN_FIELD, startFakeAfas } from './fake-server';
import { AFAS_DEFAULT_FIELDS as F } from './mapping';

const WRONG_TOKEN = '<token><version>1</version><data>0000000000000000000000000000000000000000000000000000000000000000</data></token>';

export const contractFixture: ContractFixture = {
  hrSystem: 'afas',
  async start(size?: ContractFakeSize) {
    const fake = await startFakeAfas({ employees: size?.people ?? 120, malformedRecords: 1 });
    const credentials = { environmentId: '12345', token: FAKE_AFAS_TOKEN, getConnector: FAKE_AFAS_GET_CONNECTOR, pageSize: 50, baseUrl: fake.url };
    return {
      credentials,
      wrongCredentials: { ...credentials, token: WRONG_TOKEN },
      refusalReason: 'the token was not accepted',
      mapping: { numberOfChildren: NUMBER_OF_CHILDREN_FIELD },
      expected: () =>
        [...fake.state.employees].map(([id, row]) => ({
          remoteId: id,
          email: String(row[F.email]),
          leavingDate: text(row[F.leavingDate])?.slice(0, 10) ?? null,
          mapped: { numberOfChildren: count(row[NUMBER_OF_CHILDREN_FIELD]) },
        })),
      malformedRecords: 1,
      legalEntities: () => fake.state.employers.map((e) => ({ id: e.id, name: e.name })),
      listingPages: 'several',
      listingPath: `/ProfitRestServices/connectors/${FAKE_AFAS_GET_CONNECTOR}`,
      tokenPath: null,
      throttleSendsRetryAfter: true,
      faults: fake.faults,
      log: fake.log,
      secrets: () => [FAKE_AFAS_TOKEN, Buffer.from(FAKE_AFAS_TOKEN).toString('base64'), FAKE_AFAS_TOKEN.replace(/^.*<data>|<\/data>.*$/g, '')],
      close: () => fake.close(),
    };
  },
};
