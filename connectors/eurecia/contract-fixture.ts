// Eurécia for the contract suite: an API token exchanged for a temporary token (GET /v1/Auth), every
// user from /v4/users in Spring pages of 20 (the vendor's default here), each user's record read for
// departureDate (epoch ms at midnight in Paris), leavers archived with their 2025 departure, planned
// leavers in 2030, the number of children in an additional field. Users carry no legal entity.
import { count, type ContractFixture, type ContractFakeSize } from '../kit/fake/contract';
import { AUTH_PATH, CHILDREN_FIELD, FAKE_EURECIA_AUTH_TOKEN, INVALID_AUTH_MESSAGE, startFakeEurecia, USERS_PATH } from './fake-server';

/** The day a Paris-midnight timestamp of the fake stands for (read here, not by the connector's mapping). */
const parisDay = (ms: unknown) => (typeof ms === 'number' ? new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(ms)) : null);

export const contractFixture: ContractFixture = {
  hrSystem: 'eurecia',
  async start(size?: ContractFakeSize) {
    const fake = await startFakeEurecia({ users: size?.people ?? 60, malformedRecords: 1 });
    return {
      credentials: { authToken: FAKE_EURECIA_AUTH_TOKEN, baseUrl: fake.url },
      wrongCredentials: { authToken: 'revoked-eurecia-token', baseUrl: fake.url },
      refusalReason: INVALID_AUTH_MESSAGE,
      mapping: { numberOfChildren: CHILDREN_FIELD },
      expected: () =>
        [...fake.state.users].map(([id, user]) => ({
          remoteId: id,
          email: String(user.email),
          leavingDate: parisDay(user.departureDate),
          mapped: { numberOfChildren: count(user[CHILDREN_FIELD]) },
        })),
      malformedRecords: 1,
      legalEntities: () => [],
      listingPages: 'several',
      listingPath: USERS_PATH,
      tokenPath: AUTH_PATH,
      throttleSendsRetryAfter: true,
      faults: fake.faults,
      log: fake.log,
      secrets: () => [FAKE_EURECIA_AUTH_TOKEN, ...fake.state.tokens.keys()],
      close: () => fake.close(),
    };
  },
};
