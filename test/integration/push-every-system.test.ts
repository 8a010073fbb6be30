// Every HR system that pushes (definition.push in the registry), end to end against its vendor fake
// (its contract fixture): activation subscribes at the vendor with the receiver's URL (handshakes
// answered by /hooks), a change in the fake asks for a sync that runs and succeeds, disconnect
// deletes the subscription at the vendor. Where an admin creates the webhook in the vendor's UI (HiBob):
// the admin pastes the address the integration shows and enters the secret the vendor shows; the
// first signed delivery makes push ACTIVE; after disconnect the webhook stays at the vendor and gets 410.
import { loadContractFixture } from '../../connectors/kit/fake/fixtures';
import { findHrSystem, hrSystems } from '../../connectors/registry';
import { bearer, createCompany } from '../support/api';
import { eventually, startPushProduct, subscriptionWithStatus, type PushProduct } from '../support/push-harness';
import { waitForSyncRun } from '../support/sync-helpers';

const pushSystems = hrSystems.filter((s) => s.status === 'available' && s.push).map((s) => [s.id] as const);

describe('every system that pushes, through the product', () => {
  let product: PushProduct;
  beforeAll(async () => {
    product = await startPushProduct();
  });
  afterAll(async () => {
    await product?.stop();
  });

  it('includes Personio', () => expect(pushSystems.map(([id]) => id)).toContain('personio'));

  it.each(pushSystems)('%s: subscribed on activation, a change syncs, disconnect unsubscribes', async (hrSystem) => {
    const vendor = await loadContractFixture(hrSystem).start();
    try {
      const db = product.database.db;
      const { apiKey } = await createCompany(product.app, `Push ${hrSystem}`);
      const created = await product.app.inject({ method: 'POST', url: '/v1/integrations', headers: bearer(apiKey), payload: { hrSystem } });
      const integrationId = created.json().id as string;
      const creds = await product.app.inject({ method: 'PUT', url: `/v1/integrations/${integrationId}/credentials`, headers: bearer(apiKey), payload: vendor.credentials });
      expect(creds.statusCode).toBe(200);
      const activated = await product.app.inject({ method: 'POST', url: `/v1/integrations/${integrationId}/activate`, headers: bearer(apiKey) });
      expect(activated.statusCode).toBe(202);
      await waitForSyncRun(db, activated.json().syncRunId, 120_000);
      const view = async () => (await product.app.inject({ method: 'GET', url: `/v1/integrations/${integrationId}`, headers: bearer(apiKey) })).json();

      const adminCreates = findHrSystem(hrSystem)!.push!.createdBy === 'admin';
      if (adminCreates) {
        const callbackUrl = await eventually('the webhook address shown to the admin', async () => (await view()).push.callbackUrl as string | null, 60_000);
        const withSecret = await vendor.push!.adminAddsWebhook!(callbackUrl);
        const entered = await product.app.inject({ method: 'PUT', url: `/v1/integrations/${integrationId}/credentials`, headers: bearer(apiKey), payload: withSecret });
        expect(entered.statusCode).toBe(200);
        // Taken, but not proven until a signed delivery arrives.
        await eventually('the secret taken', async () => (await db.pushSubscription.findUnique({ where: { integrationId } }))?.vendorSubscriptionId, 60_000);
        expect((await view()).push.status).toBe('PENDING');
        await vendor.push!.changeSomeone();
      }

      const row = await subscriptionWithStatus(db, integrationId, 'ACTIVE', 60_000).catch(async (err: Error) => {
        const now = await db.pushSubscription.findUnique({ where: { integrationId } });
        throw new Error(`${err.message}: ${now?.status} ${now?.lastError}`);
      });
      const receiverUrl = `${product.publicUrl}/hooks/${row.receiverId}`;
      // One subscription, or one per event where the vendor subscribes events one by one (Factorial, Google's channels).
      const held = vendor.push!.subscriptions().filter((s) => s.callbackUrl.startsWith(receiverUrl));
      if (adminCreates) expect(held).toHaveLength(1);
      else expect(held.map((s) => s.id)).toContain(row.vendorSubscriptionId);

      await vendor.push!.changeSomeone();
      const run = await eventually('a sync asked for by the notification', async () => db.syncRun.findFirst({ where: { integrationId, trigger: 'PUSH', status: { not: 'RUNNING' } } }), 60_000);
      expect(run.status).toBe('SUCCEEDED');
      expect((await db.pushSubscription.findUniqueOrThrow({ where: { integrationId } })).notificationsRejected).toBe(0);

      const disconnected = await product.app.inject({ method: 'DELETE', url: `/v1/integrations/${integrationId}`, headers: bearer(apiKey) });
      expect(disconnected.json().push.status).toBe('DELETED');
      if (adminCreates) {
        // Only the admin can remove it in the vendor's UI; the product refuses what it still sends.
        expect(vendor.push!.subscriptions().filter((s) => s.callbackUrl.startsWith(receiverUrl))).toHaveLength(1);
        expect((await fetch(receiverUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status).toBe(410);
      } else {
        expect(vendor.push!.subscriptions().filter((s) => s.callbackUrl.startsWith(receiverUrl))).toEqual([]);
      }
    } finally {
      await vendor.close();
    }
  });
});
