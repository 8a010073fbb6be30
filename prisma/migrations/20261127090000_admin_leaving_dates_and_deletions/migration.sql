-- Where an employee's leaving date came from: an admin's date survives syncs until the HR system
-- has a date of its own.
ALTER TABLE "employees" ADD COLUMN "leaving_date_source" TEXT;

-- Employees an admin deleted for good: a hash of their HR id keeps a sync from importing their
-- personal data again. No personal data is kept.
CREATE TABLE "deleted_employees" (
    "id" UUID NOT NULL,
    "company_id" UUID NOT NULL,
    "remote_id_hash" TEXT NOT NULL,
    "deleted_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "deleted_employees_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "deleted_employees_company_id_remote_id_hash_key" ON "deleted_employees"("company_id", "remote_id_hash");
