// Sage HR for the contract suite: two page-number lists (active employees, then terminated ones;
// 20 a page here so both span several pages), leavers on the terminated list, planned leavers on
// either list with a 2030 termination_date, the number of children in a per-employee custom field.
// Sage HR has no legal entities.
import { count, text, type ContractFixture, type ContractFakeSize } from '../kit/fake/contract';
import { FAKE_SAGE_HR_API_KEY, FAKE_SAGE_HR_SUBDOMAIN, INVALID_KEY_MESSAGE, NUMBER_OF_CHILDREN_FIELD_ID, startFakeSageHr } from './fake-server';
import { customFieldKey } from './mapping';

export const contractFixture: ContractFixture = {
  hrSystem: 'sage-hr',
  async start(size?: ContractFakeSize) {
    const fake = await startFakeSageHr({ people: size?.people ?? 120, malformedRecords: 1, ...(size ? {} : { perPage: 20 }) });
    let i = 0;
    for (const id of fake.state.employees.keys()) fake.state.setCustomValue(id, NUMBER_OF_CHILDREN_FIELD_ID, i++ % 5 === 0 ? null : String((i % 3) + 1));
    return {
      credentials: { subdomain: FAKE_SAGE_HR_SUBDOMAIN, apiKey: FAKE_SAGE_HR_API_KEY, baseUrl: fake.url },
      wrongCredentials: { subdomain: FAKE_SAGE_HR_SUBDOMAIN, apiKey: 'revoked-sage-hr-key', baseUrl: fake.url },
      refusalReason: INVALID_KEY_MESSAGE,
      mapping: { numberOfChildren: customFieldKey(String(NUMBER_OF_CHILDREN_FIELD_ID)) },
      expected: () =>
        [...fake.state.employees].map(([id, e]) => ({
          remoteId: id,
          email: String(e.email),
          leavingDate: text(e.termination_date),
          mapped: { numberOfChildren: count(fake.state.customValue(id, NUMBER_OF_CHILDREN_FIELD_ID)) },
        })),
      malformedRecords: 1,
      legalEntities: () => [],
      listingPages: 'several',
      listingPath: /^\/api\/(employees|terminated-employees)$/,
      tokenPath: null,
      throttleSendsRetryAfter: true,
      faults: fake.faults,
      log: fake.log,
      secrets: () => [FAKE_SAGE_HR_API_KEY],
      close: () => fake.close(),
    };
  },
};
