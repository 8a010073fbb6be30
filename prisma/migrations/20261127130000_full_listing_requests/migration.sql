-- An admin's request for a complete listing is remembered until a complete listing that began after
-- it has finished (also when the request only coalesced into a follow-up of a running sync), without
-- touching when the last complete listing ran.
ALTER TABLE "integrations" ADD COLUMN "full_listing_requested_at" TIMESTAMPTZ(3);
-- A run's listing is known once it has decided it: runs that never listed (skipped, failed before
-- the listing began) have none.
ALTER TABLE "sync_runs" ALTER COLUMN "listing" DROP NOT NULL;
ALTER TABLE "sync_runs" ALTER COLUMN "listing" DROP DEFAULT;
