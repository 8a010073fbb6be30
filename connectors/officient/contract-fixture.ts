// Officient for the contract suite: page-number paging at Officient's fixed 30 a page (70 people and
// a malformed entry span three pages), archived leavers listed through include_archived=1, each
// person read from its detail. This customer keeps the number of children for payroll in a custom
// field; Officient's own dependent_children fills in where it is empty. No legal entities.
import { count, text, type ContractFixture, type ContractFakeSize } from '../kit/fake/contract';
import { CHILDREN_FIELD_ID, FAKE_OFFICIENT_ACCESS_TOKEN, startFakeOfficient } from './fake-server';
import { customFieldKey } from './mapping';

export const contractFixture: ContractFixture = {
  hrSystem: 'officient',
  async start(size?: ContractFakeSize) {
    const fake = await startFakeOfficient({ people: size?.people ?? 70, malformedRecords: 1 });
    let i = 0;
    for (const id of fake.state.people.keys()) fake.state.setCustomValue(id, CHILDREN_FIELD_ID, i++ % 4 === 0 ? null : (i % 3) + 1);
    return {
      credentials: { accessToken: FAKE_OFFICIENT_ACCESS_TOKEN, baseUrl: fake.url },
      wrongCredentials: { accessToken: 'revoked-officient-token', baseUrl: fake.url },
      refusalReason: 'Invalid access token',
      mapping: { numberOfChildren: customFieldKey(CHILDREN_FIELD_ID) },
      expected: () =>
        [...fake.state.people].map(([id, p]) => ({
          remoteId: id,
          email: String(p.email),
          leavingDate: text((p.employment as { last_employment_date?: unknown } | null)?.last_employment_date),
          // The mapped custom field wins when it has a value; dependent_children fills in otherwise.
          mapped: { numberOfChildren: count(fake.state.customValue(id, CHILDREN_FIELD_ID)) ?? count(p.dependent_children) },
        })),
      malformedRecords: 1,
      legalEntities: () => [],
      listingPages: 'several',
      listingPath: '/1.0/people/list',
      tokenPath: null,
      throttleSendsRetryAfter: true,
      faults: fake.faults,
      log: fake.log,
      secrets: () => [FAKE_OFFICIENT_ACCESS_TOKEN],
      close: () => fake.close(),
    };
  },
};
