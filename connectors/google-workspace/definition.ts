// Catalog entry for Google Workspace: a service account with domain-wide delegation for the read-only
// scopes admin.directory.user.readonly and admin.directory.userschema.readonly, impersonating an admin.
//
// Credentials decision: the admin pastes the downloaded JSON key file as a whole into
// `serviceAccountKey` (text), or an API client passes it as the parsed object; either is validated to
// the key-file fields the grant needs (client_email, private_key, optional private_key_id and
// token_uri). One field keeps the private key from being split over several inputs and is the one
// secret to redact. `tokenUrl` overrides the key file's token_uri (fakes); `baseUrl` replaces
// https://admin.googleapis.com.
//
// Google keeps no hire or leaving date. Customers who keep them in custom user fields name them in
// `hireDateField` / `leavingDateField` as "Schema.field"; without them, leavers are only visible as
// suspended (inactive) or archived (terminated) accounts with no leaving date.
import { z } from 'zod';
import { apiBase } from '../http';
import { defineHrSystem } from '../kit';
import { GoogleWorkspaceConnector } from './connector';
import { directoryApi } from './directory-client';
import { googleWorkspacePush } from './push';
import { GOOGLE_TOKEN_URL, serviceAccountKeySchema } from './service-account';

const pastedKeyFile = z
  .string()
  .transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be the JSON key file of the service account' });
      return z.NEVER;
    }
  })
  .pipe(serviceAccountKeySchema);

const customFieldPath = z.string().regex(/^[A-Za-z0-9_]+\.[A-Za-z0-9_]+$/, 'must name a custom field as "Schema.field"');

const credentialsSchema = z.object({
  serviceAccountKey: z.union([pastedKeyFile, serviceAccountKeySchema]),
  /** The administrator the service account acts as (JWT "sub"). */
  adminEmail: z.email(),
  /** Google customer id (C0…); defaults to my_customer, the impersonated admin's own account. */
  customerId: z.string().regex(/^[A-Za-z0-9_]+$/).optional(),
  /** Restrict the listing to one domain of a multi-domain account. */
  domain: z.string().regex(/^[A-Za-z0-9.-]+$/).optional(),
  hireDateField: customFieldPath.optional(),
  leavingDateField: customFieldPath.optional(),
  baseUrl: z.url().optional(),
  tokenUrl: z.url().optional(),
});

export type GoogleWorkspaceCredentials = z.infer<typeof credentialsSchema>;

export const googleWorkspaceDefinition = defineHrSystem({
  id: 'google-workspace',
  name: 'Google Workspace',
  credentialsSchema,
  // Employment type, marital status and children exist only as custom fields (mapping step); hire and
  // leaving dates only through the configured custom fields.
  supportedFields: ['firstName', 'lastName', 'email', 'status', 'personnelNumber', 'gender', 'legalEntity'],
  secretKeys: ['serviceAccountKey'],
  notes: {
    verified: [
      'Suspended and archived accounts are read with their state (suspended, archived).',
      'Google keeps no hire or leaving date: name the custom fields that hold them, or former employees are shown without a leaving date.',
      "The personnel number is the employee ID (externalIds of type organization); gender comes from the user's gender (gender).",
      'Google signals too many requests with 403 (userRateLimitExceeded): the sync reads this as a request to slow down, waits and tries again.',
      'Changes arrive within a minute: the product opens Directory API watch channels on users (added, updated, deleted) with its own secret channel token, which every notification must carry; the first message of a channel (sync) changes nothing.',
      'Google does not renew watch channels: before one expires the product opens new ones and then stops the old ones.',
    ],
    unverified: [
      'Google does not say what a suspension means: suspended users are shown as inactive, archived users as former employees.',
      "What the organization fields hold is not defined by Google: the primary organization's name is used as the legal entity.",
      'Employment type, marital status and number of children exist only as custom fields: map them in the field mapping.',
      'How long Google keeps a Directory watch channel is not stated for the Directory API: the product asks for 6 hours and renews by the expiry Google answers.',
      'Google offers no way to check that a watch channel still exists: one Google dropped early is only replaced at its next renewal (within hours); the scheduled syncs catch the changes meanwhile.',
      'Google notifies that users changed, not what changed: every notification leads to a complete listing, as Google has no change listing.',
    ],
  },
  push: googleWorkspacePush,
  connect(credentials, { hrSystemName, context }) {
    const directory = directoryApi({
      hrSystemName,
      apiBase: apiBase('https://admin.googleapis.com', credentials.baseUrl),
      tokenUrl: credentials.tokenUrl ?? credentials.serviceAccountKey.token_uri ?? GOOGLE_TOKEN_URL,
      key: credentials.serviceAccountKey,
      adminEmail: credentials.adminEmail,
      context,
    });
    return new GoogleWorkspaceConnector(directory, {
      customerId: credentials.customerId ?? 'my_customer',
      domain: credentials.domain,
      hireDateField: credentials.hireDateField,
      leavingDateField: credentials.leavingDateField,
    });
  },
});
