// Cezanne HR for the contract suite: OAuth2 client credentials, the OData People set in pages of 20
// here (odata.nextLink), employments and communications expanded, leavers with ACTIVEEMPLOYEE 0 and
// their 2025 termination dates (one without), terminations in 2030, a company field NumberOfChildren,
// two companies.
import { count, text, type ContractFixture, type ContractFakeSize } from '../kit/fake/contract';
import { CHILDREN_FIELD, FAKE_CEZANNE_CLIENT_ID, FAKE_CEZANNE_CLIENT_SECRET, FAKE_CEZANNE_COMPANIES, SERVICE_PATH, startFakeCezanne, TOKEN_PATH } from './fake-server';

export const contractFixture: ContractFixture = {
  hrSystem: 'cezanne-hr',
  async start(size?: ContractFakeSize) {
    const fake = await startFakeCezanne({ people: size?.people ?? 50, malformedRecords: 1, ...(size ? {} : { pageSize: 20 }) });
    const credentials = { subdomain: 'w3', clientId: FAKE_CEZANNE_CLIENT_ID, clientSecret: FAKE_CEZANNE_CLIENT_SECRET, baseUrl: fake.url };
    return {
      credentials,
      wrongCredentials: { ...credentials, clientSecret: 'revoked-cezanne-client-secret' },
      refusalReason: 'The client credentials are invalid.',
      mapping: { numberOfChildren: CHILDREN_FIELD },
      expected: () =>
        fake.state.people
          .filter((p) => typeof p.PERSONID === 'string')
          .map((p) => {
            const employment = (p.PeopleToEmploymentAll as Record<string, unknown>[])[0];
            const work = (p.PeopleToCommunications as Record<string, unknown>[]).find((c) => c.COMMUNICATIONTYPEDESCRIPTION === 'Work Email')!;
            return { remoteId: String(p.PERSONID), email: String(work.EMAILADDRESS), leavingDate: text(employment.EFFECTIVETO)?.slice(0, 10) ?? null, mapped: { numberOfChildren: count(p[CHILDREN_FIELD]) } };
          }),
      malformedRecords: 1,
      legalEntities: () => FAKE_CEZANNE_COMPANIES.map((c) => ({ id: c.code, name: c.name })),
      listingPages: 'several',
      listingPath: `${SERVICE_PATH}/People`,
      tokenPath: TOKEN_PATH,
      throttleSendsRetryAfter: true,
      faults: fake.faults,
      log: fake.log,
      secrets: () => [FAKE_CEZANNE_CLIENT_SECRET, ...fake.state.tokens()],
      close: () => fake.close(),
    };
  },
};
