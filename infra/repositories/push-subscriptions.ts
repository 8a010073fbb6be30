// The push_subscriptions rows, shared by the subscription activities (which own them) and the
// receiver (which reads them and counts notifications). The secrets are encrypted with the
// credentials cipher, bound to the integration (a ciphertext copied elsewhere does not decrypt).
import crypto from 'node:crypto';
import type { PushSubscription as PushSubscriptionRow } from '../../generated/prisma/client';
import type { CredentialsCipher } from '../credentials-cipher';
import type { Db } from '../prisma';

export type { PushSubscriptionRow };

export interface PushSecrets {
  /** The secret the product generated and gave the vendor (clientState, channel token, signing key). */
  requestSecret: string;
  /** What notifications are verified against: the vendor's signing key where it issues one, else requestSecret. */
  verificationSecret: string;
}

/** How many event ids are remembered (a replay of anything older only coalesces). */
const RECENT_EVENT_IDS = 500;
const eventIdHash = (eventId: string) => crypto.createHash('sha256').update(eventId).digest('base64url').slice(0, 22);

const secretsAad = (integrationId: string) => `push-subscription:${integrationId}`;

/** 'rcv_' + 32 random bytes: the unguessable path segment of /hooks/<receiverId>. */
export const newReceiverId = () => `rcv_${crypto.randomBytes(32).toString('base64url')}`;
/** A fresh secret for one subscribe attempt (an orphan of an earlier attempt then fails verification). */
export const newPushSecret = () => crypto.randomBytes(32).toString('base64url');

export function encryptPushSecrets(cipher: CredentialsCipher, integrationId: string, secrets: PushSecrets): string {
  return cipher.encrypt({ ...secrets }, secretsAad(integrationId));
}

export function decryptPushSecrets(cipher: CredentialsCipher, row: Pick<PushSubscriptionRow, 'integrationId' | 'secretsCipher'>): PushSecrets {
  const plain = cipher.decrypt(row.secretsCipher, secretsAad(row.integrationId));
  return { requestSecret: String(plain.requestSecret), verificationSecret: String(plain.verificationSecret) };
}

/** The vendor's view of the stored subscription, as connectors/push.ts takes it. */
export function storedSubscription(cipher: CredentialsCipher, row: PushSubscriptionRow) {
  const secrets = decryptPushSecrets(cipher, row);
  return {
    subscription: {
      vendorSubscriptionId: row.vendorSubscriptionId ?? '',
      expiresAt: row.expiresAt,
      verificationSecret: secrets.verificationSecret,
      details: (row.details ?? {}) as Record<string, string>,
    },
    secrets,
  };
}

export function pushSubscriptions(db: Db) {
  return {
    byReceiverId: (receiverId: string) => db.pushSubscription.findUnique({ where: { receiverId }, include: { integration: { select: { id: true, companyId: true, hrSystem: true, status: true } } } }),
    byIntegrationId: (integrationId: string) => db.pushSubscription.findUnique({ where: { integrationId } }),

    /**
     * Counts a genuine notification (never its body) and remembers its events; true when every event
     * in it was accepted before (a replay: it causes nothing). Concurrent copies serialise on the row.
     */
    async recordAccepted(id: string, at: Date, eventIds: readonly string[]): Promise<{ replay: boolean }> {
      const hashes = eventIds.map(eventIdHash);
      const [row] = await db.$queryRaw<{ replay: boolean }[]>`
        WITH before AS (SELECT recent_event_ids FROM push_subscriptions WHERE id = ${id}::uuid FOR UPDATE)
        UPDATE push_subscriptions s SET
          last_notification_at = ${at},
          notifications_accepted = s.notifications_accepted + 1,
          recent_event_ids = (${hashes}::text[] || coalesce(s.recent_event_ids, ARRAY[]::text[]))[1:${RECENT_EVENT_IDS}::int],
          updated_at = now()
        FROM before WHERE s.id = ${id}::uuid
        RETURNING (cardinality(${hashes}::text[]) > 0 AND ${hashes}::text[] <@ coalesce(before.recent_event_ids, ARRAY[]::text[])) AS replay`;
      return { replay: row?.replay === true };
    },
    /** Takes back the events of a notification whose sync could not be started: the vendor's retry of it must count. */
    async forgetEvents(id: string, eventIds: readonly string[]): Promise<void> {
      if (eventIds.length === 0) return;
      const hashes = eventIds.map(eventIdHash);
      await db.$executeRaw`
        UPDATE push_subscriptions SET recent_event_ids = ARRAY(SELECT e FROM unnest(recent_event_ids) AS e WHERE NOT (e = ANY(${hashes}::text[]))) WHERE id = ${id}::uuid`;
    },
    /**
     * A delivery verified with the secret the admin entered (createdBy 'admin'): the webhook the admin
     * added works, PENDING becomes ACTIVE. True when it did now (the first such delivery).
     */
    async confirmAdminSubscription(id: string): Promise<boolean> {
      const { count } = await db.pushSubscription.updateMany({ where: { id, status: 'PENDING', vendorSubscriptionId: { not: null } }, data: { status: 'ACTIVE', lastError: null } });
      return count > 0;
    },
    async recordRejected(id: string): Promise<void> {
      await db.pushSubscription.update({ where: { id }, data: { notificationsRejected: { increment: 1 } } });
    },
  };
}
