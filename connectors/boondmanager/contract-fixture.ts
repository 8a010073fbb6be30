// BoondManager for the contract suite: GET /api/resources with page / maxResults (the fake serves at
// most 30 a page here, fewer than the connector asks, so the listing spans several pages and ends on
// meta.totals.rows), leavers in state 0 with the company's leaving date attribute (named in the
// credentials), planned leavers in state 7 with a 2030 date, two agencies (legal entities), the
// number of children in one of the company's own attributes.
import { count, text, type ContractFixture, type ContractFakeSize } from '../kit/fake/contract';
import {
  CHILDREN_ATTRIBUTE,
  FAKE_BOOND_CLIENT_KEY,
  FAKE_BOOND_CLIENT_TOKEN,
  FAKE_BOOND_USER_TOKEN,
  INVALID_TOKEN_DETAIL,
  LEAVING_DATE_ATTRIBUTE,
  startFakeBoondManager,
} from './fake-server';
import { attributeKey } from './mapping';

export const contractFixture: ContractFixture = {
  hrSystem: 'boondmanager',
  async start(size?: ContractFakeSize) {
    const fake = await startFakeBoondManager({ people: size?.people ?? 120, malformedRecords: 1, ...(size ? {} : { maxResults: 30 }) });
    let i = 0;
    for (const id of fake.state.resources.keys()) fake.state.editResource(id, { [CHILDREN_ATTRIBUTE]: i++ % 5 === 0 ? null : (i % 3) + 1 });
    const credentials = { userToken: FAKE_BOOND_USER_TOKEN, clientToken: FAKE_BOOND_CLIENT_TOKEN, clientKey: FAKE_BOOND_CLIENT_KEY, leavingDateField: LEAVING_DATE_ATTRIBUTE, baseUrl: fake.url };
    const attributes = (r: Record<string, unknown>) => r.attributes as Record<string, unknown>;
    return {
      credentials,
      wrongCredentials: { ...credentials, clientKey: 'revoked-boondmanager-client-key' },
      refusalReason: INVALID_TOKEN_DETAIL,
      mapping: { numberOfChildren: attributeKey(CHILDREN_ATTRIBUTE) },
      expected: () =>
        [...fake.state.resources].map(([id, r]) => ({
          remoteId: id,
          email: String(attributes(r).email1),
          leavingDate: text(attributes(r)[LEAVING_DATE_ATTRIBUTE]),
          mapped: { numberOfChildren: count(attributes(r)[CHILDREN_ATTRIBUTE]) },
        })),
      malformedRecords: 1,
      legalEntities: () => fake.state.agencies.map((a) => ({ id: String(a.id), name: String((a.attributes as { name: string }).name) })),
      listingPages: 'several',
      listingPath: '/api/resources',
      tokenPath: null,
      throttleSendsRetryAfter: true,
      faults: fake.faults,
      log: fake.log,
      secrets: () => [FAKE_BOOND_CLIENT_KEY, FAKE_BOOND_USER_TOKEN],
      close: () => fake.close(),
    };
  },
};
