// Opens the HR connector of an integration: loads its configuration and decrypts its credentials
// inside the activity, so neither ever travels through a workflow history.
import { ApplicationFailure } from '@temporalio/activity';
import { CredentialsRejectedError, HrDataRejectedError, HrSystemResponseError, RateLimitedError } from '../connectors/errors';
import { findHrSystem } from '../connectors/registry';
import { FailureType } from '../contracts/failures';
import type { ConnectorContext, HrConnector, HrSystemDefinition } from '../connectors/types';
import { hrFiles } from '../infra/repositories/hr-files';
import { currentActivitySignal, type ActivityDeps } from './deps';

export function openConnector(deps: ActivityDeps, integration: { id: string; hrSystem: string; credentialsCipher: string | null }): { connector: HrConnector; system: HrSystemDefinition } {
  const system = findHrSystem(integration.hrSystem);
  if (!system || system.status !== 'available') {
    throw ApplicationFailure.nonRetryable(`${integration.hrSystem} has no connector`, FailureType.NoConnector);
  }
  if (!integration.credentialsCipher) {
    throw ApplicationFailure.nonRetryable('The integration has no credentials (they were never entered or the integration was disconnected).', FailureType.CredentialsMissing);
  }
  const credentials = deps.cipher.decrypt(integration.credentialsCipher, integration.id);
  // Uploaded files (HR file export) come from the database, which the connector cannot read.
  const context: ConnectorContext = { files: hrFiles(deps.db).source(integration.id), ...connectorContext(deps) };
  return { connector: system.create(credentials, context), system };
}

/** The connector's requests and retry waits end when the activity is cancelled (e.g. at worker shutdown). */
function connectorContext(deps: ActivityDeps): ConnectorContext {
  const signal = currentActivitySignal();
  const given = deps.connectorContext ?? {};
  if (!signal) return given;
  return { ...given, signal: given.signal ? AbortSignal.any([given.signal, signal]) : signal };
}

/**
 * Connector errors as Temporal failures (the one place connector errors become contracts/failures.ts
 * types): refused credentials are final; throttling is retried after the vendor's Retry-After;
 * anything else (a 5xx or timeout, HrSystemUnavailableError) keeps its class name as its type and is
 * retried with the activity's backoff. Not to be confused with FailureType.NoConnector (openConnector).
 */
export function toActivityFailure(err: unknown): unknown {
  if (err instanceof CredentialsRejectedError) return ApplicationFailure.nonRetryable(err.message, FailureType.CredentialsRejected);
  if (err instanceof HrDataRejectedError) return ApplicationFailure.nonRetryable(err.message, FailureType.HrDataRejected);
  if (err instanceof RateLimitedError) {
    return ApplicationFailure.create({ message: err.message, type: FailureType.RateLimited, nextRetryDelay: err.retryAfterMs ?? undefined });
  }
  if (err instanceof HrSystemResponseError && err.httpStatus === 403) {
    return ApplicationFailure.nonRetryable(err.message, FailureType.CredentialsRejected);
  }
  return err;
}
