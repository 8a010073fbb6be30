// Remote for the contract suite: OAuth2 client credentials at /auth/oauth2/token, page-number lists
// (the fake serves 20 a page here so a few dozen employments span several pages), the deleted
// employments in a second pass, leaving dates from the offboardings (confidential ones included,
// withdrawn ones ignored), the number of children in a custom field, and two companies as legal entities.
import { count, text, type ContractFixture, type ContractFakeSize } from '../kit/fake/contract';
import { FAKE_REMOTE_CLIENT_ID, FAKE_REMOTE_CLIENT_SECRET, NUMBER_OF_CHILDREN_FIELD_ID, startFakeRemote } from './fake-server';
import { customFieldKey } from './mapping';

export const contractFixture: ContractFixture = {
  hrSystem: 'remote',
  async start(size?: ContractFakeSize) {
    const fake = await startFakeRemote({ people: size?.people ?? 45, malformedRecords: 1, ...(size ? {} : { maxPageSize: 20 }) });
    let i = 0;
    for (const id of fake.state.employments.keys()) fake.state.setCustomValue(id, NUMBER_OF_CHILDREN_FIELD_ID, i++ % 5 === 0 ? null : (i % 3) + 1);
    /** Remote's leaving date: the live offboarding's termination_date, else its proposed date. */
    const leavingDate = (id: string): string | null => {
      const live = fake.state.offboardings.filter((o) => o.employment_id === id && o.status !== 'canceled');
      const o = live.find((x) => x.status === 'done') ?? live.at(-1);
      return o ? (text(o.termination_date) ?? text(o.proposed_termination_date) ?? text(o.proposed_last_working_day)) : null;
    };
    return {
      credentials: { clientId: FAKE_REMOTE_CLIENT_ID, clientSecret: FAKE_REMOTE_CLIENT_SECRET, baseUrl: fake.url },
      wrongCredentials: { clientId: FAKE_REMOTE_CLIENT_ID, clientSecret: 'revoked-remote-secret', baseUrl: fake.url },
      refusalReason: 'Unauthorized',
      mapping: { numberOfChildren: customFieldKey(NUMBER_OF_CHILDREN_FIELD_ID) },
      expected: () =>
        [...fake.state.employments].map(([id, e]) => {
          const basic = e.basic_information as Record<string, unknown>;
          return {
            remoteId: id,
            email: String(text(basic.work_email) ?? text(basic.email) ?? e.personal_email),
            leavingDate: leavingDate(id),
            mapped: { numberOfChildren: count(fake.state.customValue(id, NUMBER_OF_CHILDREN_FIELD_ID)) },
          };
        }),
      malformedRecords: 1,
      legalEntities: () => fake.state.companies.map((c) => ({ id: String(c.id), name: String(c.name) })),
      listingPages: 'several',
      listingPath: '/v1/employments',
      tokenPath: '/auth/oauth2/token',
      throttleSendsRetryAfter: true,
      faults: fake.faults,
      log: fake.log,
      secrets: () => [FAKE_REMOTE_CLIENT_SECRET, ...fake.state.tokens.keys()],
      close: () => fake.close(),
    };
  },
};
