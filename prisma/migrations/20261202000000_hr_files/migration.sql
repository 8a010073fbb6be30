-- HR file export (issue 13): the CSV exports an admin uploads (PUT /v1/integrations/:id/files), the
-- latest per integration being the listing the sync reads. The same file again (same SHA-256 as the
-- latest) stores nothing; only the newest few are kept (infra/repositories/hr-files.ts).
CREATE TABLE "hr_files" (
    "id" UUID NOT NULL,
    "integration_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "content_type" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "size_bytes" INTEGER NOT NULL,
    "row_count" INTEGER NOT NULL,
    "bytes" BYTEA NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "hr_files_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "hr_files_integration_id_fkey" FOREIGN KEY ("integration_id") REFERENCES "integrations"("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
CREATE INDEX "hr_files_integration_id_received_at_idx" ON "hr_files"("integration_id", "received_at");
