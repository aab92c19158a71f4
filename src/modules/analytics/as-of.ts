import { dayNumber } from './clv/summary.ts';

/** The calendar date `days` after (or before) a YYYY-MM-DD date. */
export function shiftDate(date: string, days: number): string {
  return new Date((dayNumber(date) + days) * 86_400_000).toISOString().slice(0, 10);
}

/** Whole days from one YYYY-MM-DD date to another. */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/** The UTC calendar date of a moment. */
export function utcDate(at: Date): string {
  return at.toISOString().slice(0, 10);
}
