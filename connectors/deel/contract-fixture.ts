// Deel for the contract suite: three passes over GET /people (onboarding, active, inactive through
// hiring_statuses[]; the fake serves 50 a page here so the active people span several pages),
// leavers with completion_date or only their ended employment's, three legal entities. Deel's own
// rate limit (5 requests per rolling second) is off here: the suite's retries do not wait, and its
// throttles come from the fault script (429, no rate-limit headers). The number of children is a
// people custom field, read per person from GET /people/{id}/custom_fields. Push: webhook
// subscriptions with Deel-signed deliveries (fake-webhooks.ts).
import { count, text, type ContractFixture, type ContractFakeSize } from '../kit/fake/contract';
import { FAKE_DEEL_API_TOKEN, NUMBER_OF_CHILDREN_FIELD_ID, startFakeDeel } from './fake-server';
import { customFieldKey } from './mapping';

type Row = Record<string, unknown>;

const day = (v: unknown): string | null => text(v)?.slice(0, 10) ?? null;

/** Deel's leaving date as the fake holds it: completion_date, else the ended employment's. */
function leavingDate(p: Row): string | null {
  const own = day(p.completion_date);
  if (own) return own;
  const employments = (p.employments as Row[] | undefined) ?? [];
  if (employments.length === 0 || employments.some((e) => e.is_ended !== true)) return null;
  return employments.map((e) => day(e.completion_date)).filter((d): d is string => d !== null).sort().at(-1) ?? null;
}

const workEmail = (p: Row): string => String((p.emails as Row[]).find((e) => e.type === 'work')!.value);

export const contractFixture: ContractFixture = {
  hrSystem: 'deel',
  async start(size?: ContractFakeSize) {
    const fake = await startFakeDeel({ people: size?.people ?? 120, malformedRecords: 1, rateLimit: null, ...(size ? {} : { maxLimit: 50 }) });
    let i = 0;
    for (const id of fake.state.people.keys()) fake.state.setCustomValue(id, NUMBER_OF_CHILDREN_FIELD_ID, i++ % 5 === 0 ? null : (i % 3) + 1);
    return {
      credentials: { apiToken: FAKE_DEEL_API_TOKEN, baseUrl: fake.url },
      wrongCredentials: { apiToken: 'revoked-deel-token', baseUrl: fake.url },
      refusalReason: 'Invalid token',
      mapping: { numberOfChildren: customFieldKey(NUMBER_OF_CHILDREN_FIELD_ID) },
      expected: () =>
        [...fake.state.people].map(([id, p]) => ({
          remoteId: id,
          email: workEmail(p),
          leavingDate: leavingDate(p),
          mapped: { numberOfChildren: count(fake.state.customValue(id, NUMBER_OF_CHILDREN_FIELD_ID)) },
        })),
      malformedRecords: 1,
      legalEntities: () => fake.state.legalEntities.map((e) => ({ id: String(e.id), name: String(e.name) })),
      listingPages: 'several',
      listingPath: '/rest/v2/people',
      tokenPath: null,
      throttleSendsRetryAfter: false,
      push: {
        async changeSomeone() {
          const [id] = fake.state.people.keys();
          fake.state.editPerson(id, { job_title: `Engineer ${Date.now()}` });
          await fake.state.webhooks.settled();
          return id;
        },
        subscriptions: () => [...fake.state.webhooks.webhooks.values()].map((w) => ({ id: w.id, callbackUrl: w.url, expiresAt: null })),
        dropSubscription: async (id) => fake.state.webhooks.drop(id),
        subscriptionPath: /^\/rest\/v2\/webhooks/,
      },
      faults: fake.faults,
      log: fake.log,
      secrets: () => [FAKE_DEEL_API_TOKEN, ...fake.state.webhooks.signingKeys()],
      close: () => fake.close(),
    };
  },
};
