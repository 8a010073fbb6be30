import { HrSystemResponseError } from '../../connectors/errors';
import type { HttpResponse } from '../../connectors/http';
import {
  bodyCursor,
  bodyNextLink,
  fetchAll,
  headerAuth,
  HrApi,
  linkHeader,
  nextFromLinkHeader,
  nextOffset,
  odataV2NextLink,
  offsetLimit,
  pageNumber,
  singlePage,
  type ApiRequest,
  type Pagination,
} from '../../connectors/kit';

const api = new HrApi({ hrSystemName: 'Test HR', baseUrl: 'https://hr.test', auth: headerAuth({}) });

function answer(body: unknown, headers: Record<string, string> = {}): HttpResponse {
  return { status: 200, headers: new Headers(headers), body, text: JSON.stringify(body) };
}

const read = (p: Pagination, body: unknown, cursor: string | null = null, headers?: Record<string, string>) => p.read(answer(body, headers), cursor, api);
const items = (n: number) => Array.from({ length: n }, (_, i) => ({ id: i }));

describe('connector kit: offset/limit paging', () => {
  const personioLike = offsetLimit({
    path: '/employees',
    limit: 100,
    maxLimit: 100,
    records: (b) => b.data,
    totals: (b) => ({ totalElements: b.total, totalPages: b.pages, echoedLimit: b.limit }),
  });

  it('asks for limit and offset, the cursor being the next offset', () => {
    expect(personioLike.request('200', api)).toMatchObject({ path: '/employees', query: { limit: 100, offset: 200 } });
    expect(personioLike.request(null, api).query).toMatchObject({ offset: 0 });
    expect(() => personioLike.request('abc', api)).toThrow('Not an offset listing cursor');
  });

  it('ends a short page only when the total agrees', () => {
    expect(read(personioLike, { data: items(50) }).nextCursor).toBeNull();
    expect(read(personioLike, { data: items(50), total: 50 }).nextCursor).toBeNull();
    // The vendor served fewer than asked but says more exist: go on.
    expect(read(personioLike, { data: items(50), total: 120 }).nextCursor).toBe('50');
  });

  it('ends a full page when total_elements or total_pages say so, else reads on to an empty page', () => {
    expect(read(personioLike, { data: items(100), total: 100 }).nextCursor).toBeNull();
    expect(read(personioLike, { data: items(100), total: 250 }, '100').nextCursor).toBe('200');
    expect(read(personioLike, { data: items(100), pages: 2 }, '100').nextCursor).toBeNull();
    expect(read(personioLike, { data: items(100), pages: 3 }, '100').nextCursor).toBe('200');
    expect(read(personioLike, { data: items(100) }).nextCursor).toBe('100');
    expect(read(personioLike, { data: [] }, '100').nextCursor).toBeNull();
  });

  it('counts a page as full against the limit the vendor echoed or caps', () => {
    expect(nextOffset({ offset: 0, received: 50, requestedLimit: 100, echoedLimit: 50 })).toBe(50);
    expect(nextOffset({ offset: 0, received: 100, requestedLimit: 500, maxLimit: 100 })).toBe(100);
  });

  it('fails an answer without a record list instead of reading it as empty', () => {
    expect(() => read(personioLike, { success: false })).toThrow(HrSystemResponseError);
  });
});

describe('connector kit: page-number paging', () => {
  const paging = pageNumber({ path: '/people', pageSize: 2, records: (b) => b.items, totalPages: (b) => b.totalPages });

  it('starts at page 1 and ends on a short or empty page without totals', () => {
    expect(paging.request(null, api).query).toMatchObject({ page: 1, per_page: 2 });
    expect(read(paging, { items: items(2) }).nextCursor).toBe('2');
    expect(read(paging, { items: items(1) }, '2').nextCursor).toBeNull();
    expect(read(paging, { items: [] }, '3').nextCursor).toBeNull();
  });

  it('trusts total pages over the page length', () => {
    expect(read(paging, { items: items(2), totalPages: 2 }, '2').nextCursor).toBeNull();
    expect(read(paging, { items: items(1), totalPages: 3 }, '1').nextCursor).toBe('2');
  });
});

describe('connector kit: body cursor paging', () => {
  const factorialLike = bodyCursor({
    path: '/employees',
    cursorParam: 'after_id',
    records: (b) => b.data,
    next: (b) => ({ cursor: b.meta?.end_cursor, hasMore: b.meta?.has_next_page === true }),
  });
  const googleLike = bodyCursor({ path: '/users', cursorParam: 'pageToken', records: (b) => b.users ?? [], next: (b) => ({ cursor: b.nextPageToken }) });

  it('sends the cursor back and ends when the vendor says there is no next page', () => {
    expect(factorialLike.request('abc', api).query).toEqual({ after_id: 'abc' });
    expect(factorialLike.request(null, api).query).toEqual({});
    expect(read(factorialLike, { data: items(1), meta: { end_cursor: 'c1', has_next_page: true } }).nextCursor).toBe('c1');
    expect(read(factorialLike, { data: items(1), meta: { end_cursor: 'c1', has_next_page: false } }).nextCursor).toBeNull();
  });

  it('refuses an announced next page without a cursor', () => {
    expect(() => read(factorialLike, { data: [], meta: { has_next_page: true } })).toThrow('announced another page');
  });

  it('ends without a cursor when the vendor has no separate "more" flag', () => {
    expect(read(googleLike, { users: items(1), nextPageToken: 't2' }).nextCursor).toBe('t2');
    expect(read(googleLike, { users: items(1), nextPageToken: '' }).nextCursor).toBeNull();
    expect(read(googleLike, {})).toEqual({ records: [], nextCursor: null });
  });
});

