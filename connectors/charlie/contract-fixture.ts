// CharlieHR for the contract suite: GET /team_members/ followed over meta.next_url (25 a page, so
// the team spans several pages), leavers with a past end_date and planned leavers with a 2030 one
// (CharlieHR does not describe leavers: an assumption the fake makes), the number of children in a
// number-type note read per team member. CharlieHR has no legal entities.
import { count, text, type ContractFixture, type ContractFakeSize } from '../kit/fake/contract';
import { FAKE_CHARLIE_CLIENT_ID, FAKE_CHARLIE_CLIENT_SECRET, INVALID_CREDENTIALS_MESSAGE, NUMBER_OF_CHILDREN_NOTE_TYPE, startFakeCharlie } from './fake-server';
import { noteKey } from './mapping';

export const contractFixture: ContractFixture = {
  hrSystem: 'charlie',
  async start(size?: ContractFakeSize) {
    const fake = await startFakeCharlie({ people: size?.people ?? 120, malformedRecords: 1 });
    let i = 0;
    for (const id of fake.state.teamMembers.keys()) fake.state.setNote(id, NUMBER_OF_CHILDREN_NOTE_TYPE, i++ % 5 === 0 ? null : (i % 3) + 1);
    return {
      credentials: { clientId: FAKE_CHARLIE_CLIENT_ID, clientSecret: FAKE_CHARLIE_CLIENT_SECRET, baseUrl: fake.url },
      wrongCredentials: { clientId: FAKE_CHARLIE_CLIENT_ID, clientSecret: 'revoked-charlie-secret', baseUrl: fake.url },
      refusalReason: INVALID_CREDENTIALS_MESSAGE,
      mapping: { numberOfChildren: noteKey(NUMBER_OF_CHILDREN_NOTE_TYPE) },
      expected: () =>
        [...fake.state.teamMembers].map(([id, m]) => ({
          remoteId: id,
          email: String(m.email),
          leavingDate: text(m.end_date),
          mapped: { numberOfChildren: count(fake.state.note(id, NUMBER_OF_CHILDREN_NOTE_TYPE)) },
        })),
      malformedRecords: 1,
      legalEntities: () => [],
      listingPages: 'several',
      listingPath: '/api/v1/team_members/',
      tokenPath: null,
      throttleSendsRetryAfter: true,
      faults: fake.faults,
      log: fake.log,
      secrets: () => [FAKE_CHARLIE_CLIENT_SECRET],
      close: () => fake.close(),
    };
  },
};
