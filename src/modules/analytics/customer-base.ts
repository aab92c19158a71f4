// What scoring one account needs to know about all of them: the quintile breakpoints of recency,
// frequency and monetary value, and the rhythm of a typical repeat customer. Computed from the RFM
// rows scoring has already read, so it costs no second read of every order.

import type { AccountRfm } from './rfm.queries.ts';
import type { Breakpoints } from './segments.ts';

export type RfmBreakpoints = { recency: Breakpoints; frequency: Breakpoints; monetary: Breakpoints };

export type CustomerBase = {
  customers: number;
  repeatCustomers: number;
  /** Median over repeat customers of their mean days between orders; the rhythm of a typical customer. */
  typicalLatencyDays: number | null;
  breakpoints: RfmBreakpoints;
};

/** PostgreSQL's percentile_cont: linear interpolation between the two nearest ranks of ascending values. */
export function percentileCont(sorted: Float64Array, share: number): number {
  const position = share * (sorted.length - 1);
  const below = sorted[Math.floor(position)] ?? Number.NaN;
  const above = sorted[Math.ceil(position)] ?? Number.NaN;
  return below + (above - below) * (position - Math.floor(position));
}

function quintileBreakpoints(values: Float64Array): Breakpoints {
  values.sort();
  return [percentileCont(values, 0.2), percentileCont(values, 0.4), percentileCont(values, 0.6), percentileCont(values, 0.8)];
}

type BaseInput = Pick<AccountRfm, 'recency_days' | 'orders' | 'monetary' | 'order_days' | 'span_days'>;

/**
 * Collects the values the breakpoints need as accounts are read (plain arrays of numbers, 8 bytes
 * each), then describes the base: the 20th, 40th, 60th and 80th percentiles of recency (days),
 * frequency (orders) and monetary (total spend), and the typical rhythm; null without customers.
 */
export function createBaseCollector() {
  const recency: number[] = [];
  const orders: number[] = [];
  const monetary: number[] = [];
  const latencies: number[] = [];
  return {
    add(row: BaseInput) {
      recency.push(row.recency_days);
      orders.push(row.orders);
      monetary.push(row.monetary);
      if (row.order_days > 1) latencies.push(row.span_days / (row.order_days - 1));
    },
    describe(): CustomerBase | null {
      if (recency.length === 0) return null;
      const sortedLatencies = Float64Array.from(latencies).sort();
      return {
        customers: recency.length,
        repeatCustomers: latencies.length,
        typicalLatencyDays: latencies.length === 0 ? null : percentileCont(sortedLatencies, 0.5),
        breakpoints: {
          recency: quintileBreakpoints(Float64Array.from(recency)),
          frequency: quintileBreakpoints(Float64Array.from(orders)),
          monetary: quintileBreakpoints(Float64Array.from(monetary)),
        },
      };
    },
  };
}

export function describeCustomerBase(rows: Iterable<BaseInput>): CustomerBase | null {
  const collector = createBaseCollector();
  for (const row of rows) collector.add(row);
  return collector.describe();
}

/** 1–5 by how many breakpoints a value beats; equal values always get equal scores (ntile would split them). */
export function quintileScore(value: number, breakpoints: Breakpoints, higherIsBetter: boolean): number {
  let score = 1;
  for (const breakpoint of breakpoints) if (higherIsBetter ? value > breakpoint : value < breakpoint) score++;
  return score;
}
