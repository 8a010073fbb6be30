// Serves one vendor fake: every request is logged, the fault script may answer instead of the
// vendor (in the vendor's own error shapes, from its dialect), and listing answers can be spoiled
// (an unreadable record added, the body cut short) without the vendor code knowing.
import { startFakeHttpServer, type FakeRequest, type FakeResponse } from '../../fake-http-server';
import { FaultScript, type Fault, type FaultDialect } from './faults';
import { RequestLog } from './request-log';

/** Where a vendor's listing answers keep their records (for the record-level faults). */
export interface ListingShape {
  path: string | RegExp;
  /** The records array inside an answer body (mutable), or undefined when there is none. */
  records(body: unknown): unknown[] | undefined;
}

export interface VendorFakeOptions {
  handle(req: FakeRequest): FakeResponse | Promise<FakeResponse>;
  dialect: FaultDialect;
  listings?: ListingShape[];
  /** Share these with the fake's state (so state helpers can plan faults and read the log). */
  faults?: FaultScript;
  log?: RequestLog;
  port?: number;
  host?: string;
}

export interface RunningVendorFake {
  url: string;
  port: number;
  faults: FaultScript;
  log: RequestLog;
  close(): Promise<void>;
}

/** What a record-level fault adds to a listing: nothing any connector can read. */
export const MALFORMED_RECORD = Object.freeze({ note: 'malformed record injected by the fault script' });

export async function serveVendorFake(options: VendorFakeOptions): Promise<RunningVendorFake> {
  const faults = options.faults ?? new FaultScript();
  const log = options.log ?? new RequestLog();

  const handle = async (req: FakeRequest): Promise<FakeResponse> => {
    const entry = log.record({ method: req.method, path: req.url.pathname, query: req.url.searchParams, at: Date.now(), status: 0 });
    const fault = faults.take(req);
    if (fault) entry.fault = fault.kind;
    const out = await answer(req, fault);
    entry.status = out.status;
    return out;
  };

  async function answer(req: FakeRequest, fault: Fault | undefined): Promise<FakeResponse> {
    switch (fault?.kind) {
      case 'throttle':
        return options.dialect.throttled(fault.retryAfterSeconds, fault.detail);
      case 'unavailable':
        return options.dialect.unavailable(fault.status ?? 503);
      case 'expired-token':
        if (!options.dialect.expiredToken) throw new Error('this vendor issues no tokens: an expired-token fault cannot happen');
        return options.dialect.expiredToken();
      case 'answer':
        return fault.response;
      case 'slow':
        return { ...(await options.handle(req)), delayMs: fault.delayMs };
      case 'cut-short':
        return { ...(await options.handle(req)), cutShort: true };
      case 'malformed-record': {
        const out = await options.handle(req);
        const listing = options.listings?.find((l) => (typeof l.path === 'string' ? l.path === req.url.pathname : l.path.test(req.url.pathname)));
        const records = listing?.records(out.body);
        if (!records) throw new Error(`no listing records in the answer to ${req.url.pathname} for a malformed-record fault`);
        // In place of a real one: the page keeps its size, so offset paging stays right.
        records.splice(Math.floor(records.length / 2), records.length ? 1 : 0, { ...MALFORMED_RECORD });
        return out;
      }
      default:
        return options.handle(req);
    }
  }

  const server = await startFakeHttpServer(handle, options.port ?? 0, options.host, (ms) => log.served(ms));
  return { url: server.url, port: server.port, faults, log, close: () => server.close() };
}
