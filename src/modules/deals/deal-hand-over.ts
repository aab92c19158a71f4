import { recordAudit } from '../../platform/audit.ts';
import { now } from '../../platform/clock.ts';
import type { LeaverWork } from '../users/index.ts';

/** A leaver's open deals change owner; each change is in the audit log. Won and lost deals keep who closed them. */
export const openDealsWork: LeaverWork = {
  kind: 'open_deals',
  one: 'open deal',
  many: 'open deals',
  count: async (db, userId) =>
    Number((await db.selectFrom('deals').select((eb) => eb.fn.countAll<string>().as('n')).where('owner_id', '=', userId).where('status', '=', 'open').executeTakeFirstOrThrow()).n),
  handOver: async (trx, handOver) => {
    const moved = await trx
      .updateTable('deals')
      .set({ owner_id: handOver.toUserId, updated_at: now() })
      .where('owner_id', '=', handOver.fromUserId)
      .where('status', '=', 'open')
      .returning(['id', 'account_id'])
      .execute();
    for (const deal of moved) {
      await recordAudit(trx, {
        actorId: handOver.actorId,
        action: 'deal.updated',
        entityType: 'deal',
        entityId: deal.id,
        accountId: deal.account_id,
        changes: { owner_id: { before: handOver.fromUserId, after: handOver.toUserId } },
      });
    }
    return moved.length;
  },
};
