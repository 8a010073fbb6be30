// Every HR system that pushes (definition.push in the registry), end to end against its vendor fake
// (its contract fixture): activation subscribes at the vendor with the receiver's URL (handshakes
// answered by /hooks), a change in the fake asks for a sync that runs and succeeds, disconnect
// deletes the subscription at the vendor.
import { loadContractFixture } from '../../connectors/kit/fake/fixtures';
import { hrSystems } from '../../connectors/registry';
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

      const row = await subscriptionWithStatus(db, integrationId, 'ACTIVE', 60_000).catch(async (err: Error) => {
        const now = await db.pushSubscription.findUnique({ where: { integrationId } });
        throw new Error(`${err.message}: ${now?.status} ${now?.lastError}`);
      });
      const receiverUrl = `${product.publicUrl}/hooks/${row.receiverId}`;
      // One subscription, or one per event where the vendor subscribes events one by one (Factorial, Google's channels).
      expect(vendor.push!.subscriptions().filter((s) => s.callbackUrl.startsWith(receiverUrl)).map((s) => s.id)).toContain(row.vendorSubscriptionId);

      await vendor.push!.changeSomeone();
      const run = await eventually('a sync asked for by the notification', async () => db.syncRun.findFirst({ where: { integrationId, trigger: 'PUSH', status: { not: 'RUNNING' } } }), 60_000);
      expect(run.status).toBe('SUCCEEDED');
      expect((await db.pushSubscription.findUniqueOrThrow({ where: { integrationId } })).notificationsRejected).toBe(0);

      const disconnected = await product.app.inject({ method: 'DELETE', url: `/v1/integrations/${integrationId}`, headers: bearer(apiKey) });
      expect(disconnected.json().push.status).toBe('DELETED');
      expect(vendor.push!.subscriptions().filter((s) => s.callbackUrl.startsWith(receiverUrl))).toEqual([]);
    } finally {
      await vendor.close();
    }
  });
});
