// Customers with identical histories add identical terms to a likelihood, so the fits evaluate each
// distinct history once, weighted by how many customers share it. Terms that depend only on the
// repeat-purchase count x are computed once per distinct x, through `counts`.

import type { PurchaseHistory, SpendHistory } from './summary.ts';

/** The distinct repeat-purchase counts, ascending, and how many customers have each. */
export type DistinctCounts = { values: Float64Array; customers: Float64Array };

type Groups = {
  /** All customers, the sum of `weight`. */
  customers: number;
  /** Customers sharing each distinct history. */
  weight: Float64Array;
  /** Each history's position in counts.values. */
  countIndex: Uint32Array;
  counts: DistinctCounts;
};

/** Distinct (x, t_x, T), sorted by x, then t_x, then T. */
export type GroupedPurchases = Groups & { x: Float64Array; tx: Float64Array; T: Float64Array };

/** Distinct (x, mean spend), sorted by x, then spend. */
export type GroupedSpend = Groups & { x: Float64Array; monetary: Float64Array };

export function groupPurchaseHistories(customers: readonly PurchaseHistory[]): GroupedPurchases {
  const columns = [
    Float64Array.from(customers, (c) => c.x),
    Float64Array.from(customers, (c) => c.tx),
    Float64Array.from(customers, (c) => c.T),
  ];
  const { grouped, ...groups } = groupRows(columns);
  const [x = new Float64Array(), tx = new Float64Array(), T = new Float64Array()] = grouped;
  return { ...groups, x, tx, T };
}

export function groupSpendHistories(customers: readonly SpendHistory[]): GroupedSpend {
  const columns = [
    Float64Array.from(customers, (c) => c.x),
    Float64Array.from(customers, (c) => c.monetary),
  ];
  const { grouped, ...groups } = groupRows(columns);
  const [x = new Float64Array(), monetary = new Float64Array()] = grouped;
  return { ...groups, x, monetary };
}

/**
 * Sorts the rows by their columns, the first being x, and merges equal rows. Sorting rather than
 * hashing: string keys of three doubles cost more than the sort, and it leaves x ascending.
 */
function groupRows(columns: readonly Float64Array[]): Groups & { grouped: Float64Array[] } {
  const rows = columns[0]?.length ?? 0;
  const compare = (i: number, j: number): number => {
    for (let c = 0; c < columns.length; c++) {
      const column = columns[c]!;
      const difference = column[i]! - column[j]!;
      if (difference !== 0) return difference;
    }
    return 0;
  };
  const order = new Uint32Array(rows).map((_, i) => i).sort(compare);
  const starts: number[] = [];
  for (let k = 0; k < rows; k++) {
    if (k === 0 || compare(order[k - 1]!, order[k]!) !== 0) starts.push(k);
  }
  const grouped = columns.map((column) => Float64Array.from(starts, (k) => column[order[k]!]!));
  const weight = Float64Array.from(starts, (k, g) => (starts[g + 1] ?? rows) - k);
  const x = grouped[0] ?? new Float64Array();
  return { customers: rows, weight, grouped, ...distinctCounts(x, weight) };
}

function distinctCounts(
  x: Float64Array,
  weight: Float64Array,
): { counts: DistinctCounts; countIndex: Uint32Array } {
  const values: number[] = [];
  const customers: number[] = [];
  const countIndex = new Uint32Array(x.length);
  for (let g = 0; g < x.length; g++) {
    const last = values.length - 1;
    if (values[last] === x[g]) {
      customers[last] = (customers[last] ?? 0) + weight[g]!;
      countIndex[g] = last;
    } else {
      values.push(x[g]!);
      customers.push(weight[g]!);
      countIndex[g] = last + 1;
    }
  }
  return {
    counts: { values: Float64Array.from(values), customers: Float64Array.from(customers) },
    countIndex,
  };
}
