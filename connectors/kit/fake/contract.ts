// What each connector folder's contract-fixture.ts exports: how to run its vendor fake for the one
// contract suite (test/connectors/contract.test.ts, test/integration/connector-contract-sync.test.ts).
// Expected values are read from the fake's own data, never from the connector.
import type { MappableField } from '../../../domain/employee-fields';
import type { LegalEntityOption } from '../../types';
import type { FaultScript } from './faults';
import type { RequestLog } from './request-log';

/** What a complete listing must yield for one person the vendor lists. */
export interface ExpectedEmployee {
  remoteId: string;
  email: string;
  /** YYYY-MM-DD, or null for someone not leaving. */
  leavingDate: string | null;
  /** Values of the mapped fields as stored (Employee columns). */
  mapped: Partial<Record<MappableField, string | number | null>>;
}

export interface ContractFakeSize {
  /** People to generate: enough for several pages where the vendor pages. */
  people: number;
}

export interface RunningContractFake {
  credentials: Record<string, unknown>;
  /** Same shape, refused by the vendor. */
  wrongCredentials: Record<string, unknown>;
  /** The vendor's reason for the refusal, as the admin must read it. */
  refusalReason: string | RegExp;
  /** Product field → key of a custom attribute of the vendor (offered by listAttributes). */
  mapping: Partial<Record<MappableField, string>>;
  /** Every valid person of the listing (malformed records not among them). */
  expected(): ExpectedEmployee[];
  /** Records the vendor lists that no connector can read (at least 1). */
  malformedRecords: number;
  /** The legal entities the vendor offers (any order); [] for a vendor that has none. */
  legalEntities(): LegalEntityOption[];
  /** 'several' where the vendor pages (the fixture starts enough people); 'one' where it answers once. */
  listingPages: 'several' | 'one';
  /** The listing requests, which the fault script hits. */
  listingPath: string | RegExp;
  /** Vendors with access tokens: where they are issued (a renewal shows up there). Null: static keys. */
  tokenPath: string | RegExp | null;
  /** Whether the vendor's throttle answer carries Retry-After when the script gives one. */
  throttleSendsRetryAfter: boolean;
  /**
   * Vendors with a change listing (fetchChangedEmployeePage): changes more people than fit a page
   * and returns their remote ids. Required when the connector has one.
   */
  changeMoreThanAPage?(): string[];
  /** Vendors that push (definition.push): the fake's subscriptions and notifications, as the vendor's. */
  push?: PushContractFake;
  faults: FaultScript;
  log: RequestLog;
  /** Values that must never appear in a workflow history (keys, secrets, key material, tokens issued). */
  secrets(): string[];
  close(): Promise<void>;
}

/** A vendor fake that manages subscriptions and sends notifications as the vendor does (test/connectors/push-contract.test.ts). */
export interface PushContractFake {
  /**
   * Changes one person in the fake (an edit a person in HR would make) and returns the remote id; the
   * fake then notifies every live subscription the way the vendor does (signed as the vendor signs).
   * Resolves once the notifications were sent (their answers received).
   */
  changeSomeone(): Promise<string>;
  /** The subscriptions the fake holds now. */
  subscriptions(): { id: string; callbackUrl: string; expiresAt: Date | null }[];
  /** The vendor drops a subscription (expired, removed by an admin, deliveries failed); where the vendor tells (Graph's lifecycle notifications), it tells. */
  dropSubscription(id: string): Promise<void>;
  /** Where the vendor's subscription API lives (in the request log). */
  subscriptionPath: string | RegExp;
  /**
   * Vendors whose subscriptions an admin creates in the vendor's UI (HrPushDefinition.createdBy
   * 'admin'): the admin adds one calling `callbackUrl` (the vendor checks the endpoint as it does)
   * and copies the secret the vendor shows; resolves to the credentials with that secret entered.
   */
  adminAddsWebhook?(callbackUrl: string): Promise<Record<string, unknown>>;
}

export interface ContractFixture {
  /** The registry id (connectors/registry.ts). */
  hrSystem: string;
  /**
   * Starts the vendor fake. Without a size: the suite's small directory, with page sizes small
   * enough to page. With one (the bench): that many people, at the vendor's own page sizes.
   */
  start(size?: ContractFakeSize): Promise<RunningContractFake>;
}

export const text = (v: unknown): string | null => (v === null || v === undefined || v === '' ? null : String(v));
export const count = (v: unknown): number | null => (text(v) === null ? null : Number(v));
