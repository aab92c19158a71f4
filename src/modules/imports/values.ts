import { z } from 'zod';
import { maxQuantity } from '../../platform/field-formats.ts';
import { firstYear, lastYear } from '../../platform/timestamps.ts';

/** Cell parsers for imported text. Each refuses with a reason a person can act on. */

const timestampPattern = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?))?\s*(Z|UTC|[+-]\d{2}:?\d{2})?$/i;

/** ISO dates and timestamps, and the "2025-10-07 09:50:26 +0200" of shop exports; no zone means UTC. */
export function parseTimestamp(text: string): Date | null {
  const match = timestampPattern.exec(text.trim());
  if (!match) return null;
  const [, day, time = '00:00:00', zone = 'Z'] = match;
  const offset = /^(z|utc)$/i.test(zone) ? 'Z' : zone.replace(/^([+-]\d{2})(\d{2})$/, '$1:$2');
  // new Date() rolls 2026-02-30 over into March; a calendar day that does not exist is a bad date.
  const calendarDay = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(calendarDay.getTime()) || calendarDay.toISOString().slice(0, 10) !== day) return null;
  const at = new Date(`${day}T${time.length === 5 ? `${time}:00` : time}${offset}`);
  // As for the API and webhooks: year 1 or 9999 is a typo, and analytics would span millennia.
  if (calendarDay.getUTCFullYear() < firstYear || calendarDay.getUTCFullYear() > lastYear) return null;
  return Number.isNaN(at.getTime()) ? null : at;
}

/** 1234.5, "1,234.50" (thousands commas) and "12,50" (a decimal comma) are all amounts. */
export function parseAmount(text: string): number | null {
  let t = text.trim().replace(/^[$€£]\s*/, '');
  if (/^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(t)) t = t.replaceAll(',', '');
  else if (/^-?\d+,\d{1,2}$/.test(t)) t = t.replace(',', '.');
  if (!/^-?\d+(\.\d+)?$/.test(t)) return null;
  return Number(t);
}

const trueWords = new Set(['true', 'yes', 'y', '1', 'x']);
const falseWords = new Set(['false', 'no', 'n', '0']);

export const cell = {
  text: (max: number) => z.string().max(max, `is longer than ${max} characters`),
  timestamp: z.string().transform((text, ctx) => {
    const at = parseTimestamp(text);
    if (!at) ctx.addIssue({ code: 'custom', message: `bad date "${text}" (use YYYY-MM-DD or an ISO timestamp, a year from ${firstYear} to ${lastYear})` });
    return at ?? new Date(0);
  }),
  /** An amount up to `max` (the column's own limit, said here rather than by the database). */
  amount: (max: number) =>
    z.string().transform((text, ctx) => {
      const amount = parseAmount(text);
      if (amount === null) ctx.addIssue({ code: 'custom', message: `"${text}" is not an amount` });
      else if (amount < 0) ctx.addIssue({ code: 'custom', message: `negative amount ${text}` });
      else if (amount > max) ctx.addIssue({ code: 'custom', message: `amount ${text} is more than ${max}` });
      return amount ?? 0;
    }),
  quantity: z.string().transform((text, ctx) => {
    const n = Number(text);
    if (!Number.isInteger(n) || n <= 0) ctx.addIssue({ code: 'custom', message: `quantity "${text}" is not a whole number above 0` });
    else if (n > maxQuantity) ctx.addIssue({ code: 'custom', message: `quantity ${text} is more than ${maxQuantity}` });
    return n;
  }),
  boolean: z.string().transform((text, ctx) => {
    const word = text.toLowerCase();
    if (!trueWords.has(word) && !falseWords.has(word)) ctx.addIssue({ code: 'custom', message: `"${text}" is not yes or no` });
    return trueWords.has(word);
  }),
  /** One of a few words, however it is capitalised or padded: "Customer" as the app shows it is customer. */
  choice: <const T extends readonly [string, ...string[]]>(values: T, message: string) =>
    z
      .string()
      .transform((text) => text.trim().toLowerCase())
      .pipe(z.enum(values, { message })),
  /** "vip, coffee" or "vip;coffee": a list in one cell. */
  list: z.string().transform((text) => text.split(/[,;|]/).map((t) => t.trim()).filter((t) => t.length > 0).slice(0, 50)),
  email: z.string().max(254).email('is not an email address').transform((e) => e.toLowerCase()),
};

/** The first problem of a row, named by field, as the failed-rows report shows it. */
export function reasonOf(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid row';
  const field = issue.path.join('.');
  const message = issue.code === 'invalid_type' && issue.input === undefined ? 'is empty' : issue.message;
  return field ? `${field}: ${message}` : message;
}
