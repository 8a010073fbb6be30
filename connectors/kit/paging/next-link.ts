// The vendor hands the whole next-page URL: in the body (`@odata.nextLink` of Microsoft Graph,
// `d.__next` of SAP's OData v2) or in a `Link: <…>; rel="next"` header (RFC 8288). The cursor is that
// URL; it must start with `trustedPrefix`, so the credentials never go to another host.
import type { HttpResponse } from '../../http';
import type { HrApi } from '../api';
import { recordsOf, type ListingEndpoint, type Pagination } from './strategy';

export interface NextLinkOptions extends ListingEndpoint {
  /** Where a next link must point (e.g. `${graphBase}/v1.0/users?`). */
  trustedPrefix: string;
}

/** The rel="next" target of a Link header, or null. */
export function nextFromLinkHeader(value: string | null): string | null {
  if (!value) return null;
  for (const part of value.split(/,(?=\s*<)/)) {
    const match = /^\s*<([^>]*)>(.*)$/.exec(part);
    const rel = match && /;\s*rel\s*=\s*(?:"([^"]*)"|([^;\s]*))/i.exec(match[2]);
    if (match && rel && (rel[1] ?? rel[2] ?? '').toLowerCase().split(/\s+/).includes('next')) return match[1];
  }
  return null;
}

function checked(link: unknown, options: NextLinkOptions, api: HrApi): string | null {
  if (typeof link !== 'string' || link.length === 0) return null;
  if (!link.startsWith(options.trustedPrefix)) throw api.unexpected(`${options.what ?? 'the listing'} with a next-page link outside ${options.trustedPrefix}`, null);
  return link;
}

function nextUrlPaging(options: NextLinkOptions, nextOf: (res: HttpResponse) => unknown): Pagination {
  return {
    // The cursor is checked before anything is sent to it.
    request: (cursor, api) => (cursor === null ? options : { path: checked(cursor, options, api)!, method: options.method, json: options.json }),
    read(res, _cursor, api) {
      return { records: recordsOf(options, res, api), nextCursor: checked(nextOf(res), options, api) };
    },
  };
}

/** `@odata.nextLink` (OData v4, Microsoft Graph) or any body field naming the next URL. */
export function bodyNextLink(options: NextLinkOptions & { link?(body: any): unknown }): Pagination { // eslint-disable-line @typescript-eslint/no-explicit-any
  return nextUrlPaging(options, (res) => (options.link ? options.link(res.body ?? {}) : (res.body as Record<string, unknown> | null)?.['@odata.nextLink']));
}

/** SAP SuccessFactors (OData v2): records in d.results, the next URL in d.__next. */
export function odataV2NextLink(options: Omit<NextLinkOptions, 'records'> & { records?: ListingEndpoint['records'] }): Pagination {
  return bodyNextLink({ records: (body) => body?.d?.results, ...options, link: (body) => body?.d?.__next });
}

/** Link: <https://…?page=2>; rel="next". */
export function linkHeader(options: NextLinkOptions): Pagination {
  return nextUrlPaging(options, (res) => nextFromLinkHeader(res.headers.get('link')));
}
