// Setup flow: create an integration, enter credentials, read the HR system's options, configure.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DEFAULT_FIELD_SELECTION, EMPLOYEE_FIELDS, REQUIRED_FIELD_KEYS, type EmployeeFieldKey } from '../../domain/employee-fields';
import { fieldsUsedByFilters } from '../../domain/employee-filters';
import { Prisma } from '../../generated/prisma/client';
import { signalSubscriptionEvent } from '../../infra/subscription-workflows';
import { upsertIntegrationSchedule } from '../../infra/temporal-schedules';
import { companyOf } from '../auth';
import type { AppDeps } from '../deps';
import { badRequest, conflict } from '../errors';
import { availableSystem, callHrSystem, connectorOf, setupContext } from '../hr-connection';
import { loadIntegrationView } from '../integration-view';
import { errorResponses, idParams } from '../schemas/common';
import { integration, integrationOptions, integrationPatch } from '../schemas/integration';
import { TEMPORAL_ACCEPT_DEADLINE_MS, temporalCalls, withTemporalDeadline } from '../temporal-calls';
import { integrationOfCompany } from '../tenancy';

type Options = z.infer<typeof integrationOptions>;

// A PATCH that changes the interval updates the Schedule inside its transaction (up to the Temporal
// deadline), beyond Prisma's default of 5 s for a large deselection plus that wait.
const PATCH_TRANSACTION_TIMEOUT_MS = 15_000;

// Columns cleared when a field is deselected (only selected fields are ever stored).
const FIELD_COLUMNS: Record<EmployeeFieldKey, Prisma.EmployeeUpdateManyMutationInput> = {
  firstName: { firstName: null },
  lastName: { lastName: null },
  email: { email: null },
  status: { hrStatus: null },
  personnelNumber: { personnelNumber: null },
  employmentType: { employmentType: null },
  hireDate: { hireDate: null },
  leavingDate: { leavingDate: null },
  gender: { gender: null },
  legalEntity: { legalEntityId: null, legalEntityName: null },
  maritalStatus: { maritalStatus: null },
  numberOfChildren: { numberOfChildren: null },
};

