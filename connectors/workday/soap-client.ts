// A small SOAP client for Workday Web Services: one POST per operation to the tenant's service
// endpoint, the Integration System User in a WS-Security UsernameToken (PasswordText), XML in and out.
// The kit's HrApi/requestJson carry JSON only, and its throttle classifier reads every 5xx as "down for
// now" before a connector may look at the body, while Workday answers every SOAP fault, a refused
// password included, with HTTP 500. So faults are read first here; what is not a fault goes to the
// kit's classifyThrottle, with requestJson's retry semantics (attempts, wait budget, Retry-After,
// exponential backoff, abort signal).
import { CredentialsRejectedError, HrSystemResponseError, HrSystemUnavailableError, RateLimitedError } from '../errors';
import { DEFAULT_MAX_RETRY_WAIT_MS } from '../http';
import { classifyThrottle } from '../kit';
import type { ConnectorContext } from '../types';
import { at, buildXml, child, isNode, parseXml, PASSWORD_TEXT, SOAP_ENV_NS, textIn, WORKDAY_NS, WSSE_NS, type XmlNode } from './xml';

export interface SoapClientOptions {
  hrSystemName: string;
  /** https://<host>/ccx/service/<tenant>/Human_Resources/<version> */
  endpoint: string;
  /** ISU_user@tenant */
  username: string;
  password: string;
  /** The Web Services version the request is written in (bsvc:version), e.g. v44.0. */
  version: string;
  context?: ConnectorContext;
  timeoutMs?: number;
}

/** A SOAP fault as Workday writes it: faultcode (SOAP-ENV:Client.authenticationError, …), faultstring, validation messages. */
export interface SoapFault {
  code: string;
  reason: string;
}

export function readFault(doc: XmlNode | null): SoapFault | null {
  const fault = at(doc, 'Envelope', 'Body', 'Fault') ?? child(doc, 'Fault');
  if (!isNode(fault)) return null;
  const code = textIn(child(fault, 'faultcode')) ?? '';
  const messages = [textIn(child(fault, 'faultstring'))]
    .concat(validationMessages(child(fault, 'detail')))
    .filter((m): m is string => typeof m === 'string' && m !== '');
  return { code, reason: [...new Set(messages)].join('; ') || code || 'SOAP fault' };
}

function validationMessages(detail: unknown): (string | null | undefined)[] {
  const error = at(detail, 'Validation_Fault', 'Validation_Error');
  return [textIn(child(error, 'Message'))];
}

const isAuthenticationFault = (f: SoapFault) => /authenticationError/i.test(f.code);
/** The ISU may sign in but lacks a domain's Get permission ("The task submitted is not authorized."). */
const isAuthorizationFault = (f: SoapFault) => /authorizationError/i.test(f.code) || /not authorized/i.test(f.reason);
const isClientFault = (f: SoapFault) => /(^|:)Client\b/.test(f.code);

function backoffMs(attempt: number): number {
  return Math.min(30_000, 250 * 2 ** (attempt - 1));
}

