// Serves a SOAP vendor fake on the kit's fake toolkit (request log, fault script, loopback server).
// kit/fake/serve.ts answers JSON bodies only, and its record-level faults splice a JSON array: here
// answers are XML trees (xml.ts) until they are written, so a malformed-record fault replaces one
// record element of the tree, and the fault script's answers come in the vendor's XML dialect.
import { startFakeHttpServer, type FakeRequest, type FakeResponse } from '../fake-http-server';
import { FaultScript, MALFORMED_RECORD, RequestLog, type Fault, type FaultDialect } from '../kit/fake';
import { buildXml, type XmlNode } from './xml';

export interface SoapFakeResponse extends Omit<FakeResponse, 'body'> {
  /** An XML tree (written with prefixed names) or finished text. */
  body?: XmlNode | string;
}

export interface SoapFakeOptions {
  handle(req: FakeRequest): SoapFakeResponse | Promise<SoapFakeResponse>;
  dialect: FaultDialect;
  /** The record elements of a listing answer's tree (mutable), for malformed-record faults. */
  records(body: XmlNode): unknown[] | undefined;
  faults?: FaultScript;
  log?: RequestLog;
  port?: number;
}

export async function serveSoapFake(options: SoapFakeOptions): Promise<{ url: string; faults: FaultScript; log: RequestLog; close(): Promise<void> }> {
  const faults = options.faults ?? new FaultScript();
  const log = options.log ?? new RequestLog();

  async function answer(req: FakeRequest, fault: Fault | undefined): Promise<SoapFakeResponse> {
    switch (fault?.kind) {
      case 'throttle':
        return options.dialect.throttled(fault.retryAfterSeconds, fault.detail) as SoapFakeResponse;
      case 'unavailable':
        return options.dialect.unavailable(fault.status ?? 503) as SoapFakeResponse;
      case 'expired-token':
        throw new Error('Workday web services take the password on every call: an expired-token fault cannot happen');
      case 'answer':
        return fault.response as SoapFakeResponse;
      case 'slow':
        return { ...(await options.handle(req)), delayMs: fault.delayMs };
      case 'cut-short':
        return { ...(await options.handle(req)), cutShort: true };
      case 'malformed-record': {
        const out = await options.handle(req);
        const records = typeof out.body === 'object' ? options.records(out.body) : undefined;
        if (!records) throw new Error(`no listing records in the answer to ${req.url.pathname} for a malformed-record fault`);
        records.splice(Math.floor(records.length / 2), records.length ? 1 : 0, { ...MALFORMED_RECORD });
        return out;
      }
      default:
        return options.handle(req);
    }
  }

  const server = await startFakeHttpServer(async (req) => {
    const entry = log.record({ method: req.method, path: req.url.pathname, query: req.url.searchParams, at: Date.now(), status: 0 });
    const fault = faults.take(req);
    if (fault) entry.fault = fault.kind;
    const out = await answer(req, fault);
    entry.status = out.status;
    const xml = out.body !== undefined && typeof out.body === 'object';
    return { ...out, body: xml ? buildXml(out.body as XmlNode) : out.body, headers: { 'content-type': 'text/xml; charset=utf-8', ...out.headers } };
  }, options.port ?? 0, undefined, (ms) => log.served(ms));
  return { url: server.url, faults, log, close: () => server.close() };
}
