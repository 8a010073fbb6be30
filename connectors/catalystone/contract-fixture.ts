// CatalystOne for the contract suite: the v3 employee list in one answer (CatalystOne describes no
// paging), inactive employees only with includeInactive=true, leavers with their 2025 date of
// termination (field 38), planned leavers in 2030, three legal entities (field 1002), the number of
// children in a tenant field. tokenPath is null although CatalystOne issues tokens: the suite's token
// test needs a listing of several pages to expire a token mid-listing; test/connectors/catalystone.test.ts
// covers one token per listing and its renewal instead.
import { count, type ContractFixture, type ContractFakeSize } from '../kit/fake/contract';
import { CHILDREN_FIELD_ID, EMPLOYEES_PATH, FAKE_CATALYSTONE_CLIENT_ID, FAKE_CATALYSTONE_CLIENT_SECRET, INVALID_CLIENT_MESSAGE, startFakeCatalystOne } from './fake-server';
import { fieldKey } from './mapping';

type Fields = Record<string, { data?: { value?: unknown } } | undefined>;
const value = (row: Record<string, unknown>, id: string) => (row.field as Fields)[id]?.data?.value;

export const contractFixture: ContractFixture = {
  hrSystem: 'catalystone',
  async start(size?: ContractFakeSize) {
    const fake = await startFakeCatalystOne({ employees: size?.people ?? 60, malformedRecords: 1 });
    const credentials = { domain: 'acme', clientId: FAKE_CATALYSTONE_CLIENT_ID, clientSecret: FAKE_CATALYSTONE_CLIENT_SECRET, baseUrl: fake.url };
    return {
      credentials,
      wrongCredentials: { ...credentials, clientSecret: 'revoked-catalystone-secret' },
      refusalReason: INVALID_CLIENT_MESSAGE,
      mapping: { numberOfChildren: fieldKey(CHILDREN_FIELD_ID) },
      expected: () =>
        [...fake.state.employees].map(([guid, row]) => ({
          remoteId: guid,
          email: String(value(row, '7')),
          leavingDate: (value(row, '38') as string) || null,
          mapped: { numberOfChildren: count(value(row, CHILDREN_FIELD_ID)) },
        })),
      malformedRecords: 1,
      legalEntities: () => fake.state.legalEntities.map((e) => ({ id: e.guid, name: e.value })),
      listingPages: 'one',
      listingPath: EMPLOYEES_PATH,
      tokenPath: null,
      throttleSendsRetryAfter: true,
      faults: fake.faults,
      log: fake.log,
      secrets: () => [FAKE_CATALYSTONE_CLIENT_SECRET, ...fake.state.tokens.keys()],
      close: () => fake.close(),
    };
  },
};
