// Configuration from the environment, validated at start-up: a bad value stops the process with a
// message naming the variable and what is expected.
import path from 'node:path';
import { z } from 'zod';

const port = (fallback: number) => z.coerce.number().int().min(1).max(65535).default(fallback);
const optionalString = z.string().trim().min(1).optional();

export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().default('127.0.0.1'),
  /** The address employers' admins reach the API at (connect links point there); default: the request's own. */
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  PORT: port(3000),
  DATA_DIR: z.string().default('./.data'),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  EMBEDDED_POSTGRES_PORT: port(5433),
  TEMPORAL_ADDRESS: optionalString,
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('hr-benefits'),
  TEMPORAL_DEV_PORT: port(7233),
  TEMPORAL_UI_PORT: port(8233),
  TEMPORAL_CLI_PATH: optionalString,
  /** TLS to the Temporal frontend (on by itself with a client certificate or an API key). */
  TEMPORAL_TLS: z.enum(['true', 'false']).optional(),
  /** mTLS: the client certificate and its key, PEM files (self-hosted cluster or Temporal Cloud with certificates). */
  TEMPORAL_TLS_CERT: optionalString,
  TEMPORAL_TLS_KEY: optionalString,
  /** The CA that signed the server's certificate, PEM file, when it is not a public one. */
  TEMPORAL_TLS_CA: optionalString,
  /** The name the server's certificate carries, when it differs from TEMPORAL_ADDRESS's host. */
  TEMPORAL_TLS_SERVER_NAME: optionalString,
  /** Temporal Cloud API key (instead of a client certificate); sent as a bearer token over TLS. */
  TEMPORAL_API_KEY: optionalString,
  /** Prometheus metrics of this process on this port (/metrics); unset: no metrics server. */
  METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  METRICS_HOST: z.string().default('127.0.0.1'),
  OPERATOR_API_KEY: z.string().min(16, 'at least 16 characters').optional(),
  ENCRYPTION_KEY: z
    .string()
    .refine((v) => Buffer.from(v, 'base64').length === 32, 'a base64-encoded 32-byte key (openssl rand -base64 32)')
    .optional(),
  SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
  INVITE_FROM: z.string().default('Benefits <no-reply@benefits.local>'),
  SANDBOX_HR_PORT: port(4010),
  START_SANDBOX_HR: z.enum(['true', 'false']).default('true'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  RECONCILE_INTERVAL_MINUTES: z.coerce.number().int().min(1).default(15),
  /** The most one HR-system call waits in-process for throttled or failing answers; longer waits go to Temporal's retry. */
  HR_RETRY_MAX_WAIT_SECONDS: z.coerce.number().int().min(0).max(60).default(10),
});

export type AppConfig = z.infer<typeof configSchema> & { dataDir: string };

const PRODUCTION_REQUIRED = ['DATABASE_URL', 'TEMPORAL_ADDRESS', 'OPERATOR_API_KEY', 'ENCRYPTION_KEY'] as const;

const pairedTlsFiles = (c: z.infer<typeof configSchema>) => Boolean(c.TEMPORAL_TLS_CERT) === Boolean(c.TEMPORAL_TLS_KEY);

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = configSchema
    .refine(pairedTlsFiles, { path: ['TEMPORAL_TLS_KEY'], message: 'TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY go together (the client certificate and its private key)' })
    .refine((c) => !(c.TEMPORAL_TLS === 'false' && (c.TEMPORAL_API_KEY || c.TEMPORAL_TLS_CERT)), { path: ['TEMPORAL_TLS'], message: 'a client certificate or an API key needs TLS: leave TEMPORAL_TLS unset or true' })
    .superRefine((c, ctx) => {
      // Production runs several processes on shared servers: nothing embedded, and no key generated
      // into one process's DATA_DIR (another replica could not decrypt what it encrypted).
      if (c.NODE_ENV !== 'production') return;
      for (const name of PRODUCTION_REQUIRED) {
        if (!c[name]) ctx.addIssue({ code: 'custom', path: [name], message: 'required when NODE_ENV=production (the same value for every API and worker process)' });
      }
    })
    .safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return { ...parsed.data, dataDir: path.resolve(parsed.data.DATA_DIR) };
}
