// BambooHR for the contract suite: the custom report answers everyone at once; the custom field
// "Number of children" has no alias and is keyed by its id.
import { count, text, type ContractFixture, type ContractFakeSize } from '../kit/fake/contract';
import { FAKE_BAMBOOHR_API_KEY, NUMBER_OF_CHILDREN_FIELD_ID, startFakeBambooHr } from './fake-server';

export const contractFixture: ContractFixture = {
  hrSystem: 'bamboohr',
  async start(size?: ContractFakeSize) {
    const fake = await startFakeBambooHr({ employees: size?.people ?? 40, malformedRecords: 1 });
    const childrenKey = String(NUMBER_OF_CHILDREN_FIELD_ID);
    const people = () => [...fake.state.employees];
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
      faults: fake.faults,
      log: fake.log,
      secrets: () => [FAKE_BAMBOOHR_API_KEY],
      close: () => fake.close(),
    };
  },
};
