import { sql, type Transaction } from 'kysely';
import type { Database } from '../../platform/db-schema.ts';

export type ServiceAgent = { id: string; name: string };

const unresolved = ['new', 'open', 'waiting'] as const;

/**
 * Who handles a new issue: the account's service owner when that person is an active member of
 * the service team, otherwise the active service user with the fewest unresolved issues. Only
 * `service` users are ever considered, so an issue never lands on the salesperson, even when the
 * account's "service owner" field names one. Null when there is no service team at all. `leaving`
 * is someone being deactivated in this transaction, still active until it commits.
 */
export async function chooseIssueAssignee(trx: Transaction<Database>, serviceOwnerId: string | null, leaving?: string): Promise<ServiceAgent | null> {
  if (serviceOwnerId && serviceOwnerId !== leaving) {
    const owner = await trx
      .selectFrom('users')
      .select(['id', 'name'])
      .where('id', '=', serviceOwnerId)
      .where('role', '=', 'service')
      .where('active', '=', true)
      .executeTakeFirst();
    if (owner) return owner;
  }
  const leastLoaded = await trx
    .selectFrom('users')
    // Counts grouped first, then joined: Citus runs no subquery per user row over a distributed table.
    .leftJoin(
      (eb) =>
        eb.selectFrom('issues').select('assignee_id').select((c) => c.fn.countAll<string>().as('n')).where('status', 'in', unresolved).groupBy('assignee_id').as('load'),
      (join) => join.onRef('load.assignee_id', '=', 'users.id'),
    )
    .select(['users.id', 'users.name'])
    .where('users.role', '=', 'service')
    .where('users.active', '=', true)
    .$if(leaving !== undefined, (q) => q.where('users.id', '<>', leaving ?? ''))
    .orderBy(sql`coalesce(load.n, 0)`)
    .orderBy('users.id')
    .limit(1)
    .executeTakeFirst();
  return leastLoaded ?? null;
}

/** A person an issue may be handed to by hand: an active service user, never sales. */
export async function requireServiceAgent(trx: Transaction<Database>, id: string): Promise<ServiceAgent | null> {
  const agent = await trx
    .selectFrom('users')
    .select(['id', 'name'])
    .where('id', '=', id)
    .where('role', '=', 'service')
    .where('active', '=', true)
    .executeTakeFirst();
  return agent ?? null;
}
