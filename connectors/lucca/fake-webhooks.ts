// The fake Lucca's webhooks, as developers.lucca.fr describes them: webhook-endpoints declared through
// /lucca-api/webhook-endpoints (name, webhookUrl, topics, apiVersion, status), each given its own
// signing secret in the creation answer; declaring one active first sends Lucca's activation
// challenge (GET <webhookUrl>?echo=<value>, answered with the value as text) and an endpoint that
// fails it is left suspended. Every change of an employee or employment becomes an event
// { id, type: 'event', topic, occurredAt, apiVersion, data } posted to each active endpoint holding
// its topic, signed Lucca-Signature = base64 HMAC-SHA256(secret, "<Lucca-Timestamp>.<body>") with
// Lucca-Timestamp the UTC second of sending, within Lucca's 3-second timeout. Answers 404 and 410
// suspend the endpoint at once, as does a run of failed deliveries (the fake does not retry).
import crypto from 'node:crypto';
import { deliverNotification, parseJson, type FakeRequest, type FakeResponse } from '../kit/fake';

type Row = Record<string, unknown>;

/** The topics the fake's events use (a subset of Lucca's list). */
export const FAKE_LUCCA_TOPICS = ['employee.created', 'employee.updated', 'employee.deleted', 'employment.created', 'employment.updated', 'employment.deleted', 'legal-entity.created', 'legal-entity.updated', 'legal-entity.deleted', 'leave.created', 'leave.updated', 'leave.deleted'];
/** Lucca's delivery timeout. */
const DELIVERY_TIMEOUT_MS = 3_000;
/** Failed deliveries in a row before the fake suspends an endpoint (Lucca names no number). */
const FAILURES_BEFORE_SUSPENSION = 5;

export interface FakeWebhookEndpoint {
  id: string;
  name: string;
  webhookUrl: string;
  topics: string[];
  apiVersion: string;
  status: 'active' | 'suspended' | 'inactive';
  secret: string;
  createdAt: string;
  lastUpdatedAt: string;
  failures: number;
}

export interface FakeLuccaDelivery {
  endpointId: string;
  eventId: string;
  topic: string;
  status: number;
}

