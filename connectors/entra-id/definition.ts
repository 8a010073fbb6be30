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
import type { HrSystemDefinition } from '../types';
import { EntraIdConnector } from './connector';

const credentialsSchema = z.object({
  /** Directory (tenant) id or a verified domain such as contoso.onmicrosoft.com. */
  tenantId: z.string().trim().regex(/^[A-Za-z0-9.-]+$/, 'must be the directory (tenant) id or a verified domain'),
  clientId: z.string().trim().min(1),
  clientSecret: z.string().min(1),
  baseUrl: z.string().url().optional(),
  loginBaseUrl: z.string().url().optional(),
});

export type EntraIdCredentials = z.infer<typeof credentialsSchema>;

export const entraIdDefinition: HrSystemDefinition<EntraIdCredentials> = {
  id: 'entra-id',
  name: 'Microsoft Entra ID',
  status: 'available',
  credentialsSchema,
  // Graph has no gender, marital status or number of children; those need a mapped extension attribute.
  supportedFields: ['firstName', 'lastName', 'email', 'status', 'personnelNumber', 'employmentType', 'hireDate', 'leavingDate', 'legalEntity'],
  secretKeys: ['clientSecret'],
  create(credentials, context) {
    return new EntraIdConnector(
      {
        graphBase: apiBase('https://graph.microsoft.com', credentials.baseUrl),
        loginBase: apiBase('https://login.microsoftonline.com', credentials.loginBaseUrl),
        tenantId: credentials.tenantId,
        clientId: credentials.clientId,
        clientSecret: credentials.clientSecret,
      },
      context,
    );
  },
};
