// Running an integration: activate (Schedule + first sync), sync now, sync history, confirm a held
// mass removal, disconnect.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CONFIRM_REMOVALS_WORKFLOW_TYPE, confirmRemovalsWorkflowId, type ConfirmRemovalsWorkflow } from '../../contracts/confirm-removals';
import { findHrSystem } from '../../connectors/registry';
import { deleteSubscriptionThroughWorkflow, ensureSubscriptionWorkflow } from '../../infra/subscription-workflows';
import { startSyncWorkflow } from '../../infra/sync-workflows';
import { deleteIntegrationSchedule, upsertIntegrationSchedule } from '../../infra/temporal-schedules';
import { companyOf } from '../auth';
import type { AppDeps } from '../deps';
import { ApiError, conflict, notFound } from '../errors';
import { loadIntegrationView } from '../integration-view';
import { decodeInstantIdCursor, instantIdCursor, pageOf } from '../pagination';
import { presentSyncRun } from '../presenters';
import { errorResponses, idParams, listOf, listQuery } from '../schemas/common';
import { integration, syncQuery, syncRun } from '../schemas/integration';
import { TEMPORAL_ACCEPT_DEADLINE_MS, temporalCalls, withTemporalDeadline } from '../temporal-calls';
import { integrationOfCompany } from '../tenancy';

const syncAccepted = z.object({ syncRunId: z.uuid() });
/** How long a disconnect waits for the HR system to delete the push subscription before it goes on. */
const SUBSCRIPTION_DELETE_WAIT_MS = 10_000;

