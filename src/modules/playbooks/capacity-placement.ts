import { sql, type Transaction } from 'kysely';
import { DAY_MS, now } from '../../platform/clock.ts';
import type { Database, PlanningFlag } from '../../platform/db-schema.ts';
import { addCalendarDays, localDate, zonedTime } from '../../platform/working-time.ts';
import type { PlaybookStep } from './playbooks.schema.ts';

/** What a person can take on: touches per working day, on which ISO weekdays, from which hour. */
export type Capacity = { touches_per_day: number; working_days: number[]; work_start_hour: number };
/** Whole local days, first to last, on which a person is away (their profile's time away). */
export type TimeAway = { from: string; until: string };
export type PlacedPerson = { id: string; time_zone: string; capacity: Capacity; away?: TimeAway | null };
/**
 * Where a task lands, flagged when it overflows; for a task with slack, the due times it may later
 * move between (a rebalance keeps it there), for one without, none.
 */
export type Placement = { dueAt: Date; flag: PlanningFlag | null; window: { from: Date; until: Date } | null };

/** Planned touches per person per local day (`assignee|yyyy-mm-dd`), kept current as a batch plans. */
export type DayLoads = Map<string, number>;

/**
 * How many working days a step's task may move to find room. Given on the step, or by what the
 * touch is: a card, a check-in or a clipping can wait a few days; a call may be a recovery call
 * promised within one business day, so a call has no slack unless its step says so.
 */
export function stepWindowDays(step: Pick<PlaybookStep, 'window_days' | 'touch_kind'>): number {
  if (step.window_days !== undefined) return step.window_days;
  const byKind: Partial<Record<PlaybookStep['touch_kind'], number>> = { card: 5, check_in: 10, clipping: 5, management_call: 10 };
  return byKind[step.touch_kind] ?? 0;
}

/** Today's and later planned work per person and local day: past days no longer have room to give. */
export async function loadDayLoads(trx: Transaction<Database>): Promise<DayLoads> {
  const rows = await sql<{ assignee_id: string; day: string; n: number }>`
    select t.assignee_id, (t.due_at at time zone u.time_zone)::date::text as day, count(*)::int as n
    from touches t join users u on u.id = t.assignee_id
    where t.status = 'planned' and t.due_at >= ${new Date(now().getTime() - DAY_MS)}
    group by 1, 2`.execute(trx);
  return new Map(rows.rows.map((r) => [`${r.assignee_id}|${r.day}`, r.n]));
}

const isoWeekday = (ymd: string) => new Date(`${ymd}T12:00:00Z`).getUTCDay() || 7;

/** Whether a person is away on a local day: dates as `yyyy-mm-dd` compare as text. */
export const isAwayOn = (away: TimeAway | null | undefined, ymd: string): boolean => !!away && ymd >= away.from && ymd <= away.until;

/** A day the person works and is not away: the only days work with slack may land on. */
export const isWorkingDay = (person: PlacedPerson, ymd: string): boolean =>
  person.capacity.working_days.includes(isoWeekday(ymd)) && !isAwayOn(person.away, ymd);

// A person with no working day at all would loop forever; a year ahead is the planner's horizon.
const horizonDays = 366;

/** The wanted day and the next `windowDays` working days: the range a slack task may use, as due times, and its last day. */
function slackWindow(person: PlacedPerson, wanted: Date, wantedDay: string, windowDays: number): { window: { from: Date; until: Date }; lastDay: string } {
  let last = wantedDay;
  for (let seen = 0, ymd = wantedDay, step = 0; seen <= windowDays && step < horizonDays; step++, ymd = addCalendarDays(ymd, 1)) {
    if (!isWorkingDay(person, ymd)) continue;
    seen++;
    last = ymd;
  }
  return { window: { from: wanted, until: zonedTime(addCalendarDays(last, 1), 0, person.time_zone) }, lastDay: last };
}

/**
 * Days without room, remembered per loads and person: a day full stays full (only placeTask adds to
 * a DayLoads, and only ever adds), and a day off stays off. `skips` maps a day to a later one such
 * that no day from the first up to the second has room, so when a season fills up, each task jumps
 * over the full weeks instead of walking them day by day (a year of 100,000 accounts placed
 * hundreds of thousands of tasks).
 */
const noRoomUntil = new WeakMap<DayLoads, Map<string, Map<string, string>>>();

function skipsFor(loads: DayLoads, person: PlacedPerson): Map<string, string> {
  const { capacity, away } = person;
  const who = `${person.id}|${capacity.touches_per_day}|${capacity.working_days.join(',')}|${away?.from ?? ''}|${away?.until ?? ''}`;
  const byPerson = noRoomUntil.get(loads) ?? new Map<string, Map<string, string>>();
  noRoomUntil.set(loads, byPerson);
  const skips = byPerson.get(who) ?? new Map<string, string>();
  byPerson.set(who, skips);
  return skips;
}

/**
 * Where a person's task lands. Without slack it keeps its deadline and is flagged when the day is
 * already full. With slack it goes to the first working day with room among the wanted day and the
 * next `windowDays` working days; when all of them are full, to the first day with room after the
 * window (within a year), flagged, so capacity is never exceeded for work that can wait. Days away
 * count as days off: work with slack waits for the person's return or goes before they leave.
 */
export function placeTask(loads: DayLoads, person: PlacedPerson, wanted: Date, windowDays: number): Placement {
  const { capacity } = person;
  const loadOn = (ymd: string) => loads.get(`${person.id}|${ymd}`) ?? 0;
  const take = (ymd: string) => loads.set(`${person.id}|${ymd}`, loadOn(ymd) + 1);
  const wantedDay = localDate(wanted, person.time_zone);
  if (windowDays === 0) {
    const full = loadOn(wantedDay) >= capacity.touches_per_day;
    take(wantedDay);
    return { dueAt: wanted, flag: full ? 'over_capacity' : null, window: null };
  }
  const { window, lastDay } = slackWindow(person, wanted, wantedDay, windowDays);
  const skips = skipsFor(loads, person);
  const horizonEnd = addCalendarDays(wantedDay, horizonDays);
  const passed: string[] = [];
  let ymd = wantedDay;
  while (ymd < horizonEnd) {
    const jump = skips.get(ymd);
    if (jump === undefined && isWorkingDay(person, ymd) && loadOn(ymd) < capacity.touches_per_day) break;
    passed.push(ymd);
    ymd = jump ?? addCalendarDays(ymd, 1);
  }
  for (const day of passed) skips.set(day, ymd);
  if (ymd >= horizonEnd) {
    take(wantedDay);
    return { dueAt: wanted, flag: 'over_capacity', window };
  }
  take(ymd);
  const dueAt = ymd === wantedDay ? wanted : zonedTime(ymd, capacity.work_start_hour, person.time_zone);
  // Past the window's last working day: more than `windowDays` working days late.
  return { dueAt, flag: ymd > lastDay ? 'past_window' : null, window };
}
