// What SuccessFactors' OData v2 API says, read once: its error bodies, its dates in filters, and the
// User status filter that lists inactive users too.
import { HrSystemResponseError } from '../errors';
import type { HttpResponse } from '../http';
import type { Pagination } from '../kit';

/**
 * The User statuses read: t (active) and f (inactive) internal users. Without a status filter the
 * User entity lists only t and T (SAP KBA 2736579); T/F are external 360-review users and e/d
 * external Learning / Onboarding users, none of them employees.
 */
export const EMPLOYEE_STATUSES = ['t', 'f'] as const;
export const STATUS_FILTER = `status in ${EMPLOYEE_STATUSES.map((s) => `'${s}'`).join(',')}`;

/** An OData v2 DateTimeOffset literal. */
export const dateTimeOffset = (at: Date): string => `datetimeoffset'${at.toISOString().replace(/\.\d{3}Z$/, 'Z')}'`;

/** OData v2 error: { error: { code, message: { lang, value } } } (message as a plain string too). */
export interface ODataErrorBody {
  error?: { code?: unknown; message?: unknown };
}

/** SAP's message of an OData error answer (its code in front unless the message starts with one, "[LGN0022]…"), or null. */
export function odataMessage(body: unknown): string | null {
  const error = (body as ODataErrorBody | null)?.error;
  if (!error || typeof error !== 'object') return null;
  const message = error.message;
  const value = typeof message === 'string' ? message : typeof (message as { value?: unknown } | null)?.value === 'string' ? (message as { value: string }).value : null;
  const code = typeof error.code === 'string' && error.code.trim() ? error.code.trim() : null;
  if (!value?.trim()) return code;
  return code && !value.trim().startsWith('[') ? `[${code}] ${value.trim()}` : value.trim();
}

/** The reason of a refused token request: SAP's errorMessage, else OAuth's error_description / error. */
export function tokenRefusalReason(body: unknown): string {
  const b = (body ?? {}) as Record<string, unknown>;
  for (const key of ['errorMessage', 'error_description', 'message']) {
    const v = b[key];
    if (typeof v === 'string' && v.trim()) return v.trim();
  }
  return odataMessage(body) ?? (typeof b.error === 'string' ? b.error : 'the token request was rejected');
}

export function errorMessage(res: HttpResponse): string {
  return odataMessage(res.body) ?? (res.text.trim() && res.text.length < 300 && !res.text.trim().startsWith('<') ? res.text.trim() : `HTTP ${res.status}`);
}

/**
 * 4xx answers (but 401, 403 and 429) are handed back by `classify` so SAP's message, which sits in
 * error.message.value, reaches the error (the shared HTTP layer reads only a plain error.message).
 */
export const handsBackClientError = (status: number): boolean => status >= 400 && status < 500 && status !== 401 && status !== 403 && status !== 429;

export function rejectError(res: HttpResponse, hrSystemName: string): void {
  if (res.status >= 400) throw new HrSystemResponseError(`${hrSystemName} answered ${res.status}: ${errorMessage(res)}`, hrSystemName, res.status);
}

/** A pagination that fails on SAP's error answers (with SAP's message) before reading records. */
export function failingOnErrors(pagination: Pagination): Pagination {
  return {
    request: pagination.request,
    read(res, cursor, api) {
      rejectError(res, api.hrSystemName);
      return pagination.read(res, cursor, api);
    },
  };
}
