// The public endpoint HR systems post their change notifications to: /hooks/<receiverId>, one
// unguessable id per integration, outside /v1's bearer keys. The vendor's own proof (signature,
// client state, channel token) is checked against the stored subscription before anything else
// happens; a genuine notification only asks for a coalesced change sync (infra/push-sync.ts) or tells
// the subscription workflow what the vendor said. The body is never stored nor passed on.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { findHrSystem } from '../../connectors/registry';
import type { HrSystemDefinition } from '../../connectors/types';
import { decidePushSync, startPushSyncWorkflow, withdrawPushSync } from '../../infra/push-sync';
import { pushSubscriptions, storedSubscription } from '../../infra/repositories/push-subscriptions';
import { signalSubscriptionEvent } from '../../infra/subscription-workflows';
import type { AppDeps } from '../deps';
import { ApiError } from '../errors';
import { errorBody, errorResponses } from '../schemas/common';
import { temporalCalls } from '../temporal-calls';

/** Notifications are small (most vendors send ids only); anything larger is refused unread. */
export const NOTIFICATION_BODY_LIMIT_BYTES = 256 * 1024;
// The push interface's shapes, through the connectors' public surface (types.ts).
type Verify = NonNullable<HrSystemDefinition['push']>['verifyNotification'];
type IncomingNotification = Parameters<Verify>[0];
type NotificationVerdict = ReturnType<Verify>;


const accepted = z.object({ accepted: z.literal(true) }).describe('Genuine: a change sync is asked for (coalesced with the running one), or the subscription is looked after');
const RECEIVER_ID = /^rcv_[A-Za-z0-9_-]{43}$/;
const receiverParams = z.object({ receiverId: z.string().regex(RECEIVER_ID, "must be a receiver id ('rcv_' + 43 base64url characters)").describe("The receiver id of the integration's subscription") });

const gone = () => new ApiError(410, 'integration_disconnected', 'This integration is disconnected: it takes no more notifications.');
const unknownReceiver = () => new ApiError(404, 'not_found', 'No subscription receives notifications here.');

function notificationOf(req: { method: string; headers: Record<string, string | string[] | undefined>; query: unknown; body: unknown }, receivedAt: Date): IncomingNotification {
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(req.headers)) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  const query: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries((req.query ?? {}) as Record<string, unknown>)) query[name] = Array.isArray(value) ? value.map(String).join(',') : value === undefined ? undefined : String(value);
  return { method: req.method, headers, query, rawBody: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0), receivedAt };
}

export function pushReceiverRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const taskQueue = deps.config.TEMPORAL_TASK_QUEUE;
  const temporal = temporalCalls(deps.temporal);
  const rows = pushSubscriptions(deps.db);
  return async (app) => {
    // Signatures are over the exact bytes received: every body stays a Buffer, whatever its type.
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: NOTIFICATION_BODY_LIMIT_BYTES }, (_req, body, done) => done(null, body));

    app.route({
      method: ['POST', 'GET'],
      url: '/hooks/:receiverId',
      bodyLimit: NOTIFICATION_BODY_LIMIT_BYTES,
      schema: {
        tags: ['push'],
        summary: 'Change notifications from the HR system (public: no API key; verified by the HR system’s own signature, client state or channel token)',
        description:
          'The address the product registers at the HR system when it subscribes to its changes. A notification is verified before anything happens; ' +
          'a genuine one asks for a change sync of the integration, coalesced with the running one. Its body is never stored. ' +
          'GET and POST: some HR systems check the endpoint first (validation token, challenge) and get exactly the answer they expect (200).',
        security: [],
        params: receiverParams,
        response: {
          200: z.string().describe('The handshake answer the HR system expects (e.g. the validation token as text/plain)'),
          202: accepted,
          400: errorBody.describe('The path is not a receiver id (error = invalid_request)'),
          401: errorBody.describe('The notification is not from the HR system (no or a wrong signature, foreign client state or channel, stale timestamp): nothing happens (error = notification_rejected)'),
          404: errorResponses[404],
          410: errorBody.describe('The integration is disconnected (error = integration_disconnected); HR systems then drop the subscription'),
          413: errorBody.describe(`The body is larger than ${NOTIFICATION_BODY_LIMIT_BYTES / 1024} KiB`),
          414: errorResponses[414],
          503: errorResponses[503],
        },
      },
      handler: async (req, reply) => {
        const receivedAt = new Date();
        const { receiverId } = req.params as { receiverId: string };
        const row = await rows.byReceiverId(receiverId);
        if (!row) throw unknownReceiver();
        const push = findHrSystem(row.integration.hrSystem)?.push;
        if (row.integration.status === 'DISCONNECTED' || row.status === 'DELETED' || !push) throw gone();

        let verdict: NotificationVerdict;
        try {
          verdict = push.verifyNotification(notificationOf(req, receivedAt), storedSubscription(deps.cipher, row).subscription);
        } catch (err) {
          verdict = { kind: 'rejected', reason: `the verifier failed: ${(err as Error).message}` };
        }
        if (verdict.kind === 'rejected') {
          req.log.info({ integrationId: row.integrationId, reason: verdict.reason }, 'push notification rejected');
          await rows.recordRejected(row.id);
          throw new ApiError(401, 'notification_rejected', 'The notification could not be verified as coming from the HR system.');
        }
        if (verdict.kind === 'handshake') return reply.code(verdict.status as 200).type(verdict.contentType).serializer((p: unknown) => String(p)).send(verdict.body);

        const eventIds = verdict.kind === 'changes' ? verdict.eventIds : [];
        const { replay } = await rows.recordAccepted(row.id, receivedAt, eventIds);
        const integration = row.integration;
        if (push.createdBy === 'admin' && row.status === 'PENDING' && (await rows.confirmAdminSubscription(row.id))) {
          // The first delivery signed with the admin's secret: the webhook works. The workflow records it and
          // relaxes the schedule; should the signal not get through, its next check does.
          await signalSubscriptionEvent(deps.temporal, taskQueue, integration, 'recreate').catch((err: unknown) =>
            req.log.warn({ err, integrationId: integration.id }, 'could not tell the subscription workflow that the admin-created webhook works'),
          );
        }
        if (replay) {
          // Every event in it was accepted before: nothing more to do.
        } else if (verdict.kind === 'changes' || (verdict.kind === 'subscription' && verdict.event === 'missed')) {
          const decision = await decidePushSync(deps.db, integration.id, receivedAt);
          if (decision.action === 'start') {
            try {
              await temporal.untilAccepted(() => startPushSyncWorkflow(deps.temporal, taskQueue, integration, { startDelayMs: decision.startDelayMs }));
            } catch (err) {
              // Nothing started: take the mark and the events back; the HR system delivers again after our 503.
              await withdrawPushSync(deps.db, integration.id, receivedAt);
              await rows.forgetEvents(row.id, eventIds);
              throw err;
            }
          }
        } else if (verdict.kind === 'subscription') {
          const event = verdict.event === 'renew' ? 'renew' : 'recreate';
          await temporal.untilAccepted(() => signalSubscriptionEvent(deps.temporal, taskQueue, integration, event));
        }
        return reply.code(202).send({ accepted: true as const });
      },
    });
  };
}
