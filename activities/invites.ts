// Sends pending invitations (SMTP or outbox). One invitation row per employee exists already; this
// marks each SENT after sending so a retry does not send again what was confirmed sent.
import { currentActivitySignal, type ActivityDeps } from './deps';

export function createInviteActivities(deps: ActivityDeps) {
  return {
    async sendPendingInvites(input: { integrationId: string }): Promise<{ sent: number; failed: number }> {
      const { companyId } = await deps.db.integration.findUniqueOrThrow({ where: { id: input.integrationId }, select: { companyId: true } });
      let sent = 0;
      let failed = 0;
      // Many invitations can take a while: stop between two when cancelled (what is sent stays SENT).
      const signal = currentActivitySignal();
      for (;;) {
        const pending = await deps.db.invite.findMany({
          where: { companyId, status: 'PENDING' },
          include: { employee: { select: { firstName: true } } },
          orderBy: { createdAt: 'asc' },
          take: 100,
        });
        if (pending.length === 0) break;
        for (const invite of pending) {
          signal?.throwIfAborted();
          try {
            await deps.mailer.send({ inviteId: invite.id, to: invite.email, firstName: invite.employee.firstName });
            const at = new Date();
            await deps.db.$transaction([
              deps.db.invite.update({ where: { id: invite.id }, data: { status: 'SENT', sentAt: at } }),
              deps.db.employee.update({ where: { id: invite.employeeId }, data: { invitedAt: at } }),
            ]);
            sent++;
          } catch (err) {
            await deps.db.invite.update({ where: { id: invite.id }, data: { status: 'FAILED', error: (err as Error).message.slice(0, 500) } });
            failed++;
          }
        }
      }
      return { sent, failed };
    },
  };
}
