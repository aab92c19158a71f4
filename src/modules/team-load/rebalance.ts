import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../platform/db-schema.ts';
import { addCalendarDays, localDate, zonedTime } from '../../platform/working-time.ts';
import { rescheduleTouchesInTransaction } from '../touches/index.ts';
import { dayCapacity, loadTeamWork, type PlannedTask, type TeamMember, type TeamWork } from './team-work.ts';

type Move = { task: PlannedTask; person: TeamMember; toDay: string; toDueAt: Date };
type StillOver = { assignee_id: string; name: string; day: string; planned: number; capacity: number };

/**
 * Where a task may go on another day of its person: the first working day from today with room,
 * inside its window. On the window's first day it keeps the time it was wanted at, else it starts
 * the person's working day, like the planner places it.
 */
function freeDayFor(task: PlannedTask, person: TeamMember, load: Map<string, number>, overDay: string): { day: string; dueAt: Date } | null {
  if (!task.window) return null;
  const firstDay = localDate(task.window.from, person.time_zone);
  const lastDay = localDate(new Date(task.window.until.getTime() - 1), person.time_zone);
  for (let day = firstDay > person.today ? firstDay : person.today; day <= lastDay; day = addCalendarDays(day, 1)) {
    if (day === overDay || (load.get(day) ?? 0) >= dayCapacity(person, day)) continue;
    const dueAt = day === firstDay ? task.window.from : zonedTime(day, person.workStartHour, person.time_zone);
    if (dueAt >= task.window.from && dueAt < task.window.until) return { day, dueAt };
  }
  return null;
}

/**
 * The moves that bring each person's over-full days down to their capacity, as far as the tasks'
 * windows allow. On a full day, the tasks that may wait longest move first; each goes to the
 * earliest day with room in its window. Tasks without slack stay: what is left over is reported.
 */
export function planRebalance(work: TeamWork): { moves: Move[]; stillOver: StillOver[] } {
  const moves: Move[] = [];
  const stillOver: StillOver[] = [];
  for (const person of work.people) {
    const load = new Map<string, number>();
    for (const task of person.tasks) load.set(task.day, (load.get(task.day) ?? 0) + 1);
    for (const day of work.days) {
      if (day < person.today) continue;
      const capacity = dayCapacity(person, day);
      const waitLongestFirst = person.tasks
        .filter((task) => task.day === day && task.window)
        .sort((a, b) => (b.window?.until.getTime() ?? 0) - (a.window?.until.getTime() ?? 0) || a.id.localeCompare(b.id));
      for (const task of waitLongestFirst) {
        if ((load.get(day) ?? 0) <= capacity) break;
        const free = freeDayFor(task, person, load, day);
        if (!free) continue;
        load.set(day, (load.get(day) ?? 0) - 1);
        load.set(free.day, (load.get(free.day) ?? 0) + 1);
        moves.push({ task, person, toDay: free.day, toDueAt: free.dueAt });
      }
      const left = load.get(day) ?? 0;
      if (left > capacity) stillOver.push({ assignee_id: person.id, name: person.name, day, planned: left, capacity });
    }
  }
  return { moves, stillOver };
}

const moveView = (move: Move) => ({
  touch_id: move.task.id,
  account_name: move.task.accountName,
  subject: move.task.subject,
  kind: move.task.kind,
  assignee_id: move.person.id,
  assignee_name: move.person.name,
  from_due_at: move.task.dueAt,
  to_due_at: move.toDueAt,
});

/** What a rebalance would move now, without moving anything. */
export async function previewRebalance(db: Kysely<Database>) {
  const { moves, stillOver } = planRebalance(await loadTeamWork(db));
  return { applied: false, moves: moves.map(moveView), still_over: stillOver };
}

/**
 * Moves the tasks in one transaction; a task finished, handed over or moved by someone else since
 * it was read is left alone (each move names the due time it was planned from), so nothing is
 * moved on a stale picture and no lock spans the team's rows (which Citus would refuse across
 * shards); all moves commit together. Returns what moved and the days that stay over capacity.
 */
export async function applyRebalance(db: Kysely<Database>, actorId: string) {
  return db.transaction().execute(async (trx: Transaction<Database>) => {
    const { moves, stillOver } = planRebalance(await loadTeamWork(trx));
    const done = await rescheduleTouchesInTransaction(
      trx,
      moves.map((m) => ({ touchId: m.task.id, assigneeId: m.person.id, fromDueAt: m.task.dueAt, toDueAt: m.toDueAt })),
      actorId,
    );
    const moved = new Set(done.map((d) => d.touchId));
    return { applied: true, moves: moves.filter((m) => moved.has(m.task.id)).map(moveView), still_over: stillOver };
  });
}
