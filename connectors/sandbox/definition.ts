// The Sandbox HR system in the catalog: one API key (the demo key is "sandbox-demo-key") and an
// optional base URL, defaulting to where `npm start` runs it.
import { z } from 'zod';
import { apiBase } from '../http';
import type { HrSystemDefinition } from '../types';
import { SANDBOX, SANDBOX_DEFAULT_BASE_URL } from './api-types';
import { SandboxConnector } from './connector';

export const sandboxCredentialsSchema = z.object({
  apiKey: z.string().trim().min(1, 'the sandbox API key (demo: sandbox-demo-key)'),
  baseUrl: z.url().optional(),
});

export type SandboxCredentials = z.infer<typeof sandboxCredentialsSchema>;

export const sandbox: HrSystemDefinition<SandboxCredentials> = {
  id: 'sandbox',
  name: SANDBOX,
  status: 'available',
  credentialsSchema: sandboxCredentialsSchema,
  supportedFields: ['firstName', 'lastName', 'email', 'status', 'personnelNumber', 'employmentType', 'hireDate', 'leavingDate', 'gender', 'legalEntity', 'maritalStatus'],
  secretKeys: ['apiKey'],
  create(credentials, context) {
    const parsed = sandboxCredentialsSchema.parse(credentials);
    return new SandboxConnector(apiBase(SANDBOX_DEFAULT_BASE_URL, parsed.baseUrl), parsed.apiKey, context);
  },
};
