// Shapes of Personio API v1 answers as published in personio/api-docs
// (personio-personnel-data-api-oa3.yaml, personio-auth-api.yaml). Only what the connector reads.

export const PERSONIO_DEFAULT_BASE_URL = 'https://api.personio.de';

/** Personio caps `limit` on GET /v1/company/employees at 100 (enforced since 31 Jan 2025). */
export const PERSONIO_MAX_PAGE_SIZE = 100;

/** Every employee attribute arrives wrapped like this, custom `dynamic_<id>` ones included. */
export interface PersonioWrappedValue {
  label?: string;
  value: unknown;
  type?: string;
  universal_id?: string | null;
}

export interface PersonioEmployeeRecord {
  type?: string;
  attributes: Record<string, PersonioWrappedValue>;
}

export interface PersonioListMetadata {
  total_elements: number;
  current_page: number;
  total_pages: number;
}

export interface PersonioEmployeeListBody {
  success: boolean;
  metadata?: PersonioListMetadata;
  offset?: number;
  limit?: number;
  /** Left as unknown: each record is checked on its own so one bad record cannot fail the page. */
  data: unknown[];
}

/** One entry of GET /v1/company/employees/attributes. */
export interface PersonioAttributeDefinition {
  key: string;
  label: string;
  type: string;
  universal_id: string | null;
  options?: string[];
}

export interface PersonioAuthBody {
  success: boolean;
  data?: { token?: string; expires_in?: number; scope?: string };
  error?: { code?: number; message?: string };
}

/** Personio v1 error envelope, e.g. `{success:false, error:{code:404, message:"…"}}`. */
export interface PersonioErrorBody {
  success: false;
  error: { code: number; message: string };
}

export function personioErrorMessage(body: unknown, fallback: string): string {
  const message = (body as Partial<PersonioErrorBody> | null)?.error?.message;
  return typeof message === 'string' && message.length > 0 ? message : fallback;
}
