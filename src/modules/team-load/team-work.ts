import { type Kysely, sql } from 'kysely';
import { DAY_MS, now } from '../../platform/clock.ts';
import type { Database, Role, TouchKind } from '../../platform/db-schema.ts';
import { addCalendarDays, localDate } from '../../platform/working-time.ts';
import { isWorkingDay, type PlacedPerson } from '../playbooks/index.ts';

/** The days a manager looks at: the next four weeks, in whole weeks from this week's Monday. */
const aheadDays = 28;
// A rebalance may move a task up to its window's end, which can lie past the four weeks: a window is
// at most 60 working days (playbooks.schema.ts), under 90 calendar days.
const reachDays = 90;

/** A planned task of a person, on their local day, with the window it may move in (none without slack). */
export type PlannedTask = {
  id: string;
  assigneeId: string;
  accountName: string;
  subject: string;
  kind: TouchKind;
  dueAt: Date;
  day: string;
  window: { from: Date; until: Date } | null;
};
export type TeamMember = PlacedPerson & { name: string; role: Role; workStartHour: number; workEndHour: number; today: string; tasks: PlannedTask[] };
export type TeamWork = { days: string[]; people: TeamMember[] };

const isoWeekday = (ymd: string) => new Date(`${ymd}T12:00:00Z`).getUTCDay() || 7;

/** From this week's Monday to the Sunday that ends the fourth week ahead: five rows unless today is a Monday. */
export function gridFrom(today: string): string[] {
  const monday = addCalendarDays(today, 1 - isoWeekday(today));
  const weeks = Math.ceil((isoWeekday(today) - 1 + aheadDays) / 7);
  return Array.from({ length: weeks * 7 }, (_, i) => addCalendarDays(monday, i));
}

/** What a person can take on a day: nothing on a day off or away. */
export const dayCapacity = (person: TeamMember, ymd: string): number => (isWorkingDay(person, ymd) ? person.capacity.touches_per_day : 0);

/**
 * Every active person and their planned tasks from this week on, each on its day in the person's own
 * time zone. Snoozed tasks count where they are due but are not offered for moving: someone chose
 * that date.
 */
export async function loadTeamWork(db: Kysely<Database>): Promise<TeamWork> {
  const days = gridFrom(localDate(now(), 'UTC'));
  const first = days[0] ?? localDate(now(), 'UTC');
  const users = await db
    .selectFrom('users')
    .select(['id', 'name', 'role', 'time_zone', 'touches_per_day', 'working_days', 'work_start_hour', 'work_end_hour', 'away_from', 'away_until'])
    .where('active', '=', true)
    .orderBy('name')
    .orderBy('id')
    .execute();
  const query = db
    .selectFrom('touches as t')
    .innerJoin('users as u', 'u.id', 't.assignee_id')
    .innerJoin('accounts as a', 'a.id', 't.account_id')
    .select([
      't.id',
      't.assignee_id',
      't.kind',
      't.subject',
      't.due_at',
      't.window_from',
      't.window_until',
      't.snoozed_until',
      'a.name as account_name',
      sql<string>`(t.due_at at time zone u.time_zone)::date::text`.as('day'),
    ])
    .where('t.status', '=', 'planned')
    .where('t.due_at', '>=', new Date(Date.parse(`${first}T00:00:00Z`) - DAY_MS))
    .where('t.due_at', '<', new Date(Date.parse(`${first}T00:00:00Z`) + (days.length + reachDays) * DAY_MS))
    .orderBy('t.due_at')
    .orderBy('t.id');
  const rows = await query.execute();
  const people = users.map((u): TeamMember => ({
    id: u.id,
    name: u.name,
    role: u.role,
    time_zone: u.time_zone,
    capacity: u,
    workStartHour: u.work_start_hour,
    workEndHour: u.work_end_hour,
    away: u.away_from && u.away_until ? { from: u.away_from, until: u.away_until } : null,
    today: localDate(now(), u.time_zone),
    tasks: [],
  }));
  const byId = new Map(people.map((p) => [p.id, p]));
  for (const r of rows) {
    const person = r.assignee_id ? byId.get(r.assignee_id) : undefined;
    if (!person || !r.due_at) continue;
    const movable = r.window_from && r.window_until && !(r.snoozed_until && r.snoozed_until > now());
    person.tasks.push({
      id: r.id,
      assigneeId: person.id,
      accountName: r.account_name,
      subject: r.subject,
      kind: r.kind,
      dueAt: r.due_at,
      day: r.day,
      window: movable && r.window_from && r.window_until ? { from: r.window_from, until: r.window_until } : null,
    });
  }
  return { days, people };
}
