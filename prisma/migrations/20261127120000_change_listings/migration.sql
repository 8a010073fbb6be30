-- Resyncs read only what changed (the HR system's "updated since" listing) between complete
-- listings, which still run at least daily to see removals. The integration remembers from when
-- the next change listing must read, when the last complete listing ran, and the configuration
-- (fields, mapping, filters) it was made with: a new configuration needs a complete listing.
ALTER TABLE "integrations" ADD COLUMN "changes_since" TIMESTAMPTZ(3);
ALTER TABLE "integrations" ADD COLUMN "last_full_listing_at" TIMESTAMPTZ(3);
ALTER TABLE "integrations" ADD COLUMN "listing_config_hash" TEXT;
-- Which listing a run made: FULL (every employee, removals checked) or CHANGES.
ALTER TABLE "sync_runs" ADD COLUMN "listing" TEXT NOT NULL DEFAULT 'FULL';
