-- Initial data model: companies (tenants), integrations, sync runs, employees, invites,
-- benefits, vouchers and an anonymised audit log.

CREATE TYPE "IntegrationStatus" AS ENUM ('DRAFT', 'ACTIVE', 'ERROR', 'DISCONNECTED');
CREATE TYPE "SyncTrigger" AS ENUM ('SCHEDULE', 'MANUAL', 'ACTIVATION');
CREATE TYPE "SyncStatus" AS ENUM ('RUNNING', 'SUCCEEDED', 'FAILED', 'NEEDS_REVIEW', 'SKIPPED', 'CANCELLED');
CREATE TYPE "EmployeeStatus" AS ENUM ('ACTIVE', 'LEAVING_PLANNED', 'LEFT');
CREATE TYPE "InviteStatus" AS ENUM ('PENDING', 'SENT', 'FAILED');
CREATE TYPE "BenefitType" AS ENUM ('MONTHLY_VOUCHER', 'RECREATION_ALLOWANCE', 'INTERNET_ALLOWANCE');
CREATE TYPE "BenefitStatus" AS ENUM ('ACTIVE', 'DEACTIVATED');
CREATE TYPE "VoucherStatus" AS ENUM ('SELECTED', 'REDEEMED');

CREATE TABLE "companies" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "timezone" TEXT NOT NULL DEFAULT 'Europe/Berlin',
    "api_key_hash" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "companies_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "companies_api_key_hash_key" ON "companies"("api_key_hash");

