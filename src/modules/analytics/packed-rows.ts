// Holds a chunk of accounts' RFM rows between scoring's two passes in a few typed arrays instead of
// a few thousand objects. A million row objects with their strings make every garbage collection
// trace a gigabyte of live heap, and the second pass then spends its time collecting garbage; the
// packed form is about 100 bytes per account and holds no objects but the ids.

import { type RfmColumns, rfmDateFields, type rfmNumberFields } from './rfm-columns.ts';
import type { AccountRfm } from './rfm.queries.ts';

type NumberField = (typeof rfmNumberFields)[number] | 'days_since_touch';
type DateField = (typeof rfmDateFields)[number];
/** An account's row without its order quarters, which scoring counts as it reads them. */
export type PackedRow = Omit<AccountRfm, 'quarters'>;

export type PackedChunk = { length: number; accountIds: string[]; row(index: number): PackedRow };

export type DateInterner = (date: string | null) => string | null;

/** Dates are shared strings: two years of history hold a few hundred distinct days, not a million. */
export function createDateInterner(): DateInterner {
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

/** A chunk as read (rfm-columns.ts) with each account's days since its last touch (NaN for none); the quarters are left out. */
export function packChunk(rows: RfmColumns, daysSinceTouch: Float64Array, intern: DateInterner): PackedChunk {
  return unpacker({
    accountIds: rows.accountIds,
    numbers: { ...rows.numbers, days_since_touch: daysSinceTouch },
    dates: Object.fromEntries(rfmDateFields.map((field) => [field, rows.dates[field].map(intern)])) as Columns['dates'],
  });
}

/**
 * A function of its own so that the closures it returns cannot hold on to the rows: closures made
 * in one call share its variables, and packChunk's hold `rows` with its quarters.
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
