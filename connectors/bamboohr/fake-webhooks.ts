// The fake BambooHR's webhooks, as BambooHR's API has them: /api/v1/webhooks (list, create with a
// private key shown once), /api/v1/webhooks/{id} (read, full replacement, delete), monitor_fields;
// and the deliveries: event-based JSON ({type, timestamp, data}) or form posts, signed with the
// webhook's private key (hex HMAC-SHA256 of body + X-BambooHR-Timestamp, Unix seconds).
// One deviation: http:// is accepted for loopback URLs, so tests can receive (BambooHR wants https).
import { createHmac, randomBytes } from 'node:crypto';
import { deliverNotification, parseJson, type FakeRequest, type FakeResponse, type Route } from '../kit/fake';

export interface FakeBambooWebhook {
  id: string;
  name: string;
  url: string;
  format: 'json' | 'form-encoded';
  events: string[];
  /** Field keys (alias, or id for fields without one); null for event-only webhooks. */
  monitorFields: string[] | null;
  privateKey: string;
  created: string;
  lastSent: string | null;
}

export interface MonitorableField {
  id: string;
  name: string;
  alias: string | null;
}

const EVENT_TYPES = ['employee.created', 'employee.updated', 'employee.deleted'];
const FIELD_EVENT_TYPES = ['employee_with_fields.created', 'employee_with_fields.updated', 'employee_with_fields.deleted'];
const OTHER_EVENT_TYPES = ['company-integrations.updated', 'company.updated', 'company.deleted'];
const USER_AGENT = 'BambooHR-WebHooks/1.0 (+https://www.bamboohr.com)';

export class FakeBambooWebhooks {
  readonly webhooks = new Map<string, FakeBambooWebhook>();
  private nextId = 1;
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(
    private readonly monitorable: () => MonitorableField[],
    private readonly companyId = '1',
  ) {}

  routes(): Route[] {
    return [
      ['GET', '/api/v1/webhooks', () => ({ status: 200, body: { webhooks: [...this.webhooks.values()].map(summary) } })],
      ['POST', '/api/v1/webhooks', (req) => this.create(req)],
      ['GET', '/api/v1/webhooks/monitor_fields', () => ({ status: 200, body: { fields: this.monitorable() } })],
      ['GET', /^\/api\/v1\/webhooks\/(\d+)$/, (_req, id) => this.withWebhook(id, (w) => ({ status: 200, body: view(w) }))],
      ['PUT', /^\/api\/v1\/webhooks\/(\d+)$/, (req, id) => this.withWebhook(id, (w) => this.replace(w, req))],
      ['DELETE', /^\/api\/v1\/webhooks\/(\d+)$/, (_req, id) => this.withWebhook(id, (w) => this.remove(w))],
    ];
  }

  /** Tells every webhook that listens for this event, as BambooHR does after an edit. */
  notify(event: 'created' | 'updated' | 'deleted', employeeId: string, changedKeys: readonly string[] = []): void {
    for (const webhook of this.webhooks.values()) {
      const eventBased = webhook.events.includes(`employee.${event}`);
      const fieldBased = webhook.events.includes(`employee_with_fields.${event}`);
      if (!eventBased && !fieldBased) continue;
      const changedFields = event === 'updated' ? changedKeys.filter((k) => webhook.monitorFields?.includes(k)) : [];
      if (event === 'updated' && changedFields.length === 0) continue;
      const delivery = this.deliver(webhook, eventBased ? `employee.${event}` : `employee_with_fields.${event}`, employeeId, changedFields);
      this.inFlight.add(delivery);
      void delivery.finally(() => this.inFlight.delete(delivery));
    }
  }

  /** Resolves once every delivery under way was answered (or failed). */
  async settle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  private async deliver(webhook: FakeBambooWebhook, type: string, employeeId: string, changedFields: string[]): Promise<void> {
    const occurred = `${new Date().toISOString().slice(0, 19)}+0000`;
    const data = { companyId: this.companyId, employeeId, ...(type.endsWith('.updated') ? { changedFields } : {}) };
    const body = webhook.format === 'json' ? JSON.stringify({ type, timestamp: occurred, data }) : formBody(type, data);
    const timestamp = String(Math.floor(Date.now() / 1000));
    const signature = createHmac('sha256', webhook.privateKey).update(body + timestamp).digest('hex');
    await deliverNotification(webhook.url, {
      headers: {
        'content-type': webhook.format === 'json' ? 'application/json' : 'application/x-www-form-urlencoded',
        'user-agent': USER_AGENT,
        'x-bamboohr-timestamp': timestamp,
        'x-bamboohr-signature': signature,
      },
      body,
    });
    webhook.lastSent = sqlTime();
  }

  private remove(webhook: FakeBambooWebhook): FakeResponse {
    this.webhooks.delete(webhook.id);
    return { status: 200, headers: { 'content-type': 'text/plain' }, body: 'Web hook has been deleted.' };
  }