CREATE TABLE "integrations" (
    "id" UUID NOT NULL,
    "company_id" UUID NOT NULL,
    "hr_system" TEXT NOT NULL,
    "status" "IntegrationStatus" NOT NULL DEFAULT 'DRAFT',
    "credentials_cipher" TEXT,
    "credentials_checked_at" TIMESTAMPTZ(3),
    "selected_fields" TEXT[],
    "mapping" JSONB NOT NULL DEFAULT '{}',
    "filters" JSONB NOT NULL DEFAULT '{}',
    "auto_invite" BOOLEAN NOT NULL DEFAULT false,
    "sync_interval_minutes" INTEGER NOT NULL DEFAULT 240,
    "mass_removal_max_share" DOUBLE PRECISION NOT NULL DEFAULT 0.2,
    "mass_removal_min_count" INTEGER NOT NULL DEFAULT 5,
    "options" JSONB,
    "options_fetched_at" TIMESTAMPTZ(3),
    "follow_up_requested" BOOLEAN NOT NULL DEFAULT false,
    "last_error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "activated_at" TIMESTAMPTZ(3),
    "disconnected_at" TIMESTAMPTZ(3),
    CONSTRAINT "integrations_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "integrations_company_id_fkey" FOREIGN KEY ("company_id") REFERENCES "companies"("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
CREATE INDEX "integrations_company_id_idx" ON "integrations"("company_id");
-- One connected integration per company at a time (not expressible in schema.prisma).
CREATE UNIQUE INDEX "integrations_one_connected_per_company" ON "integrations"("company_id") WHERE "status" <> 'DISCONNECTED';

CREATE TABLE "sync_runs" (
    "id" UUID NOT NULL,
    "integration_id" UUID NOT NULL,
    "company_id" UUID NOT NULL,
    "trigger" "SyncTrigger" NOT NULL,
    "status" "SyncStatus" NOT NULL DEFAULT 'RUNNING',
    "workflow_id" TEXT,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),
    "count_read" INTEGER NOT NULL DEFAULT 0,
    "count_created" INTEGER NOT NULL DEFAULT 0,
    "count_updated" INTEGER NOT NULL DEFAULT 0,
    "count_unchanged" INTEGER NOT NULL DEFAULT 0,
    "count_filtered_out" INTEGER NOT NULL DEFAULT 0,
    "count_invalid" INTEGER NOT NULL DEFAULT 0,
    "count_removed" INTEGER NOT NULL DEFAULT 0,
    "warnings" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "error" TEXT,
    "pending_removal_ids" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "confirmed_at" TIMESTAMPTZ(3),
    CONSTRAINT "sync_runs_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "sync_runs_integration_id_fkey" FOREIGN KEY ("integration_id") REFERENCES "integrations"("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
CREATE INDEX "sync_runs_integration_id_started_at_idx" ON "sync_runs"("integration_id", "started_at");
-- Single flight: at most one running sync per integration, whoever started it.
CREATE UNIQUE INDEX "sync_runs_one_running_per_integration" ON "sync_runs"("integration_id") WHERE "status" = 'RUNNING';

CREATE TABLE "employees" (
    "id" UUID NOT NULL,
    "company_id" UUID NOT NULL,
    "integration_id" UUID NOT NULL,
    "remote_id" TEXT NOT NULL,
    "status" "EmployeeStatus" NOT NULL DEFAULT 'ACTIVE',
    "hr_status" TEXT,
    "first_name" TEXT,
    "last_name" TEXT,
    "email" TEXT,
    "personnel_number" TEXT,
    "employment_type" TEXT,
    "hire_date" TEXT,
    "leaving_date" TEXT,
    "last_working_month" TEXT,
    "benefits_end_at" TIMESTAMPTZ(3),
    "gender" TEXT,
    "legal_entity_id" TEXT,
    "legal_entity_name" TEXT,
    "marital_status" TEXT,
    "number_of_children" INTEGER,
    "content_hash" TEXT,
    "removed_at" TIMESTAMPTZ(3),
    "left_at" TIMESTAMPTZ(3),
    "invited_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "employees_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "employees_company_id_fkey" FOREIGN KEY ("company_id") REFERENCES "companies"("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "employees_integration_id_fkey" FOREIGN KEY ("integration_id") REFERENCES "integrations"("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "employees_integration_id_remote_id_key" ON "employees"("integration_id", "remote_id");
CREATE INDEX "employees_company_id_status_idx" ON "employees"("company_id", "status");
CREATE INDEX "employees_company_id_email_idx" ON "employees"("company_id", "email");

CREATE TABLE "invites" (
    "id" UUID NOT NULL,
    "company_id" UUID NOT NULL,
    "employee_id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "status" "InviteStatus" NOT NULL DEFAULT 'PENDING',
    "error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sent_at" TIMESTAMPTZ(3),
    CONSTRAINT "invites_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "invites_employee_id_fkey" FOREIGN KEY ("employee_id") REFERENCES "employees"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "invites_employee_id_key" ON "invites"("employee_id");
CREATE INDEX "invites_company_id_created_at_idx" ON "invites"("company_id", "created_at");

CREATE TABLE "benefits" (
    "id" UUID NOT NULL,
    "company_id" UUID NOT NULL,
    "employee_id" UUID NOT NULL,
    "type" "BenefitType" NOT NULL,
    "status" "BenefitStatus" NOT NULL DEFAULT 'ACTIVE',
    "amount_cents" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "ended_at" TIMESTAMPTZ(3),
    CONSTRAINT "benefits_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "benefits_employee_id_fkey" FOREIGN KEY ("employee_id") REFERENCES "employees"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "benefits_employee_id_idx" ON "benefits"("employee_id");

CREATE TABLE "vouchers" (
    "id" UUID NOT NULL,
    "company_id" UUID NOT NULL,
    "employee_id" UUID NOT NULL,
    "benefit_id" UUID NOT NULL,
    "month" TEXT NOT NULL,
    "amount_cents" INTEGER NOT NULL,
    "status" "VoucherStatus" NOT NULL DEFAULT 'SELECTED',
    "selected_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "redeemed_at" TIMESTAMPTZ(3),
    CONSTRAINT "vouchers_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "vouchers_employee_id_fkey" FOREIGN KEY ("employee_id") REFERENCES "employees"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "vouchers_benefit_id_fkey" FOREIGN KEY ("benefit_id") REFERENCES "benefits"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "vouchers_benefit_id_month_key" ON "vouchers"("benefit_id", "month");
CREATE INDEX "vouchers_employee_id_month_idx" ON "vouchers"("employee_id", "month");

CREATE TABLE "audit_entries" (
    "id" UUID NOT NULL,
    "company_id" UUID NOT NULL,
    "action" TEXT NOT NULL,
    "subject_id" TEXT NOT NULL,
    "details" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "audit_entries_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "audit_entries_company_id_created_at_idx" ON "audit_entries"("company_id", "created_at");
