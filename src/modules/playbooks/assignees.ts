import { sql, type Transaction } from 'kysely';
import type { Database, Role } from '../../platform/db-schema.ts';
import type { AssigneeRule } from './playbooks.schema.ts';

type AccountOwners = { owner_id: string | null; service_owner_id: string | null };
export type Assignee = { id: string; time_zone: string };

/** The active user of a role with the fewest planned touches: work spreads evenly. */
async function leastLoaded(trx: Transaction<Database>, role: Role): Promise<Assignee | null> {
  const row = await trx
    .selectFrom('users')
    .select(['users.id', 'users.time_zone'])
    .where('users.role', '=', role)
    .where('users.active', '=', true)
    .orderBy(sql`(select count(*) from touches t where t.assignee_id = users.id and t.status = 'planned')`)
    .orderBy('users.id')
    .limit(1)
    .executeTakeFirst();
  return row ?? null;
}

async function activeUser(trx: Transaction<Database>, id: string | null): Promise<Assignee | null> {
  if (!id) return null;
  const row = await trx.selectFrom('users').select(['id', 'time_zone']).where('id', '=', id).where('active', '=', true).executeTakeFirst();
  return row ?? null;
}

/**
 * Who does a step: the account's owner or service owner, or a manager. When the account has none
 * (or that person left), the least-loaded colleague of the same role takes it, so no step is dropped.
 */
export async function resolveAssignee(trx: Transaction<Database>, account: AccountOwners, rule: AssigneeRule): Promise<Assignee | null> {
  if (rule === 'owner') return (await activeUser(trx, account.owner_id)) ?? leastLoaded(trx, 'sales');
  if (rule === 'service_owner') return (await activeUser(trx, account.service_owner_id)) ?? leastLoaded(trx, 'service');
  return leastLoaded(trx, 'manager');
}
