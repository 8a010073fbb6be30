// The one interface every HR-system connector implements. Adding a system means one folder under
// connectors/ (built from connectors/kit/) plus one line in connectors/registry.ts.
import type { z } from 'zod';
import type { EmployeeFieldKey } from '../domain/employee-fields';
import type { HrPushDefinition, HrPushSubscriptions } from './push';

export type { AttributeValue, EmploymentType, Gender, HrStatus, InvalidRemoteRecord, MaritalStatus, RemoteEmployee } from '../domain/remote-employee';
import type { EmploymentType, InvalidRemoteRecord, RemoteEmployee } from '../domain/remote-employee';

export interface EmployeePage {
  employees: RemoteEmployee[];
  invalid: InvalidRemoteRecord[];
  /** Opaque cursor for the next page; null when this was the last page of a complete listing. */
  nextCursor: string | null;
  /**
   * Vendors whose change listing resumes from a token of theirs instead of a time (Graph's deltaLink):
   * set on the last page of a listing; the product stores it and passes it to the next change listing.
   */
  changesCheckpoint?: string;
}

export interface AttributeOption {
  key: string;
  label: string;
  type: 'string' | 'number' | 'boolean' | 'date' | 'list';
  custom: boolean;
}

export interface LegalEntityOption {
  id: string;
  name: string;
}

export interface HrConnector {
  /** Checks the credentials live; throws CredentialsRejectedError with the vendor's reason. */
  checkCredentials(): Promise<void>;
  /** One page of ALL employees (terminated/inactive included); cursor null = first page. */
  fetchEmployeePage(cursor: string | null): Promise<EmployeePage>;
  /**
   * One page of the employees the vendor reports as changed since `since` (where the vendor offers
   * such a listing; absent otherwise). Never used to decide removals.
   */
  fetchChangedEmployeePage?(since: Date, cursor: string | null, checkpoint?: string | null): Promise<EmployeePage>;
  /** Vendors that push changes: managing the subscription (see connectors/push.ts). */
  pushSubscriptions?: HrPushSubscriptions;
  /** Attributes available for mapping and filters, custom ones included. */
  listAttributes(): Promise<AttributeOption[]>;
  /** Legal entities / companies of a group; [] where the vendor has none. */
  listLegalEntities(): Promise<LegalEntityOption[]>;
  /** Employment types the vendor knows (unified values). */
  listEmploymentTypes(): Promise<EmploymentType[]>;
}

export interface ConnectorContext {
  /** Waits between retries; tests pass a fast one. Should reject with `signal.reason` once the signal aborts. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Cap on retries of rate-limited/5xx answers inside one call before giving up to Temporal. */
  maxAttempts?: number;
  /** The most one call waits in total between those retries (HR_RETRY_MAX_WAIT_SECONDS); see connectors/http.ts. */
  maxRetryWaitMs?: number;
  /**
   * Aborts the connector's requests and retry waits, e.g. the activity's cancellation signal (worker
   * shutdown, activity timeout): the call then rejects with `signal.reason` instead of retrying.
   */
  signal?: AbortSignal;
  /**
   * Files an admin uploaded for this integration (HR file export), from the database: the connector
   * layer cannot read it, so the caller (activities/hr-connector.ts) passes the store in.
   */
  files?: { latest(): Promise<{ name: string; bytes: Buffer; receivedAt: Date } | null> };
}

/**
 * Plain sentences for the admin choosing a system: what was checked against the vendor's own
 * published description (spec, reference page), and where it is silent and the connector took the
 * defensive reading (what may differ on a real account).
 */
export interface CatalogNotes {
  verified: readonly string[];
  unverified: readonly string[];
}

export interface HrSystemDefinition<Credentials extends Record<string, unknown> = Record<string, unknown>, Id extends string = string> {
  id: Id;
  name: string;
  status: 'available' | 'planned';
  /** What the admin enters; every connector also accepts an optional `baseUrl`. */
  credentialsSchema: z.ZodType<Credentials>;
  /** Which unified fields this vendor offers natively; the others need a mapped custom attribute. */
  supportedFields: readonly EmployeeFieldKey[];
  /** Secret credential keys, redacted wherever credentials could be echoed. */
  secretKeys: readonly (keyof Credentials & string)[];
  /** What the admin is told about this connector (GET /v1/hr-systems); the sources are in the folder's NOTES.md. */
  notes: CatalogNotes;
  create(credentials: Credentials, context?: ConnectorContext): HrConnector;
  /** Present where the vendor pushes changes; its connector then has `pushSubscriptions`. */
  push?: HrPushDefinition;
}

/** A definition typed with its own credentials, seen through the catalog's generic type. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function asCatalogEntry(definition: HrSystemDefinition<any>): HrSystemDefinition {
  return definition as HrSystemDefinition;
}
