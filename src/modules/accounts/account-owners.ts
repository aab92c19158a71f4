import { sql, type Transaction } from 'kysely';
import { now } from '../../platform/clock.ts';
import type { Database } from '../../platform/db-schema.ts';
import { recordAudit } from '../../platform/audit.ts';
import { appendEvent } from '../../platform/events.ts';
import type { LeaverWork } from '../users/index.ts';

/**
 * The active service user who looks after the fewest accounts: a new customer's service owner when
 * nobody was named, so check-ins and onboarding calls land on a person, spread evenly.
 */
export async function leastLoadedServiceUser(trx: Transaction<Database>): Promise<string | null> {
  // Counts grouped first, then joined: Citus runs no subquery per user row over a distributed table.
  const row = await trx
    .selectFrom('users')
    .leftJoin(
      (eb) => eb.selectFrom('accounts').select('service_owner_id').select((c) => c.fn.countAll<string>().as('n')).groupBy('service_owner_id').as('load'),
      (join) => join.onRef('load.service_owner_id', '=', 'users.id'),
    )
    .select('users.id')
    .where('users.role', '=', 'service')
    .where('users.active', '=', true)
    .orderBy(sql`coalesce(load.n, 0)`)
    .orderBy('users.id')
    .limit(1)
    .executeTakeFirst();
  return row?.id ?? null;
}

/**
 * A won deal makes its account a customer, owned by the deal's owner when it had no owner, and looked
 * after by a service owner. Returns whether this is the account's first purchase (it was not a
 * customer before), which decides between a welcome and a thank-you for buying again.
 */
export async function recordWonDeal(trx: Transaction<Database>, win: { accountId: string; dealOwnerId: string; actorId: string }): Promise<boolean> {
  const before = await trx.selectFrom('accounts').select(['lifecycle', 'owner_id', 'service_owner_id']).where('id', '=', win.accountId).forUpdate().executeTakeFirstOrThrow();
  const firstPurchase = before.lifecycle !== 'customer';
  const serviceOwnerId = before.service_owner_id ?? (await leastLoadedServiceUser(trx));
  await trx
    .updateTable('accounts')
    .set({ lifecycle: 'customer', owner_id: before.owner_id ?? win.dealOwnerId, service_owner_id: serviceOwnerId, updated_at: now() })
    .where('id', '=', win.accountId)
    .execute();
  if (firstPurchase) await appendEvent(trx, { type: 'account.became_customer', accountId: win.accountId, subjectId: win.accountId, actorId: win.actorId });
  return firstPurchase;
}

/**
 * The accounts a leaver owns or looks after for service go to the colleague taking over, each change
 * in the audit log as an owner change. Counted once when the leaver is both owner and service owner.
 */
export const ownedAccountsWork: LeaverWork = {
  kind: 'accounts',
  one: 'account',
  many: 'accounts',
  count: async (db, userId) =>
    Number(
      (
        await db
          .selectFrom('accounts')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where((eb) => eb.or([eb('owner_id', '=', userId), eb('service_owner_id', '=', userId)]))
          .executeTakeFirstOrThrow()
      ).n,
    ),
  handOver: async (trx, handOver) => {
    // Two plain updates rather than a locked read: Citus locks rows only within one account's shard.
    const field = async (column: 'owner_id' | 'service_owner_id') =>
      trx
        .updateTable('accounts')
        .set({ [column]: handOver.toUserId, updated_at: now() })
        .where(column, '=', handOver.fromUserId)
        .returning('id')
        .execute();
    const moved = { owner_id: await field('owner_id'), service_owner_id: await field('service_owner_id') };
    const changes = new Map<string, Record<string, { before: string; after: string }>>();
    for (const column of ['owner_id', 'service_owner_id'] as const) {
      for (const { id } of moved[column]) changes.set(id, { ...changes.get(id), [column]: { before: handOver.fromUserId, after: handOver.toUserId } });
    }
    for (const [id, change] of [...changes].sort(([a], [b]) => a.localeCompare(b))) {
      await recordAudit(trx, { actorId: handOver.actorId, action: 'account.owner_changed', entityType: 'account', entityId: id, accountId: id, changes: change });
    }
    return changes.size;
  },
};
