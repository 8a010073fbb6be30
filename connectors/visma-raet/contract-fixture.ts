// Visma Raet Youforce for the contract suite: Visma Connect tokens (client id, secret, tenant id),
// /iam/v1.0/persons capped at 20 a page here (nextLink on api.youforce.com, only its query is used),
// employments with dischargeDate (9999-12-31 open-ended; recent leavers, planned leavers in 2030,
// rehires; people discharged over 90 days ago gone from the API), the number of children in a person
// extension. Youforce's spike arrest (one request per 0.6 s) is off here: the suite's throttles come
// from the fault script. No legal entities.
import { count, text, type ContractFixture, type ContractFakeSize } from '../kit/fake/contract';
import { CHILDREN_FIELD_CODE, FAKE_YOUFORCE_CLIENT_ID, FAKE_YOUFORCE_CLIENT_SECRET, FAKE_YOUFORCE_TENANT_ID, startFakeYouforce } from './fake-server';
import { extensionKey } from './mapping';

export const contractFixture: ContractFixture = {
  hrSystem: 'visma-raet',
  async start(size?: ContractFakeSize) {
    const fake = await startFakeYouforce({ people: size?.people ?? 60, malformedRecords: 1, minIntervalMs: null, ...(size ? {} : { maxTake: 20 }) });
    const credentials = { clientId: FAKE_YOUFORCE_CLIENT_ID, clientSecret: FAKE_YOUFORCE_CLIENT_SECRET, tenantId: FAKE_YOUFORCE_TENANT_ID, baseUrl: fake.url };
    const children = (code: unknown) => fake.state.extensions.find((x) => x.personCode === code && x.bo4FieldCode === CHILDREN_FIELD_CODE)?.value;
    return {
      credentials,
      wrongCredentials: { ...credentials, clientSecret: 'revoked-youforce-client-secret' },
      refusalReason: 'invalid_client',
      mapping: { numberOfChildren: extensionKey(CHILDREN_FIELD_CODE) },
      expected: () =>
        fake.state.visiblePersons().map((p) => ({
          remoteId: String(p.id),
          email: String((p.emailAddresses as Array<{ type: string; address: string }>).find((a) => a.type === 'Business')!.address),
          leavingDate: text(fake.state.leavingDate(String(p.personCode))),
          mapped: { numberOfChildren: count(children(p.personCode)) },
        })),
      malformedRecords: 1,
      legalEntities: () => [],
      listingPages: 'several',
      listingPath: '/iam/v1.0/persons',
      tokenPath: '/connect/token',
      throttleSendsRetryAfter: false,
      faults: fake.faults,
      log: fake.log,
      secrets: () => [FAKE_YOUFORCE_CLIENT_SECRET, ...fake.state.tokens.keys()],
      close: () => fake.close(),
    };
  },
};
