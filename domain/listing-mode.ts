// Which listing a sync makes. A complete listing reads every employee and is the only one that can
// see removals; a change listing reads what the HR system reports as changed since the last listing
// began, which for an unchanged company is one short request instead of every page. Complete
// listings stay due: the first one, after the fields, mapping or filters changed (another set of
// employees or values), at least once per FULL_LISTING_INTERVAL, and whenever an admin asks.
import { canonicalJson } from './content-hash';
import { createHash } from 'node:crypto';

export type ListingMode = 'FULL' | 'CHANGES';

/** A complete listing at least this often: removals are seen within a day. */
export const FULL_LISTING_INTERVAL_MS = 24 * 3600_000;
/**
 * Read changes from this much before the last listing began: clock skew between the HR system and
 * us, and records saved while that listing ran. Reading an unchanged employee twice writes nothing.
 */
export const CHANGES_OVERLAP_MS = 5 * 60_000;

export interface ListingState {
  /** The connector can list changes (not every HR system can). */
  supportsChanges: boolean;
  /** The admin asked for a complete listing. */
  fullRequested: boolean;
  changesSince: Date | null;
  lastFullListingAt: Date | null;
  /** listingConfigHash() of the configuration now, and of the one the last listing used. */
  configHash: string;
  lastConfigHash: string | null;
  now: Date;
}

export type ListingDecision = { mode: 'FULL'; reason: string } | { mode: 'CHANGES'; since: Date };

export function decideListing(s: ListingState): ListingDecision {
  if (!s.supportsChanges) return { mode: 'FULL', reason: 'the HR system cannot list changes' };
  if (s.fullRequested) return { mode: 'FULL', reason: 'a complete listing was requested' };
  if (!s.changesSince || !s.lastFullListingAt) return { mode: 'FULL', reason: 'a complete listing is due' };
  if (s.lastConfigHash !== s.configHash) return { mode: 'FULL', reason: 'the fields, mapping or filters changed' };
  if (s.now.getTime() - s.lastFullListingAt.getTime() >= FULL_LISTING_INTERVAL_MS) return { mode: 'FULL', reason: 'the daily complete listing is due' };
  return { mode: 'CHANGES', since: new Date(s.changesSince.getTime() - CHANGES_OVERLAP_MS) };
}

/** Fingerprint of what decides which employees and values a listing yields. */
export function listingConfigHash(config: { selectedFields: readonly string[]; mapping: unknown; filters: unknown }): string {
  const canonical = canonicalJson({ selectedFields: [...config.selectedFields].sort(), mapping: config.mapping ?? {}, filters: config.filters ?? {} });
  return createHash('sha256').update(canonical).digest('hex').slice(0, 32);
}