export function integrationRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const temporal = temporalCalls(deps.temporal);
  async function readOptions(row: { id: string; hrSystem: string; credentialsCipher: string | null }): Promise<Options> {
    const system = availableSystem(row.hrSystem);
    const connector = connectorOf(deps, row);
    const [attributes, legalEntities, employmentTypes] = await callHrSystem(system.name, () =>
      Promise.all([connector.listAttributes(), connector.listLegalEntities(), connector.listEmploymentTypes()]),
    );
    const options: Options = { attributes, legalEntities, employmentTypes, fetchedAt: new Date().toISOString() };
    await deps.db.integration.update({ where: { id: row.id }, data: { options: options as never, optionsFetchedAt: new Date() } });
    return options;
  }

  return async (app) => {
    app.post(
      '/integrations',
      {
        schema: {
          tags: ['setup'],
          summary: 'Step 1: start connecting an HR system (DRAFT, default field selection)',
          body: z.object({ hrSystem: integration.shape.hrSystem }).strict(),
          response: { 201: integration, 403: errorResponses[403], 409: errorResponses[409] },
        },
      },
      async (req, reply) => {
        const { companyId } = companyOf(req);
        const system = availableSystem(req.body.hrSystem);
        const current = await deps.db.integration.findFirst({ where: { companyId, status: { not: 'DISCONNECTED' } } });
        if (current) {
          throw conflict('integration_exists', `This company is already connected to ${current.hrSystem} (integration ${current.id}, ${current.status}); disconnect it first.`, { integrationId: current.id });
        }
        try {
          const row = await deps.db.integration.create({ data: { companyId, hrSystem: system.id, selectedFields: [...DEFAULT_FIELD_SELECTION] } });
          return reply.code(201).send(await loadIntegrationView(deps, row));
        } catch (err) {
          if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002') throw conflict('integration_exists', 'This company already has a connected integration; disconnect it first.');
          throw err;
        }
      },
    );

    app.get(
      '/integrations/:id',
      { schema: { tags: ['setup'], summary: 'Status, configuration (never credentials), last sync and next scheduled sync', params: idParams, response: { 200: integration, 403: errorResponses[403] } } },
      async (req) => {
        const { companyId } = companyOf(req);
        return loadIntegrationView(deps, await integrationOfCompany(deps.db, companyId, req.params.id));
      },
    );

    app.put(
      '/integrations/:id/credentials',
      {
        schema: {
          tags: ['setup'],
          summary: 'Step 3: credentials, checked live against the HR system and stored encrypted',
          params: idParams,
          body: z
            .record(z.string(), z.unknown())
            .describe("The credentials of the integration's HR system, as its `credentials` JSON Schema in GET /v1/hr-systems states them; credentials that do not fit it are a 400 invalid_credentials"),
          response: { 200: integration, 403: errorResponses[403], 409: errorResponses[409], 422: errorResponses[422], 502: errorResponses[502] },
        },
      },
      async (req) => {
        const { companyId } = companyOf(req);
        const row = await integrationOfCompany(deps.db, companyId, req.params.id);
        if (row.status === 'DISCONNECTED') throw conflict('integration_disconnected', 'This integration is disconnected; start a new one.');
        const system = availableSystem(row.hrSystem);
        const parsed = system.credentialsSchema.safeParse(req.body);
        if (!parsed.success) {
          const issue = parsed.error.issues[0]!;
          const field = issue.path.join('.') || '(body)';
          throw badRequest('invalid_credentials', `Invalid ${system.name} credentials: ${field}: ${issue.message}`, parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })));
        }
        const connector = system.create(parsed.data, setupContext(deps.db, row.id));
        await callHrSystem(system.name, () => connector.checkCredentials());
        const updated = await deps.db.integration.update({
          where: { id: row.id },
          data: {
            credentialsCipher: deps.cipher.encrypt(parsed.data, row.id),
            credentialsCheckedAt: new Date(),
            // Other credentials may see another account: read its options afresh, and list it completely.
            options: Prisma.DbNull,
            optionsFetchedAt: null,
            changesSince: null,
            ...(row.status === 'ERROR' ? { status: 'ACTIVE', lastError: null } : {}),
          },
        });
        if (system.push?.createdBy === 'admin' && updated.status === 'ACTIVE') {
          // The admin may have entered (or replaced) the secret of the webhook they added in the HR system: the
          // subscription workflow takes it now; should the signal not get through, its next check does.
          await withTemporalDeadline(deps.temporal, TEMPORAL_ACCEPT_DEADLINE_MS, () => signalSubscriptionEvent(deps.temporal, deps.config.TEMPORAL_TASK_QUEUE, updated, 'recreate')).catch((err: unknown) =>
            req.log.warn({ err }, 'could not tell the push subscription workflow about the new credentials'),
          );
        }
        return loadIntegrationView(deps, updated);
      },
    );

    app.get(
      '/integrations/:id/options',
      { schema: { tags: ['setup'], summary: 'What the HR system offers: attributes (custom ones included), legal entities, employment types (cached)', params: idParams, response: { 200: integrationOptions, 403: errorResponses[403], 409: errorResponses[409], 422: errorResponses[422], 502: errorResponses[502] } } },
      async (req) => {
        const { companyId } = companyOf(req);
        const row = await integrationOfCompany(deps.db, companyId, req.params.id);
        if (row.options) return row.options as Options;
        return readOptions(row);
      },
    );

    app.post(
      '/integrations/:id/options/refresh',
      { schema: { tags: ['setup'], summary: 'Re-read the HR system\'s attributes (e.g. a newly created custom attribute)', params: idParams, response: { 200: integrationOptions, 403: errorResponses[403], 409: errorResponses[409], 422: errorResponses[422], 502: errorResponses[502] } } },
      async (req) => {
        const { companyId } = companyOf(req);
        return readOptions(await integrationOfCompany(deps.db, companyId, req.params.id));
      },
    );

    app.patch(
      '/integrations/:id',
      {
        schema: {
          tags: ['setup'],
          summary: 'Steps 2, 4, 5: fields, attribute mapping, filters, invites, sync interval (takes effect from the next sync)',
          params: idParams,
          body: integrationPatch,
          response: { 200: integration, 403: errorResponses[403], 409: errorResponses[409], 422: errorResponses[422], 502: errorResponses[502] },
        },
      },
      async (req) => {
        const { companyId } = companyOf(req);
        const row = await integrationOfCompany(deps.db, companyId, req.params.id);
        if (row.status === 'DISCONNECTED') throw conflict('integration_disconnected', 'A disconnected integration cannot be changed.');
        const body = req.body;
        const fields = body.fields ? [...new Set(body.fields)] : (row.selectedFields as EmployeeFieldKey[]);
        const missingRequired = REQUIRED_FIELD_KEYS.filter((f) => !fields.includes(f));
        if (missingRequired.length) throw badRequest('required_field', `Required fields cannot be deselected: ${missingRequired.join(', ')}.`, { fields: missingRequired });

        let mapping = (row.mapping ?? {}) as Record<string, string>;
        if (body.mapping) {
          const options = (row.options as Options | null) ?? (await readOptions(row));
          const known = new Set(options.attributes.map((a) => a.key));
          mapping = { ...mapping };
          for (const [field, attribute] of Object.entries(body.mapping)) {
            if (attribute === null || attribute === undefined) {
              delete mapping[field];
              continue;
            }
            if (!known.has(attribute)) {
              throw badRequest('unknown_attribute', `mapping.${field}: "${attribute}" is not an attribute of this HR system; GET /v1/integrations/${row.id}/options lists them (refresh after creating a custom attribute).`);
            }
            mapping[field] = attribute;
          }
        }
        const filters = body.filters ?? (row.filters as never);
        const unselected = fieldsUsedByFilters(filters ?? {}).filter((f) => !fields.includes(f));
        if (unselected.length) {
          const missing = unselected.join(', ');
          // Both in this body: the request itself is invalid (the spec's if/then says so). One of them stored: a conflict with that state.
          if (body.filters && body.fields) throw badRequest('filter_on_unselected_field', `Filters use fields that are not synced: ${missing}. Select them in "fields" too.`);
          if (body.filters) throw conflict('filter_on_unselected_field', `Filters use fields that are not synced: ${missing}. Select them in "fields" too (in this request or first).`);
          throw conflict('filter_on_unselected_field', `The stored filters use fields this selection leaves out: ${missing}. Keep them in "fields", or change "filters" in the same request.`);
        }

        const deselected = (row.selectedFields as EmployeeFieldKey[]).filter((f) => !fields.includes(f));
        const updated = await deps.db.$transaction(
          async (tx) => {
            const saved = await tx.integration.update({
              where: { id: row.id },
              data: {
                selectedFields: EMPLOYEE_FIELDS.map((f) => f.key).filter((k) => fields.includes(k)),
                mapping,
                filters: filters ?? {},
                ...(body.autoInvite !== undefined ? { autoInvite: body.autoInvite } : {}),
                ...(body.syncIntervalMinutes !== undefined ? { syncIntervalMinutes: body.syncIntervalMinutes } : {}),
              },
            });
            if (deselected.length) {
              // Narrowing the selection clears what is stored; the hash reset makes the next sync rewrite rows.
              const cleared = Object.assign({ contentHash: null }, ...deselected.map((f) => FIELD_COLUMNS[f]));
              await tx.employee.updateMany({ where: { integrationId: row.id }, data: cleared });
            }
            if (body.syncIntervalMinutes !== undefined && (saved.status === 'ACTIVE' || saved.status === 'ERROR')) {
              // The transaction's last step: should Temporal not take the new interval, nothing is saved.
              await temporal.untilAccepted(() => upsertIntegrationSchedule(deps.temporal, deps.config.TEMPORAL_TASK_QUEUE, saved));
            }
            return saved;
          },
          { timeout: PATCH_TRANSACTION_TIMEOUT_MS },
        );
        return loadIntegrationView(deps, updated);
      },
    );
  };
}

