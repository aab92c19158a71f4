import type { Transaction } from 'kysely';
import type { Database, Role } from '../../platform/db-schema.ts';
import { localDate } from '../../platform/working-time.ts';
import { type DayLoads, isAwayOn, loadDayLoads, type Placement, type PlacedPerson, placeTask } from './capacity-placement.ts';
import type { AssigneeRule } from './playbooks.schema.ts';

/**
 * Production always places work by capacity (decision 0025). A simulation may plan every task on its
 * wanted day instead, as before capacity-aware planning, to show what the placement changes.
 */
export type PlanningMode = 'capacity' | 'wanted_day';

type AccountOwners = { owner_id: string | null; service_owner_id: string | null };
/**
 * A person who takes a step, and where a task of theirs lands given what they already have planned:
 * a task wanted on a day they are away goes to who covers for them (`assigneeId`).
 */
export type Assignee = { id: string; time_zone: string; place: (wanted: Date, windowDays: number) => Placement & { assigneeId: string } };
export type AssigneeResolver = (account: AccountOwners, rule: AssigneeRule) => Assignee | null;

/**
 * Who does a step: the account's owner or service owner, or a manager. When the account has none
 * (or that person left), the colleague of the same role with the fewest planned touches takes it,
 * so no step is dropped and work spreads evenly. Users and their loads are read once per batch of
 * runs and kept up to date in memory as the batch assigns work, per day for capacity placement.
 * Work wanted while someone is away goes, like the work they had when they saved their time away, to
 * their backup or else to the least-loaded colleague of the same role who is in that day.
 */
export async function loadAssigneeResolver(trx: Transaction<Database>, planning: PlanningMode = 'capacity'): Promise<AssigneeResolver> {
  const users = await trx
    .selectFrom('users')
    .select(['id', 'role', 'time_zone', 'touches_per_day', 'working_days', 'work_start_hour', 'away_from', 'away_until', 'away_backup_id'])
    .where('active', '=', true)
    .orderBy('id')
    .execute();
  // Planning on the wanted day reads no day loads, as the engine did before capacity-aware planning.
  const dayLoads: DayLoads = planning === 'capacity' ? await loadDayLoads(trx) : new Map();
  const loads = await trx
    .selectFrom('touches')
    .select(['assignee_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('status', '=', 'planned')
    .where('assignee_id', 'is not', null)
    .groupBy('assignee_id')
    .execute();
  const load = new Map(loads.map((l) => [l.assignee_id, l.n]));
  const byId = new Map(users.map((u) => [u.id, u]));
  type User = (typeof users)[number];
  const personOf = (user: User): PlacedPerson => ({
    id: user.id,
    time_zone: user.time_zone,
    capacity: user,
    away: user.away_from && user.away_until ? { from: user.away_from, until: user.away_until } : null,
  });
  const leastLoadedUser = (role: Role, usable: (user: User) => boolean): User | undefined => {
    let best: User | undefined;
    for (const user of users) {
      if (user.role === role && usable(user) && (!best || (load.get(user.id) ?? 0) < (load.get(best.id) ?? 0))) best = user;
    }
    return best;
  };
  const coverOn = (user: User, ymd: string): User | undefined => {
    const inThatDay = (other: User) => other.id !== user.id && !isAwayOn(personOf(other).away, ymd);
    const backup = user.away_backup_id ? byId.get(user.away_backup_id) : undefined;
    return backup && inThatDay(backup) ? backup : leastLoadedUser(user.role, inThatDay);
  };
  const take = (user: User): Assignee => {
    load.set(user.id, (load.get(user.id) ?? 0) + 1);
    const place = (wanted: Date, windowDays: number) => {
      const cover = isAwayOn(personOf(user).away, localDate(wanted, user.time_zone)) ? coverOn(user, localDate(wanted, user.time_zone)) : undefined;
      const doer = cover ?? user;
      if (cover) {
        load.set(user.id, (load.get(user.id) ?? 1) - 1);
        load.set(cover.id, (load.get(cover.id) ?? 0) + 1);
      }
      const placed = planning === 'capacity' ? placeTask(dayLoads, personOf(doer), wanted, windowDays) : { dueAt: wanted, flag: null, window: null };
      return { ...placed, assigneeId: doer.id };
    };
    return { id: user.id, time_zone: user.time_zone, place };
  };
  const leastLoaded = (role: Role): Assignee | null => {
    const best = leastLoadedUser(role, () => true);
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
export function lazyAssigneeResolver(trx: Transaction<Database>, planning: PlanningMode = 'capacity'): () => Promise<AssigneeResolver> {
  let loaded: Promise<AssigneeResolver> | null = null;
  return () => {
    loaded ??= loadAssigneeResolver(trx, planning);
    return loaded;
  };
}
