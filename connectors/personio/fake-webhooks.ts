// The fake Personio's webhooks (API v2): the configurations the Webhooks Management API holds, and
// the dataless events Personio POSTs to each enabled one after an edit. As Personio documents: the
// envelope {company_id, event_name, occurred_at, payload}, the payload only the changed entity's id,
// the webhook's token verbatim in the Authorization header (auth_type TOKEN) or its custom headers
// (CUSTOM), an answer expected within 3 s, and a failed request (no answer, 5xx but 501) tried once
// more at once (the "fast attempt"; the extended retries over 3 days are left out).
import { randomUUID } from 'node:crypto';
import { deliverNotification } from '../kit/fake';
import type { FakePersonioEmployee } from './fake-data';
import type { PersonioChange } from './fake-state';
import { PERSONIO_PUSH_EVENTS, type PersonioWebhookEvent } from './push';

export type WebhookStatus = 'ENABLED' | 'DISABLED';
export type WebhookAuthType = 'NONE' | 'TOKEN' | 'CUSTOM';

export interface FakeWebhook {
  id: string;
  url: string;
  description: string;
  status: WebhookStatus;
  auth_type: WebhookAuthType;
  token?: string;
  custom_headers?: Record<string, string>;
  enabled_events: string[];
  created_at: string;
  updated_at: string;
}

export interface FakeWebhookDelivery {
  webhookId: string;
  eventName: string;
  /** The answers of the requests of one attempt (0: no answer in time). */
  statuses: number[];
}

/** The events the fake offers: the person and employment ones (Personio has more, for absences,
 * attendances and documents, whose exact names were not read). */
export const KNOWN_WEBHOOK_EVENTS: readonly string[] = PERSONIO_PUSH_EVENTS;

/** Person attributes whose change Personio reports as person.updated (custom attributes too). */
const PERSON_FIELDS: readonly (keyof FakePersonioEmployee)[] = ['firstName', 'lastName', 'email', 'gender', 'custom'];

const ACKNOWLEDGE_WITHIN_MS = 3_000;

export class FakePersonioWebhooks {
  readonly deliveries: FakeWebhookDelivery[] = [];
  private readonly webhooks = new Map<string, FakeWebhook>();
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    readonly companyId: string,
    private readonly today: () => string,
  ) {}

  list(): FakeWebhook[] {
    return [...this.webhooks.values()];
  }

  get(id: string): FakeWebhook | undefined {
    return this.webhooks.get(id);
  }

  create(fields: Omit<FakeWebhook, 'id' | 'created_at' | 'updated_at'>): FakeWebhook {
    const now = new Date().toISOString();
    const webhook: FakeWebhook = { ...fields, id: randomUUID(), created_at: now, updated_at: now };
    this.webhooks.set(webhook.id, webhook);
    return webhook;
  }

  update(id: string, fields: Partial<Omit<FakeWebhook, 'id' | 'created_at' | 'updated_at'>>): FakeWebhook | undefined {
    const current = this.webhooks.get(id);
    if (!current) return undefined;
    const webhook = { ...current, ...fields, updated_at: new Date().toISOString() };
    this.webhooks.set(id, webhook);
    return webhook;
  }

  /** Deleted through the API or by an admin in Personio; false when there was none. */
  remove(id: string): boolean {
    return this.webhooks.delete(id);
  }

  /** Sends the events of one edit to every enabled webhook that asked for them. */
  dispatch(change: PersonioChange, employee: FakePersonioEmployee | undefined): void {
    const occurredAt = new Date().toISOString();
    for (const { name, id } of this.eventsOf(change, employee)) {
      const event: PersonioWebhookEvent = { company_id: this.companyId, event_name: name, occurred_at: occurredAt, payload: { id } };
      for (const webhook of this.webhooks.values()) {
        if (webhook.status === 'ENABLED' && webhook.enabled_events.includes(name)) this.track(this.deliver(webhook, event));
      }
    }
  }

  /** Resolves once every delivery started so far was answered (or timed out). */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  /** Which of Personio's events an edit causes: person and employment ones, and the effective-date ones due today. */
  private eventsOf(change: PersonioChange, employee: FakePersonioEmployee | undefined): { name: string; id: string }[] {
    const personId = String(change.employeeId);
    const employmentId = fakeEmploymentId(change.employeeId);
    if (change.kind !== 'updated') {
      const events = [
        { name: `person.${change.kind}`, id: personId },
        { name: `employment.${change.kind}`, id: employmentId },
      ];
      if (change.kind === 'created' && employee?.hireDate === this.today()) events.push({ name: 'employment.started', id: employmentId });
      return events;
    }
    const events: { name: string; id: string }[] = [];
    if (change.changed.some((key) => PERSON_FIELDS.includes(key))) events.push({ name: 'person.updated', id: personId });
    if (change.changed.some((key) => !PERSON_FIELDS.includes(key) && key !== 'lastModifiedAt')) events.push({ name: 'employment.updated', id: employmentId });
    if (change.changed.includes('terminationDate') && employee?.terminationDate === this.today()) events.push({ name: 'employment.terminated', id: employmentId });
    return events;
  }

  private async deliver(webhook: FakeWebhook, event: PersonioWebhookEvent): Promise<void> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (webhook.auth_type === 'TOKEN' && webhook.token) headers.authorization = webhook.token;
    if (webhook.auth_type === 'CUSTOM') Object.assign(headers, webhook.custom_headers);
    const body = JSON.stringify(event);
    const statuses: number[] = [];
    for (let request = 1; request <= 2; request++) {
      const { status } = await deliverNotification(webhook.url, { headers, body, timeoutMs: ACKNOWLEDGE_WITHIN_MS });
      statuses.push(status);
      if (!isRetried(status)) break;
    }
    this.deliveries.push({ webhookId: webhook.id, eventName: event.event_name, statuses });
  }

  private track(delivery: Promise<void>): void {
    this.inFlight.add(delivery);
    void delivery.finally(() => this.inFlight.delete(delivery));
  }
}

/** Personio tries again after no answer in time or a 5xx other than 501. */
function isRetried(status: number): boolean {
  return status === 0 || (status >= 500 && status !== 501);
}

/** Employments are uuids in API v2; the fake derives one per employee. */
export function fakeEmploymentId(employeeId: number): string {
  return `00000000-0000-4000-8000-${String(employeeId).padStart(12, '0')}`;
}
