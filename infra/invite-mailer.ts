// Sends app invitations through SMTP when SMTP_URL is set; otherwise records them in the outbox
// (the invites table) and logs the invite id, never the address.
import nodemailer from 'nodemailer';
import type { Logger } from 'pino';

export interface InviteMessage {
  inviteId: string;
  to: string;
  firstName: string | null;
}

export interface InviteMailer {
  readonly mode: 'smtp' | 'outbox';
  send(message: InviteMessage): Promise<void>;
}

export function createInviteMailer(smtpUrl: string | undefined, from: string, logger: Logger): InviteMailer {
  if (!smtpUrl) {
    return {
      mode: 'outbox',
      async send(message) {
        logger.info({ inviteId: message.inviteId }, 'invite recorded in the outbox (no SMTP_URL configured)');
      },
    };
  }
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    mode: 'smtp',
    async send(message) {
      await transport.sendMail({
        from,
        to: message.to,
        subject: 'Your employee benefits are waiting',
        text: `Hello${message.firstName ? ` ${message.firstName}` : ''},\n\nyour employer has set up benefits for you. Install the benefits app and sign in with this e-mail address to start.\n`,
      });
      logger.info({ inviteId: message.inviteId }, 'invite sent');
    },
  };
}
