// Catalog entry for Microsoft Entra ID: an app registration's client credentials (tenant id, client id,
// client secret) with the Graph application permission User.Read.All (+ User-LifeCycleInfo.Read.All
// for leave dates, + Directory.Read.All for directory extension discovery).
//
// Two hosts are involved, so there are two optional overrides instead of one derived from the other:
// `baseUrl` replaces https://graph.microsoft.com and `loginBaseUrl` replaces
// https://login.microsoftonline.com. National clouds need both (e.g. graph.microsoft.us +
// login.microsoftonline.us); a fake server serves both paths, so tests set both to its URL.
import { z } from 'zod';
import { apiBase } from '../http';
import { clientCredentialsAuth, defineHrSystem, HrApi } from '../kit';
import { EntraIdConnector } from './connector';
import { aadstsReason, GraphClient, graphMessage } from './graph-client';
import { entraPush } from './push';

const credentialsSchema = z.object({
  /** Directory (tenant) id or a verified domain such as contoso.onmicrosoft.com. */
  tenantId: z.string().trim().regex(/^[A-Za-z0-9.-]+$/, 'must be the directory (tenant) id or a verified domain'),
  clientId: z.string().trim().min(1),
  clientSecret: z.string().min(1),
  baseUrl: z.string().url().optional(),
  loginBaseUrl: z.string().url().optional(),
});

export type EntraIdCredentials = z.infer<typeof credentialsSchema>;

export const entraIdDefinition = defineHrSystem({
  id: 'entra-id',
  name: 'Microsoft Entra ID',
  credentialsSchema,
  // Graph has no gender, marital status or number of children; those need a mapped extension attribute.
  supportedFields: ['firstName', 'lastName', 'email', 'status', 'personnelNumber', 'employmentType', 'hireDate', 'leavingDate', 'legalEntity'],
  secretKeys: ['clientSecret'],
  notes: {
    verified: [
      'All users are read, disabled accounts included (accountEnabled): a disabled account is shown as inactive.',
      'Hire and leaving dates come from employeeHireDate and employeeLeaveDateTime; reading the leaving date needs the permission User-LifeCycleInfo.Read.All.',
      "The legal entity is the user's company name (companyName), the personnel number the employee ID (employeeId), the employment type the employee type (employeeType).",
      'Microsoft Entra ID has no gender, marital status or number of children: map them from extension attributes.',
      'When Microsoft asks to slow down (429 with Retry-After), the sync waits as long as asked.',
      'Changes arrive within a minute: the product subscribes to change notifications on users (updated, deleted), answers the validation request Microsoft sends before creating the subscription, checks the secret client state of every notification and renews the subscription (at most 29 days) before it expires.',
      "Between complete listings only what changed is read, through Microsoft's delta query on users (the delta link is kept from one sync to the next); when Microsoft no longer accepts a kept delta link, everyone is read again.",
    ],
    unverified: [
      'How Microsoft answers an app without User-LifeCycleInfo.Read.All was not checked: leaving dates may then stay empty, so grant that permission.',
      "Custom attributes (extensionAttribute1–15, directory extensions) were not checked on Microsoft's pages; directory extensions are offered only with Directory.Read.All.",
      'Microsoft only gives examples for the employee type (Employee, Contractor, Consultant, Vendor): other wordings that do not name a type are shown as Other.',
      "Microsoft does not sign these notifications: the secret client state proves they come from Microsoft, and a notification only starts a change listing. The exact fields Microsoft sends for a user change were not checked on a real tenant; only the subscription id, the client state and the user's id are read.",
      'Microsoft documents the notice of a removed subscription for mail and Teams only: a removed users subscription is found by the product’s own checks, not announced.',
      'How long Microsoft keeps a delta link valid for users, and which properties the delta query tracks, were not checked on a real tenant.',
    ],
  },
  push: entraPush,
  connect(credentials, { hrSystemName, context }) {
    const graphBase = apiBase('https://graph.microsoft.com', credentials.baseUrl);
    const loginBase = apiBase('https://login.microsoftonline.com', credentials.loginBaseUrl);
    const auth = clientCredentialsAuth({
      hrSystemName,
      tokenUrl: `${loginBase}/${encodeURIComponent(credentials.tenantId)}/oauth2/v2.0/token`,
      clientId: credentials.clientId,
      clientSecret: credentials.clientSecret,
      // `<graph host>/.default`: the app permissions consented for Graph.
      scope: `${graphBase}/.default`,
      context,
      refusalReason: aadstsReason,
    });
    // 403 is handed back: it names the missing permission, or means an optional one is absent.
    const api = new HrApi({ hrSystemName, baseUrl: graphBase, auth, context, classify: (r) => (r.status === 403 ? 'ok' : undefined), errorMessage: graphMessage });
    return new EntraIdConnector(new GraphClient(graphBase, api));
  },
});
