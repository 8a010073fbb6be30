-- The sync's handoff to the leaving lifecycles is an outbox: a leaving change is marked on the
-- employee row in the same transaction that writes it, and a per-company handoff workflow starts or
-- updates the lifecycles afterwards, outside the listing. The version lets the handoff clear only
-- what it sent: a change written meanwhile stays pending.
ALTER TABLE "employees" ADD COLUMN "leaving_handoff_pending" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "employees" ADD COLUMN "leaving_handoff_version" INTEGER NOT NULL DEFAULT 0;
CREATE INDEX "employees_leaving_handoff_pending" ON "employees"("company_id", "id") WHERE "leaving_handoff_pending";
