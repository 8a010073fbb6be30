// Simployer for the contract suite: GET /v1/person in one answer (paging is not documented),
// persons with an e-mail and the company's leaving date field (named in the credentials; Simployer
// publishes neither), leavers with a 2025 date, planned leavers with 2030, the number of children in
// a company field beyond the published ones (offered as an attribute). Simployer has no legal
// entities through its API.
import { count, text, type ContractFixture, type ContractFakeSize } from '../kit/fake/contract';
import { CHILDREN_FIELD, FAKE_SIMPLOYER_API_KEY, INVALID_KEY_MESSAGE, LEAVING_DATE_FIELD, startFakeSimployer } from './fake-server';

export const contractFixture: ContractFixture = {
  hrSystem: 'simployer',
  async start(size?: ContractFakeSize) {
    const fake = await startFakeSimployer({ people: size?.people ?? 60, malformedRecords: 1 });
    let i = 0;
    for (const id of fake.state.persons.keys()) fake.state.editPerson(id, { [CHILDREN_FIELD]: i++ % 5 === 0 ? null : (i % 3) + 1 });
    const credentials = { apiKey: FAKE_SIMPLOYER_API_KEY, leavingDateField: LEAVING_DATE_FIELD, baseUrl: fake.url };
    return {
      credentials,
      wrongCredentials: { ...credentials, apiKey: 'revoked-simployer-key' },
      refusalReason: INVALID_KEY_MESSAGE,
      mapping: { numberOfChildren: CHILDREN_FIELD },
      expected: () =>
        [...fake.state.persons].map(([id, p]) => ({ remoteId: id, email: String(p.email), leavingDate: text(p[LEAVING_DATE_FIELD]), mapped: { numberOfChildren: count(p[CHILDREN_FIELD]) } })),
      malformedRecords: 1,
      legalEntities: () => [],
      listingPages: 'one',
      listingPath: '/v1/person',
      tokenPath: null,
      throttleSendsRetryAfter: true,
      faults: fake.faults,
      log: fake.log,
      secrets: () => [FAKE_SIMPLOYER_API_KEY],
      close: () => fake.close(),
    };
  },
};
