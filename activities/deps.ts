// What activities need from the outside world; built once per worker process.
import type { Client } from '@temporalio/client';
import type { Logger } from 'pino';
import type { ConnectorContext } from '../connectors/types';
import type { CredentialsCipher } from '../infra/credentials-cipher';
import type { Db } from '../infra/prisma';
import type { InviteMailer } from '../infra/invite-mailer';

export interface ActivityDeps {
  db: Db;
  temporal: Client;
  cipher: CredentialsCipher;
  taskQueue: string;
  mailer: InviteMailer;
  logger: Logger;
  /** Test hook for connector retries (fast sleeps). */
  connectorContext?: ConnectorContext;
  /** Test hook: the clock used for business rules. */
  now?: () => Date;
}
