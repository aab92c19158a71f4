// The RFM rows of a chunk travel from PostgreSQL as one row of comma-separated lists, one list per
// column, and are parsed here straight into typed arrays. As `pg` row objects (10,000 a chunk,
// sixteen fields each, an int[] among them) a million accounts' rows cost Node about 4 s of CPU
// against 0.07 s for the server to produce them, and scoring packed them into typed arrays right
// after anyway.

import { type RawBuilder, sql } from 'kysely';
import type { AccountRfm } from './rfm.queries.ts';

export const rfmNumberFields = [
  'orders', 'order_days', 'recency_days', 'span_days', 'age_days', 'monetary', 'repeat_spend_mean',
  'median_latency_days', 'mean_latency_days',
] as const satisfies readonly (keyof AccountRfm)[];
export const rfmDateFields = ['first_order_on', 'last_order_on', 'next_expected_order_on'] as const satisfies readonly (keyof AccountRfm)[];

type RfmNumberField = (typeof rfmNumberFields)[number];
type RfmDateField = (typeof rfmDateFields)[number];

/** A chunk's RFM rows by column; a null number is NaN (no field that can be null is ever NaN otherwise). */
export type RfmColumns = {
  accountIds: string[];
  numbers: Record<RfmNumberField, Float64Array>;
  dates: Record<RfmDateField, (string | null)[]>;
  /** Per account, the quarters with an order, ascending. */
  quarters: number[][];
};

/** What compactRfm returns: the number of rows, and per column its values in the same row order. */
export type CompactRfm = Record<'account_id' | RfmNumberField | RfmDateField | 'quarters', string | null> & { accounts: number };

const listOf = (column: RawBuilder<unknown>) => sql`string_agg(coalesce(${column}::text, ''), ',')`;

/**
 * One row for `rows` (a select of account_id and rfmAsOf's columns), each column a list. The lists
 * need no ORDER BY of their own: the aggregates of one row are fed the same rows in the same order,
 * so the n-th entry of every list is the n-th row's (an ORDER BY in each would sort each list
 * apart on PostgreSQL 15). A null is an empty entry, so that the lists stay aligned, and quarters
 * are space-separated within an entry. Numbers cross as text: a float8 prints the shortest text
 * that reads back as the same double, as `pg` itself receives it. `flags` are boolean columns of
 * `rows`, each as a string of 't' and 'f' (null is 'f'), one letter per row.
 */
export function compactRfm<Flag extends string = never>(rows: RawBuilder<unknown>, flags: readonly Flag[] = []): RawBuilder<CompactRfm & Record<Flag, string | null>> {
  const columns = [...rfmNumberFields, ...rfmDateFields].map((field) => sql`${listOf(sql.ref(`rfm.${field}`))} as ${sql.ref(field)}`);
  const letters = flags.map((flag) => sql`string_agg(case when ${sql.ref(`rfm.${flag}`)} then 't' else 'f' end, '') as ${sql.ref(flag)}`);
  return sql`
    select count(*)::int as accounts, ${listOf(sql`rfm.account_id`)} as account_id, ${sql.join([...columns, ...letters])},
      ${listOf(sql`array_to_string(rfm.quarters, ' ')`)} as quarters
    from (${rows}) rfm`;
}

/** Calls `read` with the bounds of each of the `count` comma-separated entries of `list`, creating no strings. */
function scanEntries(list: string | null, count: number, read: (list: string, start: number, end: number, index: number) => void): void {
  if (list === null) return;
  let start = 0;
  for (let index = 0; index < count; index++) {
    const comma = list.indexOf(',', start);
    const end = comma < 0 ? list.length : comma;
    read(list, start, end, index);
    start = end + 1;
  }
}

const powersOfTen = Array.from({ length: 16 }, (_, power) => 10 ** power);

/**
 * The number PostgreSQL printed between start and end, as Number() reads it, without slicing the
 * entry off in the common case: with at most 15 digits the digits form an exact integer and 10^k
 * is exact, and IEEE division rounds their quotient correctly, so it is the very double Number()
 * gives (Clinger's fast path). Anything else (exponents, longer mantissas, Infinity) goes to Number().
 */
