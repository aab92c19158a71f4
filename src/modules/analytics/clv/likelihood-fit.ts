// Maximum likelihood for the CLV models: BFGS on the logs of the (positive) parameters, with
// standard errors from the observed information.

import {
  type DifferentiableObjective,
  type MinimizeResult,
  maxAbs,
  minimizeBfgs,
  minimizeBfgsWithGradient,
  type Objective,
} from './optimize.ts';

export type LikelihoodFit = {
  values: number[];
  /** Delta-method standard errors, θ·se(ln θ); NaN where the information matrix is singular. */
  standardErrors: number[];
  logLikelihood: number;
  iterations: number;
};

/** A log density over ln θ with its gradient there: a log-likelihood, or a log prior. */
export type LogDensity = DifferentiableObjective;

/** Fresh BFGS starts from the last point when a run stalls at the rounding floor. */
const RESTARTS = 2;

/**
 * Minimises the mean negative log-likelihood per customer (so tolerances do not depend on the
 * number of customers) over ln θ, with central-difference gradients. Throws when there are no
 * customers or the optimiser does not converge, which happens when the data push a parameter to 0
 * or ∞: such data cannot identify the model.
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
  const result = minimizeWithRestarts(model, (from) => minimizeBfgs(objective, from), start);
  const hessian = numericalHessian(objective, result.point);
  return {
    ...describeOptimum(result.point, hessian, customers),
    logLikelihood: -result.value * customers,
    iterations: result.iterations,
  };
}

/**
 * As maximizeLogLikelihood, with the log-likelihood's own gradient over ln θ, and optionally a log
 * prior added to it (the reported log-likelihood leaves the prior out; the standard errors keep it).
 */
export function maximizeLogLikelihoodWithGradient(
  model: string,
  logLikelihood: LogDensity,
  start: readonly number[],
  customers: number,
  logPrior?: LogDensity,
): LikelihoodFit {
  if (customers === 0) throw new Error(`Cannot fit ${model} without customers.`);
  const objective: DifferentiableObjective = (logValues) => {
    const likelihood = logLikelihood(logValues);
    const prior = logPrior?.(logValues);
    return {
      value: -(likelihood.value + (prior?.value ?? 0)) / customers,
      gradient: likelihood.gradient.map((g, i) => -(g + (prior?.gradient[i] ?? 0)) / customers),
    };
  };
  const result = minimizeWithRestarts(
    model,
    (from) => minimizeBfgsWithGradient(objective, from),
    start,
  );
  const hessian = hessianFromGradient(objective, result.point);
  return {
    ...describeOptimum(result.point, hessian, customers),
    logLikelihood: logLikelihood(result.point).value,
    iterations: result.iterations,
  };
}

/** Runs BFGS from ln(start), restarting when it stalls; throws if it never converges. */
function minimizeWithRestarts(
  model: string,
  minimize: (from: readonly number[]) => MinimizeResult,
  start: readonly number[],
): MinimizeResult {
  let result = minimize(start.map(Math.log));
  let iterations = result.iterations;
  for (let restart = 0; restart < RESTARTS && !result.converged; restart++) {
    result = minimize(result.point);
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
  return { ...result, iterations };
}

/** θ and its standard errors from the Hessian of the mean negative log-likelihood over ln θ. */
function describeOptimum(
  logValues: readonly number[],
  hessian: number[][],
  customers: number,
): Pick<LikelihoodFit, 'values' | 'standardErrors'> {
  const values = logValues.map(Math.exp);
  const covariance = invertMatrix(hessian);
  const standardErrors = values.map((value, i) => {
    const variance = (covariance?.[i]?.[i] ?? Number.NaN) / customers;
    return variance > 0 ? value * Math.sqrt(variance) : Number.NaN;
  });
  return { values, standardErrors };
}

/**
 * Central differences of an exact gradient, symmetrised: 2n evaluations, and more accurate than
 * second differences of the value.
 */
function hessianFromGradient(f: DifferentiableObjective, point: readonly number[]): number[][] {
  const columns = point.map((value, i) => {
    const h = 1e-5 * Math.max(1, Math.abs(value));
    const up = [...point];
    const down = [...point];
    up[i] = value + h;
    down[i] = value - h;
    const above = f(up).gradient;
    const below = f(down).gradient;
    return above.map((g, k) => (g - (below[k] ?? Number.NaN)) / (2 * h));
  });
  return columns.map((column, i) =>
    column.map((v, j) => (v + (columns[j]?.[i] ?? Number.NaN)) / 2),
  );
}

/** Central-difference Hessian from values alone, for objectives without a gradient. */
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
