// What the receiver remembers of the events it accepted (infra/repositories/push-subscriptions.ts),
// on real PostgreSQL: a repeat of the same events is a replay, concurrent copies count once, and
// events whose sync could not be started (our 503) are forgotten so the vendor's retry counts again.
import { newReceiverId, pushSubscriptions } from '../../infra/repositories/push-subscriptions';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { seedCompany } from '../support/lifecycle-fixtures';

describe('the events a push subscription remembers', () => {
  let database: TestDatabase;
  let subscriptionId: string;
  const rows = () => pushSubscriptions(database.db);

  beforeAll(async () => {
    database = await createTestDatabase();
    const { companyId, integrationId } = await seedCompany(database.db);
    subscriptionId = (await database.db.pushSubscription.create({ data: { integrationId, companyId, receiverId: newReceiverId(), secretsCipher: 'v1.x.y.z' } })).id;
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('a repeat of accepted events is a replay; new events among them are not', async () => {
    expect(await rows().recordAccepted(subscriptionId, new Date(), ['evt-1', 'evt-2'])).toEqual({ replay: false });
    expect(await rows().recordAccepted(subscriptionId, new Date(), ['evt-2', 'evt-1'])).toEqual({ replay: true });
    expect(await rows().recordAccepted(subscriptionId, new Date(), ['evt-2', 'evt-3'])).toEqual({ replay: false });
    // A notification without event ids cannot be recognised: never a replay.
    expect(await rows().recordAccepted(subscriptionId, new Date(), [])).toEqual({ replay: false });
    const row = await database.db.pushSubscription.findUniqueOrThrow({ where: { id: subscriptionId } });
    expect(row.notificationsAccepted).toBe(4);
    expect(row.recentEventIds.join(' ')).not.toContain('evt-'); // hashes only
  });

  it('ten concurrent copies of one notification: exactly one is not a replay', async () => {
    const answers = await Promise.all(Array.from({ length: 10 }, () => rows().recordAccepted(subscriptionId, new Date(), ['evt-concurrent'])));
    expect(answers.filter((a) => !a.replay)).toHaveLength(1);
  });

  it('forgotten events count again (the vendor retries after our 503)', async () => {
    await rows().recordAccepted(subscriptionId, new Date(), ['evt-failed']);
    await rows().forgetEvents(subscriptionId, ['evt-failed']);
    expect(await rows().recordAccepted(subscriptionId, new Date(), ['evt-failed'])).toEqual({ replay: false });
    expect(await rows().recordAccepted(subscriptionId, new Date(), ['evt-1'])).toEqual({ replay: true });
  });
});
