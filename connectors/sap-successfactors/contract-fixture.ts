// SAP SuccessFactors for the contract suite: Users (t and f, plus two external users the connector
// must not list) with empInfo/jobInfoNav, snapshot pages of 20 here, one employment end date that is
// not a date (the malformed record), three FOCompany legal entities, the number of children in the
// User custom field custom05. The change listing is fed by edits on all three entities, because only
// the edited entity's lastModifiedDateTime moves.
import { count, text, type ContractFixture, type ContractFakeSize } from '../kit/fake/contract';
import { edmMillis, type Row } from './fake-data';
import { FAKE_SF_API_USER, FAKE_SF_CLIENT_ID, FAKE_SF_COMPANY_ID, NUMBER_OF_CHILDREN_FIELD, startFakeSuccessFactors } from './fake-server';

const day = (v: unknown): string | null => (v === null || v === undefined ? null : new Date(edmMillis(v)).toISOString().slice(0, 10));

export const contractFixture: ContractFixture = {
  hrSystem: 'sap-successfactors',
  async start(size?: ContractFakeSize) {
    const fake = await startFakeSuccessFactors({ people: size?.people ?? 60, malformedRecords: 1, ...(size ? {} : { maxPageSize: 20 }) });
    const employees = () => [...fake.state.users.values()].filter((u) => (u.status === 't' || u.status === 'f') && !Number.isNaN(edmMillis((u.empInfo as Row | null)?.endDate ?? '/Date(0)/')));
    const credentials = { apiServer: fake.url, companyId: FAKE_SF_COMPANY_ID, clientId: FAKE_SF_CLIENT_ID, userId: FAKE_SF_API_USER, privateKey: fake.privateKey };
    return {
      credentials,
      wrongCredentials: { ...credentials, userId: 'former.api.user' },
      refusalReason: /Login failed - invalid user/,
      mapping: { numberOfChildren: NUMBER_OF_CHILDREN_FIELD },
      expected: () =>
        employees().map((u) => ({
          remoteId: String(u.userId),
          email: String(u.email),
          leavingDate: day((u.empInfo as Row).endDate),
          mapped: { numberOfChildren: count(text(u[NUMBER_OF_CHILDREN_FIELD])) },
        })),
      malformedRecords: 1,
      legalEntities: () => [
        { id: 'DE01', name: 'Example GmbH' },
        { id: 'AT01', name: 'Example Austria GmbH' },
        { id: 'CH01', name: 'Example AG' },
      ],
      listingPages: 'several',
      listingPath: '/odata/v2/User',
      tokenPath: '/oauth/token',
      throttleSendsRetryAfter: true,
      changeMoreThanAPage() {
        const ids = employees().slice(0, 27).map((u) => String(u.userId));
        ids.forEach((id, i) => {
          if (i % 3 === 0) fake.state.editUser(id, { firstName: `Renamed${i}` });
          else if (i % 3 === 1) fake.state.editEmployment(id, { lastDateWorked: '/Date(1893369600000)/' });
          else fake.state.editJob(id, { company: 'AT01' });
        });
        return ids;
      },
      faults: fake.faults,
      log: fake.log,
      secrets: () => [fake.privateKey, ...fake.state.tokens.keys()],
      close: () => fake.close(),
    };
  },
};
