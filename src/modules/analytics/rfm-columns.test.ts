import { describe, expect, it } from 'vitest';
import { type CompactRfm, parseCompactRfm, rfmDateFields, rfmNumberFields } from './rfm-columns.ts';

const textOf = (value: number | string | null) => (value === null ? '' : Object.is(value, -0) ? '-0' : String(value));
const listOf = (values: readonly (number | string | null)[]) => values.map(textOf).join(',');
/** compactRfm's row for `accounts` rows with the given lists, every other column all nulls. */
const chunkOf = (accounts: number, lists: Partial<CompactRfm>): CompactRfm => {
  const nulls = ','.repeat(accounts - 1);
  const columns = ['account_id', 'quarters', ...rfmNumberFields, ...rfmDateFields].map((field) => [field, nulls]);
  return { ...Object.fromEntries(columns), ...lists, accounts } as CompactRfm;
};

describe('reading a chunk of RFM rows sent as lists', () => {
  it('reads every double exactly as Number() reads the text PostgreSQL prints for it', () => {
    // JavaScript prints a double as PostgreSQL 12+ does, the shortest text that reads back the same,
    // but for -0, which PostgreSQL prints as '-0'.
    const doubles = [0, -0, 1, 0.1, 0.5, 123.45, 1e21, 1.5e-7, 29.666666666666668, 2 ** 53, 99999.99, -12.5, Number.POSITIVE_INFINITY];
    for (let i = 0; i < 20_000; i++) doubles.push(Math.round(Math.random() * 10 ** (1 + (i % 12))) / 10 ** (i % 7), Math.random() * 10 ** (i % 9));
    const read = parseCompactRfm(chunkOf(doubles.length, { monetary: listOf(doubles) })).numbers.monetary;
    expect(doubles.filter((value, index) => !Object.is(read[index], value))).toEqual([]);
  });

  it('keeps the lists aligned across empty entries, nulls and quarters', () => {
    const row = chunkOf(3, {
      account_id: 'a,b,c',
      orders: '1,2,3',
      median_latency_days: ',7.5,',
      first_order_on: '2026-01-05,2025-12-31,2026-01-05',
      next_expected_order_on: ',2026-02-01,',
      quarters: '8104,8103 8104,',
    });
    const columns = parseCompactRfm(row);
    expect(columns.accountIds).toEqual(['a', 'b', 'c']);
    expect([...columns.numbers.orders]).toEqual([1, 2, 3]);
    expect([...columns.numbers.median_latency_days]).toEqual([Number.NaN, 7.5, Number.NaN]);
    expect(columns.dates.first_order_on).toEqual(['2026-01-05', '2025-12-31', '2026-01-05']);
    expect(columns.dates.next_expected_order_on).toEqual([null, '2026-02-01', null]);
    expect(columns.quarters).toEqual([[8104], [8103, 8104], []]);
  });

  it('reads an empty chunk', () => {
    expect(parseCompactRfm(undefined)).toMatchObject({ accountIds: [], quarters: [] });
  });
});
