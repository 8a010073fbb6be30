// PayFit for the contract suite: GET /companies/{companyId}/collaborators paged by meta.nextPageToken
// (maxResults 50, so 120 collaborators span three pages), the company id read from introspection,
// leavers with archived contracts and terminationDate (some only the contract's endDate), rehires
// with a stale terminationDate, no legal entities (one company per key). PayFit's 50 requests a
// second are off here (the suite's retries do not wait); its throttle carries no Retry-After.
import { count, type ContractFixture, type ContractFakeSize } from '../kit/fake/contract';
import { FAKE_PAYFIT_API_KEY, startFakePayFit } from './fake-server';
import { NUMBER_OF_CHILDREN_KEY } from './mapping';

type Row = Record<string, unknown>;

/** The truth as the fake holds it: the end of the latest contract, when it has one. */
function leavingDate(c: Row): string | null {
  const latest = [...(c.contracts as Row[])].sort((a, b) => String(a.startDate).localeCompare(String(b.startDate))).at(-1);
  return (latest?.endDate as string | null | undefined) ?? null;
}

const professionalEmail = (c: Row): string => String((c.emails as Row[]).find((e) => e.type === 'professional')!.email);

export const contractFixture: ContractFixture = {
  hrSystem: 'payfit',
  async start(size?: ContractFakeSize) {
    const fake = await startFakePayFit({ collaborators: size?.people ?? 120, malformedRecords: 1, rateLimit: null });
    return {
      credentials: { apiKey: FAKE_PAYFIT_API_KEY, baseUrl: fake.url },
      wrongCredentials: { apiKey: 'revoked-payfit-api-key', baseUrl: fake.url },
      refusalReason: /the API key is not active/,
      mapping: { numberOfChildren: NUMBER_OF_CHILDREN_KEY },
      expected: () =>
        [...fake.state.collaborators].map(([id, c]) => ({
          remoteId: id,
          email: professionalEmail(c),
          leavingDate: leavingDate(c),
          mapped: { numberOfChildren: count(c.numberOfChildren) },
        })),
      malformedRecords: 1,
      legalEntities: () => [],
      listingPages: 'several',
      listingPath: /^\/companies\/[^/]+\/collaborators$/,
      tokenPath: null,
      throttleSendsRetryAfter: false,
      faults: fake.faults,
      log: fake.log,
      secrets: () => [FAKE_PAYFIT_API_KEY],
      close: () => fake.close(),
    };
  },
};
