import pino from 'pino';
import { createInviteMailer } from '../../infra/invite-mailer';
import { startTinySmtpServer } from '../support/tiny-smtp-server';

describe('invite mailer', () => {
  it('sends the invitation through SMTP when SMTP_URL is set', async () => {
    const smtp = await startTinySmtpServer();
    try {
      const mailer = createInviteMailer(`${smtp.url}?ignoreTLS=true`, 'Benefits <no-reply@benefits.local>', pino({ level: 'silent' }));
      expect(mailer.mode).toBe('smtp');
      await mailer.send({ inviteId: 'i-1', to: 'ada@example.test', firstName: 'Ada' });
      expect(smtp.received).toHaveLength(1);
      expect(smtp.received[0]!.to).toEqual(['<ada@example.test>']);
      expect(smtp.received[0]!.data).toMatch(/Subject: Your employee benefits are waiting/);
      expect(smtp.received[0]!.data).toMatch(/Hello Ada/);
    } finally {
      await smtp.close();
    }
  });

  it('keeps invitations in the outbox and logs only the invite id without SMTP_URL', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, { write: (l: string) => void lines.push(l) });
    const mailer = createInviteMailer(undefined, 'x', logger);
    expect(mailer.mode).toBe('outbox');
    await mailer.send({ inviteId: 'i-2', to: 'grace@example.test', firstName: 'Grace' });
    expect(lines.join('')).toContain('i-2');
    expect(lines.join('')).not.toContain('grace@example.test');
  });
});
