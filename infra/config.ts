// Configuration from the environment, validated at start-up: a bad value stops the process with a
// message naming the variable and what is expected.
import path from 'node:path';
import { z } from 'zod';

const port = (fallback: number) => z.coerce.number().int().min(1).max(65535).default(fallback);
const optionalString = z.string().trim().min(1).optional();

export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().default('127.0.0.1'),
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

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = configSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return { ...parsed.data, dataDir: path.resolve(parsed.data.DATA_DIR) };
}
