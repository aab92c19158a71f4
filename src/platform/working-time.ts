import { DAY_MS } from './clock.ts';

const workStartHour = 9;

// Building a formatter costs far more than using one; bulk imports compute deadlines for every order.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      weekday: 'short',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

function localParts(at: Date, timeZone: string) {
  const parts = formatterFor(timeZone).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return {
    ymd: `${get('year')}-${get('month')}-${get('day')}`,
    weekday: get('weekday'),
    offsetMs: Date.UTC(+get('year'), +get('month') - 1, +get('day'), +get('hour'), +get('minute'), +get('second')) - Math.floor(at.getTime() / 1000) * 1000,
  };
}

const HOUR_MS = 3_600_000;
// A zone's offset per UTC hour, null for an hour in which it changes. Formatting a date costs about
// a microsecond and a half; a simulated year of a large business asks for millions of local days.
const hourOffsets = new Map<string, number | null>();

/** The zone's offset for the whole UTC hour of `at`, or null when it changes within that hour. */
function offsetThroughHour(at: Date, timeZone: string): number | null {
  const hourStart = Math.floor(at.getTime() / HOUR_MS) * HOUR_MS;
  const key = `${timeZone}|${hourStart}`;
  let offset = hourOffsets.get(key);
  if (offset === undefined) {
    const first = localParts(new Date(hourStart), timeZone).offsetMs;
    const last = localParts(new Date(hourStart + HOUR_MS - 1000), timeZone).offsetMs;
    offset = first === last ? first : null;
    // Bounded: a long-running server asks about a few years of hours at most, but never grows without end.
    if (hourOffsets.size > 200_000) hourOffsets.clear();
    hourOffsets.set(key, offset);
  }
  return offset;
}

/** The zone's offset at a moment. */
const offsetAt = (at: Date, timeZone: string): number => offsetThroughHour(at, timeZone) ?? localParts(at, timeZone).offsetMs;

/** The instant of a wall-clock hour on a calendar day in a time zone (DST-correct to the hour). */
export function zonedTime(ymd: string, hour: number, timeZone: string): Date {
  const guess = new Date(`${ymd}T${String(hour).padStart(2, '0')}:00:00Z`);
  const first = new Date(guess.getTime() - offsetAt(guess, timeZone));
  return new Date(guess.getTime() - offsetAt(first, timeZone));
}

export function localDate(at: Date, timeZone: string): string {
  const offset = offsetThroughHour(at, timeZone);
  return offset === null ? localParts(at, timeZone).ymd : new Date(at.getTime() + offset).toISOString().slice(0, 10);
}

// The day after a day, remembered: planning walks day by day, millions of steps in a simulated year.
const nextDays = new Map<string, string>();

/**
 * The calendar day `days` after a day. Past 9999-12-31 a day has no YYYY-MM-DD form, and a loop
 * walking towards a weekday would never reach one: that is an error, not a day.
 */
function dayAfter(ymd: string, days: number): string {
  const time = Date.parse(`${ymd}T00:00:00Z`) + days * DAY_MS;
  const day = Number.isNaN(time) ? '' : new Date(time).toISOString().slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new RangeError(`No calendar day ${days} days after ${ymd}: dates run from 0000-01-01 to 9999-12-31`);
  return day;
}

export function addCalendarDays(ymd: string, days: number): string {
  if (days !== 1) return dayAfter(ymd, days);
  let next = nextDays.get(ymd);
  if (next === undefined) {
    next = dayAfter(ymd, 1);
    // Bounded: a few decades of days, never growing without end on a long-running server.
    if (nextDays.size > 20_000) nextDays.clear();
    nextDays.set(ymd, next);
  }
  return next;
}

function isWeekend(ymd: string): boolean {
  const day = new Date(`${ymd}T12:00:00Z`).getUTCDay();
  return day === 0 || day === 6;
}

/**
 * When a step planned `offsetDays` after `from` is due for its assignee: 9:00 in the assignee's time
 * zone, moved past a weekend to Monday. Offset 0 means "now" for automated steps, but a person's
 * task falling on a weekend still waits for Monday.
 */
export function stepDueAt(from: Date, offsetDays: number, timeZone: string): Date {
  let ymd = addCalendarDays(localDate(from, timeZone), offsetDays);
  while (isWeekend(ymd)) ymd = addCalendarDays(ymd, 1);
  const due = zonedTime(ymd, workStartHour, timeZone);
  return offsetDays === 0 && due.getTime() < from.getTime() ? from : due;
}

/** "Within N business days" of a moment, in a time zone: weekends do not count. */
export function addBusinessDays(from: Date, businessDays: number, timeZone: string): Date {
  let ymd = localDate(from, timeZone);
  let left = businessDays;
  while (left > 0) {
    ymd = addCalendarDays(ymd, 1);
    if (!isWeekend(ymd)) left--;
  }
  return zonedTime(ymd, workStartHour, timeZone);
}

const workEndHour = 17;

/**
 * The deadline of a promise of `workingDays` working days, in a time zone: midnight after the
 * Nth working day following the day `from` falls on. An order placed on a weekend counts from
 * Monday; 0 is the end of the day it was placed. Friday 16:00 + 2 → Wednesday 00:00, not Sunday.
 */
export function endOfWorkingDays(from: Date, workingDays: number, timeZone: string): Date {
  let ymd = localDate(from, timeZone);
  while (isWeekend(ymd)) ymd = addCalendarDays(ymd, 1);
  let left = workingDays;
  while (left > 0) {
    ymd = addCalendarDays(ymd, 1);
    if (!isWeekend(ymd)) left--;
  }
  return zonedTime(addCalendarDays(ymd, 1), 0, timeZone);
}

/** `hours` of working time (9:00–17:00 on weekdays, in a time zone) after a moment. */
export function addWorkingHours(from: Date, hours: number, timeZone: string): Date {
  let left = hours * 3_600_000;
  let ymd = localDate(from, timeZone);
  let start = from.getTime();
  for (;;) {
    if (!isWeekend(ymd)) {
      const open = zonedTime(ymd, workStartHour, timeZone).getTime();
      const close = zonedTime(ymd, workEndHour, timeZone).getTime();
      const begin = Math.max(start, open);
      if (begin < close) {
        if (begin + left <= close) return new Date(begin + left);
        left -= close - begin;
      }
    }
    ymd = addCalendarDays(ymd, 1);
    start = zonedTime(ymd, 0, timeZone).getTime();
  }
}
