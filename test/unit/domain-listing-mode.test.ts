import { CHANGES_OVERLAP_MS, decideListing, FULL_LISTING_INTERVAL_MS, listingConfigHash, type ListingState } from '../../domain/listing-mode';

describe('which listing a sync makes', () => {
  const now = new Date('2026-11-27T12:00:00Z');
  const config = { selectedFields: ['firstName', 'email'], mapping: { numberOfChildren: 'dynamic_1' }, filters: { legalEntityIds: ['1'] } };
  const base: ListingState = {
    supportsChanges: true,
    fullRequested: false,
    changesSince: new Date('2026-11-27T08:00:00Z'),
    lastFullListingAt: new Date('2026-11-27T04:00:00Z'),
    configHash: listingConfigHash(config),
    lastConfigHash: listingConfigHash(config),
    now,
  };

  it('lists changes since shortly before the last listing began', () => {
    expect(decideListing(base)).toEqual({ mode: 'CHANGES', since: new Date(Date.parse('2026-11-27T08:00:00Z') - CHANGES_OVERLAP_MS) });
  });

  it.each<[string, Partial<ListingState>, string]>([
    ['the connector cannot list changes', { supportsChanges: false }, 'the HR system cannot list changes'],
    ['the admin asked for a complete listing', { fullRequested: true }, 'a complete listing was requested'],
    ['there was no listing yet', { changesSince: null, lastFullListingAt: null }, 'a complete listing is due'],
    ['only change listings ran so far', { lastFullListingAt: null }, 'a complete listing is due'],
    ['the filters changed', { configHash: listingConfigHash({ ...config, filters: {} }) }, 'the fields, mapping or filters changed'],
    ['the last complete listing is a day old', { lastFullListingAt: new Date(now.getTime() - FULL_LISTING_INTERVAL_MS) }, 'the daily complete listing is due'],
  ])('lists everything when %s', (_case, change, reason) => {
    expect(decideListing({ ...base, ...change })).toEqual({ mode: 'FULL', reason });
  });

  it('fingerprints the configuration, not the order the fields were chosen in', () => {
    expect(listingConfigHash({ ...config, selectedFields: ['email', 'firstName'] })).toBe(listingConfigHash(config));
    expect(listingConfigHash({ ...config, selectedFields: ['email'] })).not.toBe(listingConfigHash(config));
    expect(listingConfigHash({ ...config, mapping: {} })).not.toBe(listingConfigHash(config));
  });
});
