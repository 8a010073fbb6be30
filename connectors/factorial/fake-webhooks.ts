// The fake Factorial's webhook subscriptions, as the dated API has them
// (/api/<version>/resources/api_public/webhook_subscriptions[/{id}]: list with id, company_id, type
// and enabled filters, create, read, update, delete); one subscription per type and company, a new
// one for a subscribed type overwriting the old (Factorial's guide) or refused with 422 (others' notes). Deliveries POST the
// resource itself with the challenge in x-factorial-wh-challenge; Factorial disables a subscription
// after failed deliveries (`disable`).
import { deliverNotification, parseJson, type FakeRequest, type FakeResponse } from '../kit/fake';

type Row = Record<string, unknown>;

export interface FakeFactorialSubscription {
  id: string;
  subscription_type: string;
  target_url: string;
  name: string | null;
  challenge: string | null;
  company_id: string;
  enabled: boolean;
  api_version: string | null;
}

/** The types the fake can send, and a few it accepts and never sends. */
const KNOWN_TYPES = [
  'employees/employee/create_with_contract',
  'employees/employee/update',
  'employees/employee/terminate',
  'employees/employee/unterminate',
  'employees/employee/invite',
  'contracts/contract_version/create',
  'contracts/contract_version/update',
  'ats/job_posting/create',
];

export class FakeFactorialWebhooks {
  readonly subscriptions = new Map<string, FakeFactorialSubscription>();
  private lastId = 0;
  private readonly inFlight = new Set<Promise<unknown>>();

  /** `duplicates`: what a POST for a type the company already subscribed does (the sources disagree). */
  constructor(
    private readonly companyId: string,
    private readonly duplicates: 'overwrite' | 'refuse' = 'overwrite',
  ) {}

  /** GET, POST on the collection; GET, PUT, DELETE on one (`id` undefined for the collection). */
  handle(req: FakeRequest, id: string | undefined, page: (items: readonly Row[]) => FakeResponse): FakeResponse {
    if (id === undefined) {
      if (req.method === 'GET') return page(this.listed(req.url.searchParams));
      if (req.method === 'POST') return this.create(req);
      return notFound(req);
    }
    const held = this.subscriptions.get(id);
    if (!held) return notFound(req);
    if (req.method === 'GET') return { status: 200, body: view(held) };
    if (req.method === 'PUT') return this.update(held, req);
    if (req.method === 'DELETE') {
      this.subscriptions.delete(id);
      return { status: 200, body: view(held) };
    }
    return notFound(req);
  }

  /** Sends the resource to every enabled subscription of the type, as Factorial does. */
  notify(type: string, resource: Row): void {
    for (const s of this.subscriptions.values()) {
      if (!s.enabled || s.subscription_type !== type) continue;
      const headers: Record<string, string> = { 'content-type': 'application/json', 'x-factorial-author-type': 'company' };
      if (s.challenge) headers['x-factorial-wh-challenge'] = s.challenge;
      const delivery = deliverNotification(s.target_url, { headers, body: JSON.stringify(resource) });
      this.inFlight.add(delivery);
      void delivery.finally(() => this.inFlight.delete(delivery));
    }
  }

  /** Resolves once every delivery under way was answered (or failed). */
  async settle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  /** What Factorial does after 20 failed deliveries over 48 hours. */
  disable(id: string): void {
    const held = this.subscriptions.get(id);
    if (held) held.enabled = false;
  }

  private listed(query: URLSearchParams): Row[] {
    const enabled = query.get('enabled');
    return [...this.subscriptions.values()]
      .filter((s) => (query.get('id') ?? s.id) === s.id && (query.get('company_id') ?? s.company_id) === s.company_id && (query.get('type') ?? s.subscription_type) === s.subscription_type)
      .filter((s) => enabled === null || String(s.enabled) === enabled)
      .map(view);
  }

  private create(req: FakeRequest): FakeResponse {
    const body = parseJson<Row>(req.body || '')?.value;
    if (typeof body !== 'object' || body === null) return unprocessable('the body is not JSON');
    const type = String(body.subscription_type ?? '');
    if (!KNOWN_TYPES.includes(type)) return unprocessable('subscription_type is not valid');
    if (typeof body.target_url !== 'string' || !/^https?:\/\//.test(body.target_url)) return unprocessable('target_url is not valid');
    if (String(body.company_id ?? '') !== this.companyId) return unprocessable('company_id is not valid');
    const fields = {
      subscription_type: type,
      target_url: body.target_url,
      name: typeof body.name === 'string' ? body.name : null,
      challenge: typeof body.challenge === 'string' ? body.challenge : null,
      company_id: this.companyId,
      enabled: body.enabled !== false,
      api_version: typeof body.api_version === 'string' ? body.api_version : null,
    };
    const existing = [...this.subscriptions.values()].find((s) => s.subscription_type === type && s.company_id === this.companyId);
    if (existing && this.duplicates === 'refuse') return unprocessable('subscription_type has already been taken');
    const subscription = existing ? Object.assign(existing, fields) : { id: String(++this.lastId), ...fields };
    this.subscriptions.set(subscription.id, subscription);
    return { status: 201, body: view(subscription) };
  }

  private update(held: FakeFactorialSubscription, req: FakeRequest): FakeResponse {
    const body = parseJson<Row>(req.body || '')?.value;
    if (typeof body !== 'object' || body === null) return unprocessable('the body is not JSON');
    if (body.target_url !== undefined) held.target_url = String(body.target_url);
    if (body.name !== undefined) held.name = String(body.name);
    if (body.challenge !== undefined) held.challenge = String(body.challenge);
    if (typeof body.enabled === 'boolean') held.enabled = body.enabled;
    if (body.subscription_type !== undefined && KNOWN_TYPES.includes(String(body.subscription_type))) held.subscription_type = String(body.subscription_type);
    return { status: 200, body: view(held) };
  }
}

/** The subscription as the API shows it; the challenge is not echoed (a secret). */
function view(s: FakeFactorialSubscription): Row {
  return { id: s.id, subscription_type: s.subscription_type, target_url: s.target_url, name: s.name, company_id: s.company_id, enabled: s.enabled, api_version: s.api_version };
}

const unprocessable = (message: string): FakeResponse => ({ status: 422, body: { error: 'Unprocessable Entity', message } });
const notFound = (req: FakeRequest): FakeResponse => ({ status: 404, body: { error: 'Not Found', message: `No route ${req.method} ${req.url.pathname}` } });
