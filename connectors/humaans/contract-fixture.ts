// Humaans for the contract suite: offset-paged people ($limit/$skip; the fake serves 50 a page here
// so a few dozen people span several pages), leavers with employmentEndDate or only lastWorkingDay,
// the number of children in a custom field. Humaans has no legal entities (one account, one company).
import { count, text, type ContractFixture, type ContractFakeSize } from '../kit/fake/contract';
import { FAKE_HUMAANS_ACCESS_TOKEN, NUMBER_OF_CHILDREN_FIELD_ID, startFakeHumaans } from './fake-server';
import { customFieldKey } from './mapping';

export const contractFixture: ContractFixture = {
  hrSystem: 'humaans',
  async start(size?: ContractFakeSize) {
    const fake = await startFakeHumaans({ people: size?.people ?? 120, malformedRecords: 1, ...(size ? {} : { maxLimit: 50 }) });
    let i = 0;
    for (const id of fake.state.people.keys()) fake.state.setCustomValue(id, NUMBER_OF_CHILDREN_FIELD_ID, i++ % 5 === 0 ? null : (i % 3) + 1);
    return {
      credentials: { accessToken: FAKE_HUMAANS_ACCESS_TOKEN, baseUrl: fake.url },
      wrongCredentials: { accessToken: 'revoked-humaans-token', baseUrl: fake.url },
      refusalReason: 'Invalid access token',
      mapping: { numberOfChildren: customFieldKey(NUMBER_OF_CHILDREN_FIELD_ID) },
      expected: () =>
        [...fake.state.people].map(([id, p]) => ({
          remoteId: id,
          email: String(p.email),
          // Humaans' leaving date: the employment end date, else the last working day.
          leavingDate: text(p.employmentEndDate) ?? text(p.lastWorkingDay),
          mapped: { numberOfChildren: count(fake.state.customValue(id, NUMBER_OF_CHILDREN_FIELD_ID)) },
        })),
      malformedRecords: 1,
      legalEntities: () => [],
      listingPages: 'several',
      listingPath: '/api/people',
      tokenPath: null,
      throttleSendsRetryAfter: true,
      faults: fake.faults,
      log: fake.log,
      secrets: () => [FAKE_HUMAANS_ACCESS_TOKEN],
      close: () => fake.close(),
    };
  },
};
