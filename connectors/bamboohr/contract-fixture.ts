// BambooHR for the contract suite: the custom report answers everyone at once; the custom field
// "Number of children" has no alias and is keyed by its id. Enough people that a change listing
// spans more than one page of CHANGED_PAGE_SIZE; webhooks as BambooHR's API has them.
import { count, text, type ContractFixture, type ContractFakeSize } from '../kit/fake/contract';
import { CHANGED_PAGE_SIZE } from './changes';
import { FAKE_BAMBOOHR_API_KEY, NUMBER_OF_CHILDREN_FIELD_ID, startFakeBambooHr } from './fake-server';

export const contractFixture: ContractFixture = {
  hrSystem: 'bamboohr',
  async start(size?: ContractFakeSize) {
    const fake = await startFakeBambooHr({ employees: size?.people ?? CHANGED_PAGE_SIZE + 20, malformedRecords: 1 });
    const childrenKey = String(NUMBER_OF_CHILDREN_FIELD_ID);
    const people = () => [...fake.state.employees];
    let edits = 0;
    return {
      credentials: { companyDomain: 'example', apiKey: FAKE_BAMBOOHR_API_KEY, baseUrl: fake.url },
      wrongCredentials: { companyDomain: 'example', apiKey: 'revoked-bamboohr-key', baseUrl: fake.url },
      refusalReason: 'Invalid API key',
      mapping: { numberOfChildren: childrenKey },
      expected: () => people().map(([id, v]) => ({ remoteId: id, email: v.workEmail!, leavingDate: text(v.terminationDate), mapped: { numberOfChildren: count(v[childrenKey]) } })),
      malformedRecords: 1,
      legalEntities: () => [...new Set(people().map(([, v]) => v.division!))].map((name) => ({ id: name, name })),
      listingPages: 'one',
      listingPath: '/api/v1/reports/custom',
      tokenPath: null,
      throttleSendsRetryAfter: true,
      changeMoreThanAPage: () => {
        const ids = people().slice(0, CHANGED_PAGE_SIZE + 10).map(([id]) => id);
        for (const id of ids) fake.state.editEmployee(id, { jobTitle: 'Senior Specialist' });
        return ids;
      },
      push: {
        async changeSomeone() {
          const [id, values] = people().find(([, v]) => v.status === 'Active')!;
          // lastName is one of the fields the product's webhook monitors.
          fake.state.editEmployee(id, { lastName: `${values.lastName!.replace(/-\d+$/, '')}-${++edits}` });
          await fake.state.webhooks.settle();
          return id;
        },
        subscriptions: () => [...fake.state.webhooks.webhooks.values()].map((w) => ({ id: w.id, callbackUrl: w.url, expiresAt: null })),
        async dropSubscription(id) {
          // An admin deletes it under Account Settings > Webhooks; BambooHR tells nobody.
          fake.state.webhooks.webhooks.delete(id);
        },
        subscriptionPath: /^\/api\/v1\/webhooks/,
      },
      faults: fake.faults,
      log: fake.log,
      secrets: () => [FAKE_BAMBOOHR_API_KEY, ...[...fake.state.webhooks.webhooks.values()].map((w) => w.privateKey)],
      close: () => fake.close(),
    };
  },
};
