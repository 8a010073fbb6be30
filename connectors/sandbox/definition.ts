// The Sandbox HR system in the catalog: one API key (the demo key is "sandbox-demo-key") and an
// optional base URL, defaulting to where `npm start` runs it.
import { z } from 'zod';
import { apiBase } from '../http';
import { defineHrSystem, HrApi, staticBearerAuth } from '../kit';
import { SANDBOX, SANDBOX_DEFAULT_BASE_URL } from './api-types';
import { SandboxConnector } from './connector';

export const sandboxCredentialsSchema = z.object({
  apiKey: z.string().trim().min(1, 'the sandbox API key (demo: sandbox-demo-key)'),
  baseUrl: z.url().optional(),
});

export type SandboxCredentials = z.infer<typeof sandboxCredentialsSchema>;

export const sandbox = defineHrSystem({
  id: 'sandbox',
  name: SANDBOX,
  credentialsSchema: sandboxCredentialsSchema,
  supportedFields: ['firstName', 'lastName', 'email', 'status', 'personnelNumber', 'employmentType', 'hireDate', 'leavingDate', 'gender', 'legalEntity', 'maritalStatus'],
  secretKeys: ['apiKey'],
  notes: {
    verified: [
      "The Sandbox is this product's own demo HR system, for trying the product without an HR vendor account.",
      'It holds made-up employees, former employees included with their leaving date.',
      'Employees can be added, changed and given a leaving date in the Sandbox to see how the next sync reacts.',
    ],
    unverified: [],
  },
  connect(credentials, { hrSystemName, context }) {
    const parsed = sandboxCredentialsSchema.parse(credentials);
    const api = new HrApi({ hrSystemName, baseUrl: apiBase(SANDBOX_DEFAULT_BASE_URL, parsed.baseUrl), auth: staticBearerAuth(parsed.apiKey), context });
    return new SandboxConnector(api);
  },
});
