// Factorial for the contract suite: cursor-paged employees (100 a page) completed by contract
// versions and custom field values; the number of children is a custom field. 120 people, so a
// change listing of 110 spans two pages; webhook subscriptions as Factorial's API has them.
import { count, text, type ContractFixture, type ContractFakeSize } from '../kit/fake/contract';
import { FAKE_FACTORIAL_API_KEY, FAKE_LEGAL_ENTITIES, NUMBER_OF_CHILDREN_FIELD_ID, startFakeFactorial } from './fake-server';

export const contractFixture: ContractFixture = {
  hrSystem: 'factorial',
  async start(size?: ContractFakeSize) {
    const fake = await startFakeFactorial({ employees: size?.people ?? 120, malformedRecords: 1 });
    const children = new Map<string, string | null>();
    let i = 0;
    let edits = 0;
    for (const id of fake.state.employees.keys()) {
      const value = i++ % 4 === 0 ? null : String((i % 3) + 1);
      children.set(id, value);
      fake.state.setCustomValue(id, NUMBER_OF_CHILDREN_FIELD_ID, value);
    }
    return {
      credentials: { apiKey: FAKE_FACTORIAL_API_KEY, baseUrl: fake.url },
      wrongCredentials: { apiKey: 'revoked-factorial-key', baseUrl: fake.url },
      refusalReason: 'Invalid API key',
      mapping: { numberOfChildren: `custom_fields.${NUMBER_OF_CHILDREN_FIELD_ID}` },
      expected: () =>
        [...fake.state.employees].map(([id, e]) => ({ remoteId: id, email: String(e.login_email), leavingDate: text(e.terminated_on), mapped: { numberOfChildren: count(children.get(id)) } })),
      malformedRecords: 1,
      legalEntities: () => FAKE_LEGAL_ENTITIES.map((e) => ({ id: String(e.id), name: String(e.legal_name) })),
      listingPages: 'several',
      listingPath: /\/resources\/employees\/employees$/,
      tokenPath: null,
      throttleSendsRetryAfter: true,
      changeMoreThanAPage: () => {
        const ids = [...fake.state.employees.keys()].slice(0, 110);
        for (const id of ids) fake.state.editEmployee(id, { city: 'Madrid' });
        return ids;
      },
      push: {
        async changeSomeone() {
          const [id, employee] = [...fake.state.employees].find(([, e]) => e.active === true)!;
          fake.state.editEmployee(id, { last_name: `${String(employee.last_name).replace(/-\d+$/, '')}-${++edits}` });
          await fake.state.webhooks.settle();
          return id;
        },
        subscriptions: () => [...fake.state.webhooks.subscriptions.values()].map((s) => ({ id: s.id, callbackUrl: s.target_url, expiresAt: null })),
        async dropSubscription(id) {
          fake.state.webhooks.disable(id);
        },
        subscriptionPath: /\/resources\/api_public\/webhook_subscriptions/,
      },
      faults: fake.faults,
      log: fake.log,
      secrets: () => [FAKE_FACTORIAL_API_KEY],
      close: () => fake.close(),
    };
  },
};