describe('connector kit: next-link paging', () => {
  const graphLike = bodyNextLink({ path: 'https://graph.test/v1.0/users?$top=2', trustedPrefix: 'https://graph.test/v1.0/users?', records: (b) => b.value });

  it('follows @odata.nextLink and ends without one', () => {
    const page = read(graphLike, { value: items(2), '@odata.nextLink': 'https://graph.test/v1.0/users?$skiptoken=x' });
    expect(page.nextCursor).toBe('https://graph.test/v1.0/users?$skiptoken=x');
    expect(graphLike.request(page.nextCursor, api).path).toBe(page.nextCursor);
    expect(read(graphLike, { value: items(1) }).nextCursor).toBeNull();
  });

  it('never sends the credentials to a link outside the trusted prefix', () => {
    expect(() => read(graphLike, { value: [], '@odata.nextLink': 'https://evil.test/steal' })).toThrow(HrSystemResponseError);
    expect(() => graphLike.request('https://evil.test/steal', api)).toThrow(HrSystemResponseError);
  });

  it("reads SAP's OData v2 d.results and d.__next", () => {
    const sap = odataV2NextLink({ path: 'https://sap.test/odata/v2/User', trustedPrefix: 'https://sap.test/odata/v2/' });
    expect(read(sap, { d: { results: items(2), __next: 'https://sap.test/odata/v2/User?$skiptoken=2' } })).toEqual({ records: items(2), nextCursor: 'https://sap.test/odata/v2/User?$skiptoken=2' });
    expect(read(sap, { d: { results: items(1) } }).nextCursor).toBeNull();
  });

  it('follows a Link rel="next" header', () => {
    expect(nextFromLinkHeader('<https://hr.test/p?page=3>; rel="last", <https://hr.test/p?page=2>; rel="next"')).toBe('https://hr.test/p?page=2');
    expect(nextFromLinkHeader('<https://hr.test/p?page=1>; rel="prev first"')).toBeNull();
    expect(nextFromLinkHeader(null)).toBeNull();
    const paging = linkHeader({ path: '/p', trustedPrefix: 'https://hr.test/', records: (b) => b });
    expect(read(paging, items(1), null, { link: '<https://hr.test/p?page=2>; rel=next' }).nextCursor).toBe('https://hr.test/p?page=2');
    expect(read(paging, items(1)).nextCursor).toBeNull();
  });
});

describe('connector kit: one-answer listings and the page loop', () => {
  it('has no next page and refuses to be asked for one', () => {
    const report = singlePage({ path: '/report', method: 'POST', json: {}, records: (b) => b.employees });
    expect(read(report, { employees: items(3) })).toEqual({ records: items(3), nextCursor: null });
    expect(() => report.request('x', api)).toThrow('no next page');
  });

  class ScriptedApi extends HrApi {
    readonly asked: ApiRequest[] = [];
    constructor(private readonly bodies: unknown[]) {
      super({ hrSystemName: 'Test HR', baseUrl: 'https://hr.test', auth: headerAuth({}) });
    }
    override async send(request: ApiRequest | string): Promise<HttpResponse> {
      this.asked.push(typeof request === 'string' ? { path: request } : request);
      return answer(this.bodies.shift());
    }
  }

  it('reads every page in order and stops at a repeated cursor', async () => {
    const paging = bodyCursor({ path: '/x', cursorParam: 'c', records: (b) => b.data, next: (b) => ({ cursor: b.next }) });
    const scripted = new ScriptedApi([{ data: [1], next: 'a' }, { data: [2], next: 'b' }, { data: [3], next: null }]);
    expect(await fetchAll(scripted, paging)).toEqual([1, 2, 3]);
    expect(scripted.asked.map((r) => r.query)).toEqual([{}, { c: 'a' }, { c: 'b' }]);
    const looping = new ScriptedApi([{ data: [1], next: 'a' }, { data: [2], next: 'a' }]);
    await expect(fetchAll(looping, paging)).rejects.toThrow('Test HR repeated a page cursor');
    const capped = new ScriptedApi([{ data: [1], next: 'a' }, { data: [2], next: 'b' }]);
    expect(await fetchAll(capped, paging, { maxPages: 1 })).toEqual([1]);
  });
});
