-- Where a sync attempt resumes: written in the transaction of the batch it describes, so a worker
-- killed at any moment leaves the exact point after the last committed batch (a heartbeat may never
-- have reached the server).
ALTER TABLE "sync_runs" ADD COLUMN "resume_progress" JSONB;
-- People who had left before the integration's first complete listing: counted, never imported.
ALTER TABLE "sync_runs" ADD COLUMN "count_former_employees" INTEGER NOT NULL DEFAULT 0;
-- When this integration first listed every employee: whoever left in a month that had ended by then
-- is former staff, not a leaver.
ALTER TABLE "integrations" ADD COLUMN "first_complete_listing_at" TIMESTAMPTZ(3);
UPDATE "integrations" i
   SET "first_complete_listing_at" = COALESCE(
         (SELECT MIN(r."started_at") FROM "sync_runs" r
           WHERE r."integration_id" = i."id" AND r."listing" = 'FULL' AND r."status" IN ('SUCCEEDED', 'NEEDS_REVIEW')),
         i."last_full_listing_at")
 WHERE i."last_full_listing_at" IS NOT NULL;
