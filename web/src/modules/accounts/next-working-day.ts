import { addDaysToDate, zonedParts } from '../me/zoned-time.ts';

/**
 * A sensible default for a next step: the next working day (Monday to Friday) at 10:00, counted in
 * the person's own time zone, because "tomorrow" on a Friday evening in Helsinki is not Saturday.
 */
export function nextWorkingDay(timeZone: string, now: Date = new Date()): { date: string; time: string } {
  let date = addDaysToDate(zonedParts(now.toISOString(), timeZone).date, 1);
  while ([0, 6].includes(new Date(`${date}T00:00:00Z`).getUTCDay())) date = addDaysToDate(date, 1);
  return { date, time: '10:00' };
}