export class FakeLuccaWebhooks {
  readonly endpoints = new Map<string, FakeWebhookEndpoint>();
  /** Every delivery attempt, in order. */
  readonly deliveries: FakeLuccaDelivery[] = [];
  private lastEndpoint = 0;
  private lastEvent = 0;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly apiVersion: string,
    private readonly base: () => string,
  ) {}

  private problem(status: number, title: string, detail: string): FakeResponse {
    return { status, headers: { 'content-type': 'application/problem+json' }, body: { type: `https://developers.lucca.fr/errors/${status}`, title, status, detail } };
  }

  private view(e: FakeWebhookEndpoint): Row {
    return { id: e.id, type: 'webhook-endpoint', url: `${this.base()}/lucca-api/webhook-endpoints/${e.id}`, name: e.name, apiVersion: e.apiVersion, webhookUrl: e.webhookUrl, topics: e.topics, status: e.status, createdAt: e.createdAt, lastUpdatedAt: e.lastUpdatedAt, links: {} };
  }

  async create(req: FakeRequest): Promise<FakeResponse> {
    const body = parseJson<Row>(req.body)?.value;
    if (!body || typeof body !== 'object') return this.problem(400, 'Bad Request', 'The body must be a webhook-endpoint.');
    const url = typeof body.webhookUrl === 'string' ? body.webhookUrl : '';
    // Lucca requires https; the fake also takes loopback http so tests can receive.
    if (!/^https:\/\//.test(url) && !/^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?\//.test(url)) return this.problem(400, 'Bad Request', 'webhookUrl must use the https:// scheme.');
    const topics = Array.isArray(body.topics) ? body.topics.filter((t): t is string => typeof t === 'string') : [];
    if (topics.length === 0 || topics.length !== (body.topics as unknown[]).length) return this.problem(400, 'Bad Request', 'topics must list at least one topic.');
    const unknown = topics.find((t) => !FAKE_LUCCA_TOPICS.includes(t));
    if (unknown) return this.problem(400, 'Bad Request', `'${unknown}' is not a known topic.`);
    const status = body.status === undefined ? 'inactive' : body.status;
    if (status !== 'active' && status !== 'inactive') return this.problem(400, 'Bad Request', 'status must be active or inactive.');
    const now = new Date().toISOString();
    const endpoint: FakeWebhookEndpoint = {
      id: String(456789000 + ++this.lastEndpoint),
      name: typeof body.name === 'string' ? body.name : '',
      webhookUrl: url,
      topics,
      apiVersion: typeof body.apiVersion === 'string' ? body.apiVersion : this.apiVersion,
      status: 'inactive',
      secret: crypto.randomBytes(32).toString('base64url'),
      createdAt: now,
      lastUpdatedAt: now,
      failures: 0,
    };
    this.endpoints.set(endpoint.id, endpoint);
    if (status === 'active') endpoint.status = (await this.passesChallenge(url)) ? 'active' : 'suspended';
    return { status: 201, body: { ...this.view(endpoint), secret: endpoint.secret } };
  }

  private async passesChallenge(url: string): Promise<boolean> {
    const echo = crypto.randomBytes(16).toString('hex');
    const challenge = new URL(url);
    challenge.searchParams.set('echo', echo);
    // A plain GET (deliverNotification always sends a body, which fetch refuses on GET).
    try {
      const answer = await fetch(challenge, { signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS) });
      return answer.status === 200 && (await answer.text()) === echo;
    } catch {
      return false;
    }
  }

  get(id: string): FakeResponse {
    const endpoint = this.endpoints.get(id);
    return endpoint ? { status: 200, body: this.view(endpoint) } : this.problem(404, 'Not Found', `No webhook-endpoint ${id}.`);
  }

  list(): Row[] {
    return [...this.endpoints.values()].map((e) => this.view(e));
  }

  delete(id: string): FakeResponse {
    return this.endpoints.delete(id) ? { status: 204 } : this.problem(404, 'Not Found', `No webhook-endpoint ${id}.`);
  }

  /** An admin removes the endpoint in Lucca's interface. */
  drop(id: string): void {
    this.endpoints.delete(id);
  }

  secrets(): string[] {
    return [...this.endpoints.values()].map((e) => e.secret);
  }

  /** A change in Lucca: one event, posted to every active endpoint that holds its topic. */
  emit(topic: string, data: Row): void {
    const event = { id: String(7000000 + ++this.lastEvent), type: 'event', topic, occurredAt: new Date().toISOString(), apiVersion: this.apiVersion, data };
    for (const endpoint of this.endpoints.values()) {
      if (endpoint.status !== 'active' || !endpoint.topics.includes(topic)) continue;
      const sending = this.deliver(endpoint, event).finally(() => this.inFlight.delete(sending));
      this.inFlight.add(sending);
    }
  }

  /** Resolves once every delivery started so far was answered (or timed out). */
  async settled(): Promise<void> {
    while (this.inFlight.size) await Promise.all([...this.inFlight]);
  }

  private async deliver(endpoint: FakeWebhookEndpoint, event: Row & { id: string; topic: string }): Promise<void> {
    const body = JSON.stringify(event);
    const timestamp = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
    const signature = crypto.createHmac('sha256', endpoint.secret).update(`${timestamp}.${body}`).digest('base64');
    const answer = await deliverNotification(endpoint.webhookUrl, {
      headers: { 'content-type': 'application/json', 'lucca-signature': signature, 'lucca-timestamp': timestamp },
      body,
      timeoutMs: DELIVERY_TIMEOUT_MS,
    });
    this.deliveries.push({ endpointId: endpoint.id, eventId: event.id, topic: event.topic, status: answer.status });
    if (answer.status >= 200 && answer.status < 300) endpoint.failures = 0;
    else if (answer.status === 404 || answer.status === 410 || ++endpoint.failures >= FAILURES_BEFORE_SUSPENSION) endpoint.status = 'suspended';
  }
}