  private create(req: FakeRequest): FakeResponse {
    const checked = this.read(req);
    if ('status' in checked) return checked;
    const webhook: FakeBambooWebhook = { id: String(this.nextId++), ...checked, privateKey: randomBytes(32).toString('hex'), created: sqlTime(), lastSent: null };
    this.webhooks.set(webhook.id, webhook);
    // The private key is in this answer only.
    return { status: 201, body: { ...view(webhook), privateKey: webhook.privateKey } };
  }

  private replace(webhook: FakeBambooWebhook, req: FakeRequest): FakeResponse {
    const checked = this.read(req);
    if ('status' in checked) return checked;
    Object.assign(webhook, checked);
    return { status: 200, body: view(webhook) };
  }

  /** The request body as a webhook definition, or BambooHR's 400/403. */
  private read(req: FakeRequest): Pick<FakeBambooWebhook, 'name' | 'url' | 'format' | 'events' | 'monitorFields'> | FakeResponse {
    const body = parseJson<Record<string, unknown>>(req.body || '')?.value;
    if (typeof body !== 'object' || body === null) return badRequest(['the body is not JSON']);
    const issues: string[] = [];
    if (typeof body.name !== 'string' || body.name === '') issues.push('name is required');
    if (typeof body.url !== 'string' || !acceptedUrl(body.url)) issues.push('url must begin with https://');
    if (body.format !== 'json' && body.format !== 'form-encoded') issues.push('format must be json or form-encoded');
    const events = body.events === undefined ? FIELD_EVENT_TYPES : body.events;
    if (!Array.isArray(events) || events.some((e) => ![...EVENT_TYPES, ...FIELD_EVENT_TYPES, ...OTHER_EVENT_TYPES].includes(String(e)))) issues.push('events has an unknown event');
    else if (events.some((e) => FIELD_EVENT_TYPES.includes(String(e))) && events.some((e) => EVENT_TYPES.includes(String(e)))) issues.push('employee_with_fields events cannot be mixed with employee events');
    const needsMonitorFields = Array.isArray(events) && events.some((e) => String(e).endsWith('.updated') && String(e).startsWith('employee'));
    const monitorFields = Array.isArray(body.monitorFields) ? body.monitorFields.map(String) : null;
    if (needsMonitorFields && (!monitorFields || monitorFields.length === 0)) issues.push('monitorFields must not be empty for update events');
    if (issues.length > 0) return badRequest(issues);
    const fields = this.monitorable();
    const keyOf = (given: string) => fields.find((f) => f.alias === given || f.id === given);
    const unknown = (monitorFields ?? []).filter((f) => !keyOf(f));
    if (unknown.length > 0) return { status: 403, body: { errors: [{ error: 'Permission denied to the following fields', unknownFields: unknown.map((name) => ({ id: null, name })) }] } };
    // Kept as the keys the records use (alias, else id), whichever was given.
    const keys = monitorFields?.map((f) => keyOf(f)!.alias ?? keyOf(f)!.id) ?? null;
    return { name: body.name as string, url: body.url as string, format: body.format as 'json' | 'form-encoded', events: (events as unknown[]).map(String), monitorFields: keys };
  }

  private withWebhook(id: string, answer: (webhook: FakeBambooWebhook) => FakeResponse): FakeResponse {
    const webhook = this.webhooks.get(id);
    return webhook ? answer(webhook) : { status: 404, body: { errors: [{ error: `No webhook was found with ID: ${id}.` }] } };
  }
}

function view(w: FakeBambooWebhook) {
  return { id: w.id, name: w.name, created: w.created, lastSent: w.lastSent, monitorFields: w.monitorFields, postFields: {}, url: w.url, format: w.format, includeCompanyDomain: false, events: w.events };
}

const summary = (w: FakeBambooWebhook) => ({ id: w.id, name: w.name, created: w.created, lastSent: w.lastSent, url: w.url });

const badRequest = (issues: string[]): FakeResponse => ({ status: 400, body: { errors: [{ error: 'Invalid request body', issues }] } });

function acceptedUrl(url: string): boolean {
  if (url.startsWith('https://')) return true;
  return /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?\//.test(url);
}

/** BambooHR's datetime format in webhook records (UTC, YYYY-MM-DD HH:MM:SS). */
const sqlTime = () => new Date().toISOString().slice(0, 19).replace('T', ' ');

function formBody(type: string, data: { companyId: string; employeeId: string; changedFields?: string[] }): string {
  const form = new URLSearchParams({ type, 'data[companyId]': data.companyId, 'data[employeeId]': data.employeeId });
  (data.changedFields ?? []).forEach((field, i) => form.append(`data[changedFields][${i}]`, field));
  return form.toString();
}
