// Failure types are named once (contracts/failures.ts); activities/hr-connector.ts maps connector
// errors onto them, and the sync workflow's nonRetryableErrorTypes come from the same contract.
import { ApplicationFailure } from '@temporalio/common';
import { CredentialsRejectedError, HrSystemResponseError, HrSystemUnavailableError, RateLimitedError } from '../../connectors/errors';
import { FailureType } from '../../contracts/failures';
import { SYNC_NON_RETRYABLE_FAILURES } from '../../contracts/integration-sync';
import type { ActivityDeps } from '../../activities/deps';

// The catalog without the real connectors: one available system, one planned.
jest.mock('../../connectors/registry', () => ({
  findHrSystem: (id: string) =>
    id === 'available-hr' ? { id, name: 'Available HR', status: 'available', create: () => ({}) } : id === 'planned-hr' ? { id, name: 'Planned HR', status: 'planned' } : undefined,
}));

// Loaded after the mock is in place.
const { openConnector, toActivityFailure } = jest.requireActual<typeof import('../../activities/hr-connector')>('../../activities/hr-connector');

const deps = { cipher: { decrypt: () => ({}) } } as unknown as ActivityDeps;

describe('failure types', () => {
  it('every failure type is its own name, and no two share a value', () => {
    for (const [name, value] of Object.entries(FailureType)) expect(value).toBe(name);
    expect(new Set(Object.values(FailureType)).size).toBe(Object.keys(FailureType).length);
  });

  it('an HR system without a connector is NoConnector, final, and not the transient 5xx of a connector', () => {
    for (const hrSystem of ['planned-hr', 'unknown-hr']) {
      let thrown: unknown;
      try {
        openConnector(deps, { id: 'i1', hrSystem, credentialsCipher: 'x' });
      } catch (err) {
        thrown = err;
      }
      expect(thrown).toBeInstanceOf(ApplicationFailure);
      expect(thrown).toMatchObject({ type: FailureType.NoConnector, nonRetryable: true });
    }
    expect(SYNC_NON_RETRYABLE_FAILURES).toContain(FailureType.NoConnector);
    // A 5xx stays a retried error of its own type.
    const outage = new HrSystemUnavailableError('Available HR answered 503', 'available-hr');
    expect(toActivityFailure(outage)).toBe(outage);
    expect(SYNC_NON_RETRYABLE_FAILURES).not.toContain(outage.name);
  });

  it('missing credentials are CredentialsMissing, final', () => {
    expect(() => openConnector(deps, { id: 'i1', hrSystem: 'available-hr', credentialsCipher: null })).toThrow(expect.objectContaining({ type: FailureType.CredentialsMissing, nonRetryable: true }));
    expect(SYNC_NON_RETRYABLE_FAILURES).toContain(FailureType.CredentialsMissing);
  });

  it('maps connector errors: refused credentials (also a 403) are final, throttling waits for Retry-After', () => {
    expect(toActivityFailure(new CredentialsRejectedError('refused', 'x'))).toMatchObject({ type: FailureType.CredentialsRejected, nonRetryable: true });
    expect(toActivityFailure(new HrSystemResponseError('forbidden', 'x', 403))).toMatchObject({ type: FailureType.CredentialsRejected, nonRetryable: true });
    expect(SYNC_NON_RETRYABLE_FAILURES).toContain(FailureType.CredentialsRejected);
    const throttled = toActivityFailure(new RateLimitedError('slow down', 'x', 90_000)) as ApplicationFailure;
    expect(throttled).toMatchObject({ type: FailureType.RateLimited, nonRetryable: false, nextRetryDelay: 90_000 });
    expect(SYNC_NON_RETRYABLE_FAILURES).not.toContain(FailureType.RateLimited);
  });
});
