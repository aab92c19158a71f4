// Maximum likelihood for the CLV models: BFGS on the logs of the (positive) parameters, with
// standard errors from the observed information.

import { maxAbs, minimizeBfgs, type Objective } from './optimize.ts';

export type LikelihoodFit = {
  values: number[];
  /** Delta-method standard errors, θ·se(ln θ); NaN where the information matrix is singular. */
  standardErrors: number[];
  logLikelihood: number;
  iterations: number;
};

/** Fresh BFGS starts from the last point when a run stalls at the rounding floor. */
const RESTARTS = 2;

/**
 * Minimises the mean negative log-likelihood per customer (so tolerances do not depend on the
 * number of customers) over ln θ. Throws when there are no customers or the optimiser does not
 * converge, which happens when the data push a parameter to 0 or ∞: such data cannot identify the
 * model.
 */
export function maximizeLogLikelihood(
  model: string,
  totalLogLikelihood: (values: number[]) => number,
  start: readonly number[],
  customers: number,
): LikelihoodFit {
  if (customers === 0) throw new Error(`Cannot fit ${model} without customers.`);
  const objective: Objective = (logValues) =>
    -totalLogLikelihood(logValues.map(Math.exp)) / customers;
  let result = minimizeBfgs(objective, start.map(Math.log));
  let iterations = result.iterations;
  for (let restart = 0; restart < RESTARTS && !result.converged; restart++) {
    result = minimizeBfgs(objective, result.point);
    iterations += result.iterations;
  }
  if (!result.converged) {
    const gradient = maxAbs(result.gradient).toExponential(2);
    const values = result.point.map((v) => Math.exp(v).toPrecision(4)).join(', ');
    throw new Error(
      `${model} fit did not converge after ${iterations} iterations (parameters ${values}, ` +
        `largest gradient ${gradient}); the data may not identify the model.`,
    );
  }
  const values = result.point.map(Math.exp);
  const covariance = invertMatrix(numericalHessian(objective, result.point));
  const standardErrors = values.map((value, i) => {
    const variance = (covariance?.[i]?.[i] ?? Number.NaN) / customers;
    return variance > 0 ? value * Math.sqrt(variance) : Number.NaN;
  });
  return {
    values,
    standardErrors,
    logLikelihood: -result.value * customers,
    iterations,
  };
}

/** Central-difference Hessian. */
function numericalHessian(f: Objective, point: readonly number[]): number[][] {
  const n = point.length;
  const h = point.map((value) => 1e-4 * Math.max(1, Math.abs(value)));
  const at = (i: number, si: number, j: number, sj: number): number => {
    const moved = [...point];
    moved[i] = (moved[i] ?? 0) + si * (h[i] ?? 0);
    moved[j] = (moved[j] ?? 0) + sj * (h[j] ?? 0);
    return f(moved);
  };
  const hessian = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      const second =
        (at(i, 1, j, 1) - at(i, 1, j, -1) - at(i, -1, j, 1) + at(i, -1, j, -1)) /
        (4 * (h[i] ?? 0) * (h[j] ?? 0));
      (hessian[i] ?? [])[j] = second;
      (hessian[j] ?? [])[i] = second;
    }
  }
  return hessian;
}

/** Inverse by Gauss–Jordan elimination with partial pivoting; undefined if singular. */
function invertMatrix(matrix: readonly (readonly number[])[]): number[][] | undefined {
  const n = matrix.length;
  const rows = matrix.map((row, i) => [
    ...row,
    ...Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)),
  ]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) {
      if (Math.abs(rows[r]?.[col] ?? 0) > Math.abs(rows[pivot]?.[col] ?? 0)) pivot = r;
    }
    const pivotRow = rows[pivot];
    const pivotValue = pivotRow?.[col] ?? 0;
    if (!pivotRow || !(Math.abs(pivotValue) > 1e-300)) return undefined;
    rows[pivot] = rows[col] ?? [];
    rows[col] = pivotRow.map((v) => v / pivotValue);
    const normalized = rows[col] ?? [];
    for (let r = 0; r < n; r++) {
      const row = rows[r];
      const factor = row?.[col] ?? 0;
      if (r === col || !row || factor === 0) continue;
      rows[r] = row.map((v, k) => v - factor * (normalized[k] ?? 0));
    }
  }
  return rows.map((row) => row.slice(n));
}
