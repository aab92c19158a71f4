// Holds a chunk of accounts' RFM rows between scoring's two passes in a few typed arrays instead of
// a few thousand objects. A million row objects with their strings make every garbage collection
// trace a gigabyte of live heap, and the second pass then spends its time collecting garbage; the
// packed form is about 100 bytes per account and holds no objects but the ids.

import type { AccountRfm } from './rfm.queries.ts';

const numberFields = [
  'orders', 'order_days', 'recency_days', 'span_days', 'age_days', 'monetary', 'repeat_spend_mean',
  'median_latency_days', 'mean_latency_days', 'days_since_touch',
] as const satisfies readonly (keyof AccountRfm)[];
const dateFields = ['first_order_on', 'last_order_on', 'next_expected_order_on'] as const satisfies readonly (keyof AccountRfm)[];

type NumberField = (typeof numberFields)[number];
type DateField = (typeof dateFields)[number];
/** An account's row without its order quarters, which scoring counts as it reads them. */
export type PackedRow = Omit<AccountRfm, 'quarters'>;

export type PackedChunk = { length: number; accountIds: string[]; row(index: number): PackedRow };

/** Dates are shared strings: two years of history hold a few hundred distinct days, not a million. */
export function createDateInterner(): (date: string | null) => string | null {
  const seen = new Map<string, string>();
  return (date) => {
    if (date === null) return null;
    const known = seen.get(date);
    if (known !== undefined) return known;
    seen.set(date, date);
    return date;
  };
}

type Columns = { accountIds: string[]; numbers: Record<NumberField, Float64Array>; dates: Record<DateField, (string | null)[]> };

export function packChunk(rows: readonly AccountRfm[], intern: (date: string | null) => string | null): PackedChunk {
  // null becomes NaN in the typed arrays; no field that can be null is ever NaN otherwise.
  return unpacker({
    accountIds: rows.map((row) => row.account_id),
    numbers: Object.fromEntries(numberFields.map((field) => [field, Float64Array.from(rows, (row) => row[field] ?? Number.NaN)])) as Columns['numbers'],
    dates: Object.fromEntries(dateFields.map((field) => [field, rows.map((row) => intern(row[field]))])) as Columns['dates'],
  });
}

/**
 * A function of its own so that the closures it returns cannot hold on to the rows: closures made
 * in one call share its variables, and packChunk's callbacks use `rows`.
 */
function unpacker({ accountIds, numbers, dates }: Columns): PackedChunk {
  const number = (field: NumberField, index: number) => numbers[field][index] ?? Number.NaN;
  const nullable = (value: number) => (Number.isNaN(value) ? null : value);
  return {
    length: accountIds.length,
    accountIds,
    row: (index) => ({
      account_id: accountIds[index] ?? '',
      first_order_on: dates.first_order_on[index] ?? '',
      last_order_on: dates.last_order_on[index] ?? '',
      next_expected_order_on: dates.next_expected_order_on[index] ?? null,
      orders: number('orders', index),
      order_days: number('order_days', index),
      recency_days: number('recency_days', index),
      span_days: number('span_days', index),
      age_days: number('age_days', index),
      monetary: number('monetary', index),
      repeat_spend_mean: number('repeat_spend_mean', index),
      median_latency_days: nullable(number('median_latency_days', index)),
      mean_latency_days: nullable(number('mean_latency_days', index)),
      days_since_touch: nullable(number('days_since_touch', index)),
    }),
  };
}
