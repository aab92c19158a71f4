import type { Transaction } from 'kysely';
import type { Database, Role } from '../../platform/db-schema.ts';
import { type DayLoads, loadDayLoads, type Placement, placeTask } from './capacity-placement.ts';
import type { AssigneeRule } from './playbooks.schema.ts';

type AccountOwners = { owner_id: string | null; service_owner_id: string | null };
/** A person who takes a step, and where a task of theirs lands given what they already have planned. */
export type Assignee = { id: string; time_zone: string; place: (wanted: Date, windowDays: number) => Placement };
export type AssigneeResolver = (account: AccountOwners, rule: AssigneeRule) => Assignee | null;

/**
 * Who does a step: the account's owner or service owner, or a manager. When the account has none
 * (or that person left), the colleague of the same role with the fewest planned touches takes it,
 * so no step is dropped and work spreads evenly. Users and their loads are read once per batch of
 * runs and kept up to date in memory as the batch assigns work, per day for capacity placement.
 */
export async function loadAssigneeResolver(trx: Transaction<Database>): Promise<AssigneeResolver> {
  const users = await trx
    .selectFrom('users')
    .select(['id', 'role', 'time_zone', 'touches_per_day', 'working_days', 'work_start_hour'])
    .where('active', '=', true)
    .orderBy('id')
    .execute();
  const dayLoads: DayLoads = await loadDayLoads(trx);
  const loads = await trx
    .selectFrom('touches')
    .select(['assignee_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('status', '=', 'planned')
    .where('assignee_id', 'is not', null)
    .groupBy('assignee_id')
    .execute();
  const load = new Map(loads.map((l) => [l.assignee_id, l.n]));
  const byId = new Map(users.map((u) => [u.id, u]));
  const take = (user: (typeof users)[number]): Assignee => {
    load.set(user.id, (load.get(user.id) ?? 0) + 1);
    const person = { id: user.id, time_zone: user.time_zone, capacity: user };
    return { id: user.id, time_zone: user.time_zone, place: (wanted, windowDays) => placeTask(dayLoads, person, wanted, windowDays) };
  };
  const leastLoaded = (role: Role): Assignee | null => {
    let best: (typeof users)[number] | undefined;
    for (const user of users) {
      if (user.role === role && (!best || (load.get(user.id) ?? 0) < (load.get(best.id) ?? 0))) best = user;
    }
    return best ? take(best) : null;
  };
  const named = (id: string | null): Assignee | null => {
    const user = id ? byId.get(id) : undefined;
    return user ? take(user) : null;
  };
  return (account, rule) => {
    if (rule === 'owner') return named(account.owner_id) ?? leastLoaded('sales');
    if (rule === 'service_owner') return named(account.service_owner_id) ?? leastLoaded('service');
    return leastLoaded('manager');
  };
}

/** Reads users and loads only when a batch first needs them: most events start no run at all. */
export function lazyAssigneeResolver(trx: Transaction<Database>): () => Promise<AssigneeResolver> {
  let loaded: Promise<AssigneeResolver> | null = null;
  return () => {
    loaded ??= loadAssigneeResolver(trx);
    return loaded;
  };
}