function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export class WorkdaySoapClient {
  readonly hrSystemName: string;

  constructor(private readonly options: SoapClientOptions) {
    this.hrSystemName = options.hrSystemName;
  }

  /** The envelope for one operation (e.g. Get_Workers_Request with its Request_Criteria, Response_Filter, …). */
  envelope(operation: string, body: XmlNode): string {
    const { username, password, version } = this.options;
    return buildXml({
      'env:Envelope': {
        '@_xmlns:env': SOAP_ENV_NS,
        'env:Header': {
          'wsse:Security': {
            '@_xmlns:wsse': WSSE_NS,
            '@_env:mustUnderstand': '1',
            'wsse:UsernameToken': { 'wsse:Username': username, 'wsse:Password': { '@_Type': PASSWORD_TEXT, '#text': password } },
          },
        },
        'env:Body': { [`bsvc:${operation}`]: { '@_xmlns:bsvc': WORKDAY_NS, '@_bsvc:version': version, ...body } },
      },
    });
  }

  /** Sends `<operation>` and returns the `<…_Response>` element of the answer's SOAP body. */
  async call(operation: string, body: XmlNode): Promise<XmlNode> {
    const doc = await this.post(this.envelope(operation, body));
    const response = at(doc, 'Envelope', 'Body', operation.replace(/_Request$/, '_Response'));
    if (!isNode(response)) throw this.unexpected(`the ${operation.replace(/_Request$/, '')} request`, 200);
    return response;
  }

  unexpected(what: string, status: number | null = 200): HrSystemResponseError {
    return new HrSystemResponseError(`${this.hrSystemName} answered ${what} in an unexpected form`, this.hrSystemName, status);
  }

  refused(sentence: string): CredentialsRejectedError {
    return new CredentialsRejectedError(`${this.hrSystemName} ${sentence}`, this.hrSystemName);
  }

  /** One POST with retries of throttled, unavailable and unreachable answers, as requestJson retries them. */
  private async post(envelope: string): Promise<XmlNode> {
    const { context = {}, hrSystemName } = this.options;
    const { signal } = context;
    const maxAttempts = context.maxAttempts ?? 5;
    const budgetMs = context.maxRetryWaitMs ?? DEFAULT_MAX_RETRY_WAIT_MS;
    let waitedMs = 0;
    const waitForNextAttempt = async (attempt: number, ms: number): Promise<boolean> => {
      if (attempt >= maxAttempts || waitedMs + ms > budgetMs) return false;
      waitedMs += ms;
      await (context.sleep ?? defaultSleep)(ms, signal);
      signal?.throwIfAborted();
      return true;
    };
    let lastError: Error | null = null;
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      signal?.throwIfAborted();
      let status: number;
      let headers: Headers;
      let text: string;
      try {
        const timeout = AbortSignal.timeout(this.options.timeoutMs ?? 60_000);
        const raw = await fetch(this.options.endpoint, {
          method: 'POST',
          headers: { 'content-type': 'text/xml; charset=utf-8', accept: 'text/xml', soapaction: '""' },
          body: envelope,
          signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
        });
        ({ status, headers } = raw);
        text = await raw.text();
      } catch (err) {
        if (signal?.aborted) throw signal.reason;
        lastError = new HrSystemUnavailableError(`${hrSystemName} could not be reached (${(err as Error).message})`, hrSystemName);
        if (await waitForNextAttempt(attempt, backoffMs(attempt))) continue;
        break;
      }
      const doc = parseXml(text);
      if (status >= 200 && status < 300) {
        if (!doc) throw this.unexpected('the request', status);
        return doc;
      }
      const fault = readFault(doc);
      // A 429 is a throttle whatever its body says; other faults are read before the 5xx retries.
      const throttled = status === 429;
      if (!throttled && fault && isAuthenticationFault(fault)) throw this.refused(`refused the credentials: ${fault.reason}`);
      if (!throttled && fault && isAuthorizationFault(fault)) {
        throw this.refused(`refused the credentials: ${fault.reason} (the integration system user needs Get access to the worker data domains)`);
      }
      if (!throttled && fault && isClientFault(fault)) throw new HrSystemResponseError(`${hrSystemName} answered ${status}: ${fault.reason}`, hrSystemName, status);
      const throttle = classifyThrottle({ status, headers, body: null });
      if (!throttle) {
        // No SOAP answer at all (an HTML 404): most likely a wrong host, tenant or version in the endpoint.
        const reason = fault?.reason ?? (status === 404 ? 'HTTP 404 (check the web services host, tenant name and version)' : `HTTP ${status}`);
        throw new HrSystemResponseError(`${hrSystemName} answered ${status}: ${reason}`, hrSystemName, status);
      }
      lastError =
        throttle.verdict === 'rate-limited'
          ? new RateLimitedError(`${hrSystemName} is rate limiting requests`, hrSystemName, throttle.retryAfterMs)
          : new HrSystemUnavailableError(`${hrSystemName} is unavailable (HTTP ${status}${fault ? `: ${fault.reason}` : ''})`, hrSystemName);
      if (!(await waitForNextAttempt(attempt, throttle.retryAfterMs ?? backoffMs(attempt)))) break;
    }
    throw lastError ?? new HrSystemUnavailableError(`${hrSystemName} request failed`, hrSystemName);
  }
}
