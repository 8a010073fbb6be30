// The API's live calls to an HR system during setup (credential check, options), with errors a
// non-engineer understands.
import { CredentialsRejectedError, HrSystemError, RateLimitedError } from '../connectors/errors';
import { findHrSystem } from '../connectors/registry';
import type { ConnectorContext, HrConnector, HrSystemDefinition } from '../connectors/types';
import type { CredentialsCipher } from '../infra/credentials-cipher';
import type { Db } from '../infra/prisma';
import { hrFiles } from '../infra/repositories/hr-files';
import { ApiError, conflict } from './errors';

export function availableSystem(id: string): HrSystemDefinition {
  const system = findHrSystem(id);
  if (!system) throw new ApiError(400, 'unknown_hr_system', `"${id}" is not in the catalog; GET /v1/hr-systems lists the ids.`);
  if (system.status !== 'available') throw new ApiError(400, 'hr_system_planned', `${system.name} is planned but has no connector yet.`);
  return system;
}

/** How setup calls reach an HR system: few retries (an admin is waiting), and the integration's uploaded files (HR file export). */
export function setupContext(db: Db, integrationId: string): ConnectorContext {
  return { maxAttempts: 2, files: hrFiles(db).source(integrationId) };
}

export function connectorOf(deps: { cipher: CredentialsCipher; db: Db }, integration: { id: string; hrSystem: string; credentialsCipher: string | null }): HrConnector {
  const system = availableSystem(integration.hrSystem);
  if (!integration.credentialsCipher) throw conflict('credentials_missing', `Enter the ${system.name} credentials first (PUT /v1/integrations/${integration.id}/credentials).`);
  return system.create(deps.cipher.decrypt(integration.credentialsCipher, integration.id), setupContext(deps.db, integration.id));
}

/** Runs a live HR call and turns connector errors into API errors. */
export async function callHrSystem<T>(systemName: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (err instanceof CredentialsRejectedError) throw new ApiError(422, 'credentials_rejected', err.message);
    if (err instanceof RateLimitedError) throw new ApiError(503, 'hr_system_rate_limited', `${systemName} is rate limiting requests right now; try again in a minute.`);
    if (err instanceof HrSystemError) throw new ApiError(502, 'hr_system_unavailable', err.message);
    throw err;
  }
}
