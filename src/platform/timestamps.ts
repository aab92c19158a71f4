import { z } from 'zod';

const isoTimestamp = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

// Earlier or later than this is a typo or a probe, not an order: PostgreSQL would store year 0 as
// 1 BC and year 99999 without complaint, and analytics would span millennia.
export const firstYear = 1900;
export const lastYear = 2999;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Why a timestamp string is not a real ISO 8601 moment, or null when it is. */
function timestampProblem(text: string): string | null {
  const match = isoTimestamp.exec(text);
  if (!match) return 'must be an ISO 8601 date or date-time, e.g. 2024-02-29T10:00:00Z';
  const dayIssue = dayProblem(`${match[1]}-${match[2]}-${match[3]}`);
  if (dayIssue) return dayIssue;
  const [hour = 0, minute = 0, second = 0] = match.slice(4, 7).map((part) => Number(part ?? 0));
  if (hour > 23 || minute > 59 || second > 59) return 'must have a time of day from 00:00:00 to 23:59:59';
  if (Number.isNaN(toDate(text).getTime())) return 'has an offset that is not a time zone offset';
  return null;
}

function toDate(text: string): Date {
  if (text.length === 10) return new Date(`${text}T00:00:00Z`);
  const iso = text.replace(' ', 'T').replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  return new Date(/(Z|[+-]\d{2}:\d{2})$/i.test(iso) ? iso : `${iso}Z`);
}

/** Trimmed text that `problemOf` finds nothing wrong with; its problem is the field's message. */
function checkedText(problemOf: (text: string) => string | null) {
  return z
    .string()
    .trim()
    .superRefine((text, ctx) => {
      const problem = problemOf(text);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    });
}

/**
 * A moment sent by a client or another system (the API, webhooks): a real calendar date from 1900
 * to 2999, never rolled over the way `new Date('2024-02-30')` turns into 1 March, and a string:
 * `z.coerce.date()` took null for 1970 and `true` for a millisecond after it. Without an offset it
 * is read as UTC.
 */
export const externalTimestamp = checkedText(timestampProblem).transform(toDate);

const dayPattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Why a text is not a calendar day of 1900–2999 written YYYY-MM-DD, or null when it is. */
function dayProblem(text: string): string | null {
  const match = dayPattern.exec(text);
  if (!match) return 'must be a day written as YYYY-MM-DD, e.g. 2026-08-03';
  const [year, month, day] = match.slice(1, 4).map(Number);
  if (year === undefined || year < firstYear || year > lastYear) return `must be a year from ${firstYear} to ${lastYear}`;
  if (month === undefined || month < 1 || month > 12) return 'must have a month from 01 to 12';
  if (day === undefined || day < 1 || day > daysInMonth(year, month)) return `is not a day of ${match[1]}-${match[2]}`;
  return null;
}

/**
 * A calendar day (a due date, a target, an absence) as text: a real day of 1900–2999. A regex
 * alone let 2027-02-30 and 0000-01-01 through to PostgreSQL, which refused them without a field.
 */
export const calendarDay = checkedText(dayProblem);

/**
 * An IANA time zone name this server can compute in ("Europe/Berlin"). A person's or the company's
 * zone decides what "today" is; an unknown one would fail every page that asks.
 */
export const timeZoneName = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .refine((zone) => {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  }, 'is not a known time zone (use an IANA name such as Europe/Berlin)');