function numberAt(list: string, start: number, end: number): number {
  if (start === end) return Number.NaN;
  const negative = list.charCodeAt(start) === 45; // '-'
  let mantissa = 0;
  let digits = 0;
  let decimals = -1;
  for (let i = negative ? start + 1 : start; i < end; i++) {
    const code = list.charCodeAt(i);
    if (code >= 48 && code <= 57) {
      mantissa = mantissa * 10 + code - 48;
      digits++;
      if (decimals >= 0) decimals++;
    } else if (code === 46 && decimals < 0) {
      decimals = 0; // '.'
    } else {
      return Number(list.slice(start, end));
    }
  }
  if (digits === 0 || digits > 15) return Number(list.slice(start, end));
  const value = decimals > 0 ? mantissa / (powersOfTen[decimals] ?? Number.NaN) : mantissa;
  return negative ? -value : value;
}

function numbersIn(list: string | null, count: number): Float64Array {
  const values = new Float64Array(count).fill(Number.NaN);
  scanEntries(list, count, (text, start, end, index) => {
    values[index] = numberAt(text, start, end);
  });
  return values;
}

/** 'YYYY-MM-DD' entries (or empty, null), one string per distinct day: a chunk holds a few hundred days, not 10,000. */
function datesIn(list: string | null, count: number, days: Map<number, string>): (string | null)[] {
  const values = new Array<string | null>(count).fill(null);
  scanEntries(list, count, (text, start, end, index) => {
    if (start === end) return;
    let key = 0;
    for (let i = start; i < end; i++) {
      const code = text.charCodeAt(i);
      if (code >= 48 && code <= 57) key = key * 10 + code - 48;
      else if (code !== 45) key = Number.NaN; // not a plain ISO date: not cached
    }
    if (Number.isNaN(key)) {
      values[index] = text.slice(start, end);
      return;
    }
    let day = days.get(key);
    if (day === undefined) {
      day = text.slice(start, end);
      days.set(key, day);
    }
    values[index] = day;
  });
  return values;
}

/** Space-separated non-negative integers per entry, read digit by digit: a million small arrays are the bulk of the chunk. */
function quartersIn(list: string | null, count: number): number[][] {
  const all: number[][] = [];
  if (count === 0 || list === null) return all;
  let current: number[] = [];
  let value = -1;
  for (let i = 0; i <= list.length; i++) {
    const code = i < list.length ? list.charCodeAt(i) : 44;
    if (code >= 48 && code <= 57) {
      value = (value < 0 ? 0 : value * 10) + code - 48;
      continue;
    }
    if (value >= 0) current.push(value);
    value = -1;
    if (code === 44) {
      all.push(current);
      current = [];
    }
  }
  return all;
}

/** The columns of compactRfm's row (an aggregate's one row, which the driver's types leave possibly undefined). */
export function parseCompactRfm(row: CompactRfm | undefined): RfmColumns {
  const count = row?.accounts ?? 0;
  const list = (column: keyof Omit<CompactRfm, 'accounts'>) => (count === 0 ? null : (row?.[column] ?? null));
  const days = new Map<number, string>();
  return {
    accountIds: list('account_id')?.split(',') ?? [],
    numbers: Object.fromEntries(rfmNumberFields.map((field) => [field, numbersIn(list(field), count)])) as RfmColumns['numbers'],
    dates: Object.fromEntries(rfmDateFields.map((field) => [field, datesIn(list(field), count, days)])) as RfmColumns['dates'],
    quarters: quartersIn(list('quarters'), count),
  };
}

/** The rows `picks` names, each a row of one of several chunks' columns, in that order. */
export function pickRows(picks: readonly { from: RfmColumns; index: number }[]): RfmColumns {
  const dates = (field: RfmDateField) => picks.map(({ from, index }) => from.dates[field][index] ?? null);
  const numbers = (field: RfmNumberField) => Float64Array.from(picks, ({ from, index }) => from.numbers[field][index] ?? Number.NaN);
  return {
    accountIds: picks.map(({ from, index }) => from.accountIds[index] ?? ''),
    numbers: Object.fromEntries(rfmNumberFields.map((field) => [field, numbers(field)])) as RfmColumns['numbers'],
    dates: Object.fromEntries(rfmDateFields.map((field) => [field, dates(field)])) as RfmColumns['dates'],
    quarters: picks.map(({ from, index }) => from.quarters[index] ?? []),
  };
}
