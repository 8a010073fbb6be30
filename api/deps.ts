// What the API needs from the outside world; built once by the process that serves it.
import type { Client } from '@temporalio/client';
import type { Registry } from 'prom-client';
import type { AppConfig } from '../infra/config';
import type { CredentialsCipher } from '../infra/credentials-cipher';
import type { Db } from '../infra/prisma';

export interface AppDeps {
  db: Db;
  temporal: Client;
  config: Pick<AppConfig, 'TEMPORAL_TASK_QUEUE' | 'TEMPORAL_NAMESPACE' | 'OPERATOR_API_KEY' | 'RECONCILE_INTERVAL_MINUTES'> & Partial<Pick<AppConfig, 'PUBLIC_URL'>> & { operatorApiKey: string };
  cipher: CredentialsCipher;
  /** Test hook: the clock used for business rules (month ends, voucher months). */
  now?: () => Date;
  /** The process's metrics registry: with it, the API counts its requests (api/metrics.ts). */
  metricsRegistry?: Registry;
}
