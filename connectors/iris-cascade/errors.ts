// IRIS' reason in an error answer. Its error codes (NNN-XXX-NNNN, e.g. 401-000-0001 "the access token
// has expired") are published, the JSON envelope around them is not: the OpenAPI description declares
// ProblemDetails { type, title, status, detail, instance }, token refusals may follow OAuth2
// ({ error, error_description }). Every such place is read (NOTES.md).
import type { HttpResponse } from '../http';

const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);

export function irisMessage(res: HttpResponse): string | null {
  const body = res.body as Record<string, unknown> | null;
  if (!body || typeof body !== 'object') return null;
  const code = text(body.code) ?? text(body.Code);
  const message = text(body.detail) ?? text(body.description) ?? text(body.Description) ?? text(body.message) ?? text(body.error_description) ?? text(body.title) ?? text(body.error);
  if (message && code) return message.includes(code) ? message : `${message} (${code})`;
  return message ?? code;
}
