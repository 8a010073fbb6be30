-- Changes within a minute (issue 14): the HR system's push subscription of each integration, owned by
-- the workflow integration-subscription-<integrationId>, and the mark that coalesces notifications
-- into one sync. Notification bodies are never stored; the secrets are AES-256-GCM ciphertext.
ALTER TYPE "SyncTrigger" ADD VALUE 'PUSH';

CREATE TYPE "PushSubscriptionStatus" AS ENUM ('PENDING', 'ACTIVE', 'DOWN', 'DELETED');

ALTER TABLE "integrations" ADD COLUMN "push_sync_requested_at" TIMESTAMPTZ(3);

CREATE TABLE "push_subscriptions" (
    "id" UUID NOT NULL,
    "integration_id" UUID NOT NULL,
    "company_id" UUID NOT NULL,
    "receiver_id" TEXT NOT NULL,
    "status" "PushSubscriptionStatus" NOT NULL DEFAULT 'PENDING',
    "vendor_subscription_id" TEXT,
    "expires_at" TIMESTAMPTZ(3),
    "secrets_cipher" TEXT NOT NULL,
    "details" JSONB NOT NULL DEFAULT '{}',
    "subscribed_at" TIMESTAMPTZ(3),
    "renewed_at" TIMESTAMPTZ(3),
    "last_notification_at" TIMESTAMPTZ(3),
    "notifications_accepted" INTEGER NOT NULL DEFAULT 0,
    "notifications_rejected" INTEGER NOT NULL DEFAULT 0,
    "recent_event_ids" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "last_error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "push_subscriptions_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "push_subscriptions_integration_id_fkey" FOREIGN KEY ("integration_id") REFERENCES "integrations"("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "push_subscriptions_integration_id_key" ON "push_subscriptions"("integration_id");
CREATE UNIQUE INDEX "push_subscriptions_receiver_id_key" ON "push_subscriptions"("receiver_id");
CREATE INDEX "push_subscriptions_company_id_idx" ON "push_subscriptions"("company_id");