export function integrationSyncRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const taskQueue = deps.config.TEMPORAL_TASK_QUEUE;
  const temporal = temporalCalls(deps.temporal);
  return async (app) => {
    app.post(
      '/integrations/:id/activate',
      { schema: { tags: ['sync'], summary: 'Step 6: activate; the Schedule is created and the first sync starts at once', params: idParams, response: { 202: syncAccepted, 403: errorResponses[403], 409: errorResponses[409] } } },
      async (req, reply) => {
        const { companyId } = companyOf(req);
        const row = await integrationOfCompany(deps.db, companyId, req.params.id);
        if (row.status === 'DISCONNECTED') throw conflict('integration_disconnected', 'A disconnected integration cannot be activated; start a new one.');
        if (!row.credentialsCipher) throw conflict('credentials_missing', `Step 3 is missing: enter the credentials first (PUT /v1/integrations/${row.id}/credentials).`, { missingStep: 'credentials' });
        // ACTIVE first: the first sync checks it. Should Temporal not take the Schedule and the sync,
        // the integration goes back to what it was (DRAFT, or ERROR with its reason).
        const activatedAt = row.activatedAt ?? new Date();
        const active = await deps.db.integration.update({ where: { id: row.id }, data: { status: 'ACTIVE', activatedAt, lastError: null } });
        try {
          const syncRunId = await temporal.untilAccepted(async () => {
            const schedule = await upsertIntegrationSchedule(deps.temporal, taskQueue, active);
            try {
              return await startSyncWorkflow(deps.temporal, taskQueue, active, 'ACTIVATION');
            } catch (err) {
              // A Schedule of a DRAFT integration would only start syncs that end at once; the reconciler removes a leftover.
              if (schedule === 'created' && row.status === 'DRAFT') await deleteIntegrationSchedule(deps.temporal, row.id).catch(() => false);
              throw err;
            }
          });
          if (findHrSystem(active.hrSystem)?.push) {
            // The workflow that owns the HR system's push subscription; should it not start now, the reconciler starts it.
            await withTemporalDeadline(deps.temporal, TEMPORAL_ACCEPT_DEADLINE_MS, () => ensureSubscriptionWorkflow(deps.temporal, taskQueue, active)).catch((err: unknown) =>
              req.log.warn({ err }, 'could not start the push subscription workflow; the reconciler will'),
            );
          }
          return reply.code(202).send({ syncRunId });
        } catch (err) {
          // workflow_service_timeout: Temporal may still have taken the Schedule and the first sync, so
          // the integration stays ACTIVE (as the answer says, the change may still take effect; the
          // reconciler creates a missing Schedule). Undone, a repeated activation could run a second first sync.
          const mayHaveTakenEffect = err instanceof ApiError && err.code === 'workflow_service_timeout';
          if (!mayHaveTakenEffect) {
            await deps.db.integration
              .updateMany({ where: { id: row.id, status: 'ACTIVE', activatedAt }, data: { status: row.status, activatedAt: row.activatedAt, lastError: row.lastError } })
              .catch((undoErr: unknown) => req.log.error({ err: undoErr }, 'could not undo the activation'));
          }
          throw err;
        }
      },
    );

    app.post(
      '/integrations/:id/sync',
      {
        schema: {
          tags: ['sync'],
          summary: 'Sync now. While a sync runs, requests coalesce into at most one follow-up sync',
          description: 'Reads only the changes where the HR system can list them; ?listing=FULL reads every employee and checks removals now.',
          params: idParams,
          querystring: syncQuery,
          response: { 202: syncAccepted, 403: errorResponses[403], 409: errorResponses[409] },
        },
      },
      async (req, reply) => {
        const { companyId } = companyOf(req);
        const row = await integrationOfCompany(deps.db, companyId, req.params.id);
        if (row.status !== 'ACTIVE' && row.status !== 'ERROR') throw conflict('integration_not_active', `The integration is ${row.status}; activate it first.`);
        const fullListing = req.query.listing === 'FULL';
        // Remembered on the integration, so it also holds when this request only coalesces into the
        // follow-up of a running sync; the first complete listing begun after it answers it. Written
        // before the start (the run reads it), taken back should Temporal not start the run. The run
        // itself records its sync run row, so a start that fails leaves none.
        const requestedAt = new Date();
        if (fullListing) await deps.db.integration.update({ where: { id: row.id }, data: { fullListingRequestedAt: requestedAt } });
        try {
          const syncRunId = await temporal.untilAccepted(() => startSyncWorkflow(deps.temporal, taskQueue, row, 'MANUAL', fullListing));
          return reply.code(202).send({ syncRunId });
        } catch (err) {
          if (fullListing) {
            await deps.db.integration
              .updateMany({ where: { id: row.id, fullListingRequestedAt: requestedAt }, data: { fullListingRequestedAt: row.fullListingRequestedAt } })
              .catch((undoErr: unknown) => req.log.error({ err: undoErr }, 'could not take back the complete-listing request'));
          }
          throw err;
        }
      },
    );

    app.get(
      '/integrations/:id/syncs',
      { schema: { tags: ['sync'], summary: 'Sync history, newest first', params: idParams, querystring: listQuery.newestFirst, response: { 200: listOf(syncRun, listQuery.newestFirst), 403: errorResponses[403] } } },
      async (req) => {
        const { companyId } = companyOf(req);
        await integrationOfCompany(deps.db, companyId, req.params.id);
        const after = decodeInstantIdCursor(req.query.cursor);
        const rows = await deps.db.syncRun.findMany({
          where: {
            integrationId: req.params.id,
            ...(after ? { OR: [{ startedAt: { lt: after.at } }, { startedAt: after.at, id: { lt: after.id } }] } : {}),
          },
          orderBy: [{ startedAt: 'desc' }, { id: 'desc' }],
          take: req.query.limit + 1,
        });
        const page = pageOf(rows, req.query.limit, (r) => instantIdCursor(r.startedAt, r.id));
        return { items: page.items.map(presentSyncRun), nextCursor: page.nextCursor };
      },
    );

    app.get(
      '/integrations/:id/syncs/:syncRunId',
      { schema: { tags: ['sync'], summary: 'One sync run', params: idParams.extend({ syncRunId: z.uuid({ message: 'must be a UUID' }) }), response: { 200: syncRun, 403: errorResponses[403] } } },
      async (req) => {
        const { companyId } = companyOf(req);
        const run = await deps.db.syncRun.findFirst({ where: { id: req.params.syncRunId, integrationId: req.params.id, companyId } });
        if (!run) throw notFound('The sync run');
        return presentSyncRun(run);
      },
    );

    app.post(
      '/integrations/:id/syncs/:syncRunId/confirm',
      {
        schema: {
          tags: ['sync'],
          summary: 'Confirm the removal of employees a sync held back (mass-removal guard, NEEDS_REVIEW)',
          params: idParams.extend({ syncRunId: z.uuid({ message: 'must be a UUID' }) }),
          response: { 200: syncRun, 403: errorResponses[403], 409: errorResponses[409] },
        },
      },
      async (req) => {
        const { companyId } = companyOf(req);
        const run = await deps.db.syncRun.findFirst({ where: { id: req.params.syncRunId, integrationId: req.params.id, companyId } });
        if (!run) throw notFound('The sync run');
        if (run.status !== 'NEEDS_REVIEW') throw conflict('nothing_to_confirm', `This sync run is ${run.status}; only a run that needs review can be confirmed.`);
        if (!run.confirmedAt) {
          const confirmation = await temporal.untilAccepted(() =>
            deps.temporal.workflow.start<ConfirmRemovalsWorkflow>(CONFIRM_REMOVALS_WORKFLOW_TYPE, {
              taskQueue,
              workflowId: confirmRemovalsWorkflowId(run.id),
              args: [{ syncRunId: run.id }],
              workflowIdConflictPolicy: 'USE_EXISTING',
            }),
          );
          await temporal.afterAccepted(() => confirmation.result());
        }
        return presentSyncRun(await deps.db.syncRun.findUniqueOrThrow({ where: { id: run.id } }));
      },
    );

    app.delete(
      '/integrations/:id',
      { schema: { tags: ['sync'], summary: 'Disconnect: no more syncs, a running sync is cancelled, credentials erased; employees stay', params: idParams, response: { 200: integration, 403: errorResponses[403] } } },
      async (req) => {
        const { companyId } = companyOf(req);
        const row = await integrationOfCompany(deps.db, companyId, req.params.id);
        if (row.status === 'DISCONNECTED') return loadIntegrationView(deps, row);
        // The Schedule goes first: with Temporal unreachable nothing changes (503). Once it is gone,
        // a Schedule the reconciler recreates in between is removed by it again after the disconnect.
        await temporal.untilAccepted(() => deleteIntegrationSchedule(deps.temporal, row.id));
        if (row.activatedAt && findHrSystem(row.hrSystem)?.push) {
          // The vendor subscription is deleted while the credentials still exist; a slow HR system does not hold the disconnect up.
          await deleteSubscriptionThroughWorkflow(deps.temporal, taskQueue, row, temporal, SUBSCRIPTION_DELETE_WAIT_MS);
        }
        const disconnected = await deps.db.integration.update({
          where: { id: row.id },
          data: { status: 'DISCONNECTED', credentialsCipher: null, disconnectedAt: new Date(), followUpRequested: false },
        });
        const running = await deps.db.syncRun.findMany({ where: { integrationId: row.id, status: 'RUNNING' }, select: { workflowId: true } });
        for (const r of running) {
          const workflowId = r.workflowId;
          if (workflowId) await temporal.untilAccepted(() => deps.temporal.workflow.getHandle(workflowId).cancel()).catch(() => undefined);
        }
        return loadIntegrationView(deps, disconnected);
      },
    );
  };
}
