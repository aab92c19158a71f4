// Unconstrained minimisation for the model fits, which run on log-parameters so every point is
// valid. See docs/decisions/0005-clv-optimizer.md for why BFGS, where gradients come from, and why
// not a package.

export type Objective = (point: readonly number[]) => number;

export type ValueAndGradient = { value: number; gradient: number[] };

/** An objective that returns its exact gradient with its value: they share most of the work. */
export type DifferentiableObjective = (point: readonly number[]) => ValueAndGradient;

/** A point's value and, on demand, its gradient: a line search needs it only where it stops. */
type Evaluation = { value: number; gradient: () => number[] };

export type MinimizeOptions = {
  /**
   * Stop when every gradient component is below this times max(1, |objective|). The objective is a
   * mean per customer, so this does not depend on how many customers there are; scaling by its value
   * makes it independent of the units too (see converged()).
   */
  gradientTolerance?: number;
  maxIterations?: number;
  /** Largest move of any coordinate in one step; in log space 3 is a factor of 20. */
  maxStep?: number;
};

export type MinimizeResult = {
  point: number[];
  value: number;
  gradient: number[];
  iterations: number;
  evaluations: number;
  converged: boolean;
};

const ARMIJO = 1e-4;
/**
 * The stall test: a step that changed the objective by at most VALUE_TOLERANCE and every coordinate
 * by at most STEP_TOLERANCE (both relative) while the gradient is below STALL_GRADIENT_TOLERANCE
 * (relative to the objective) is at the optimum as far as doubles can tell. A mean log-likelihood
 * of 7 is a sum of terms ten times larger that cancel, so its gradient cannot be resolved much below
 * 1e-7; demanding that made fits on good data fail after 1,500 iterations of steps of 1e-9.
 */
const VALUE_TOLERANCE = 1e-12;
const STEP_TOLERANCE = 1e-6;
const STALL_GRADIENT_TOLERANCE = 1e-5;

const objectiveScale = (value: number): number => Math.max(1, Math.abs(value));

/** Gradient small relative to the objective, or a stall at the rounding floor close to the optimum. */
function converged(value: number, gradient: readonly number[], tolerance: number, stalled: boolean): boolean {
  const relativeGradient = maxAbs(gradient) / objectiveScale(value);
  return relativeGradient < tolerance || (stalled && relativeGradient < STALL_GRADIENT_TOLERANCE);
}

function isStall(before: readonly number[], after: readonly number[], valueBefore: number, valueAfter: number): boolean {
  if (valueBefore - valueAfter > VALUE_TOLERANCE * objectiveScale(valueAfter)) return false;
  return after.every((v, i) => Math.abs(v - (before[i] ?? 0)) <= STEP_TOLERANCE * Math.max(1, Math.abs(v)));
}

/** Central-difference gradient; the step h = 1e-5·max(1, |x|) balances truncation and rounding. */
export function numericalGradient(f: Objective, point: readonly number[]): number[] {
  return point.map((value, i) => {
    const h = 1e-5 * Math.max(1, Math.abs(value));
    const up = [...point];
    const down = [...point];
    up[i] = value + h;
    down[i] = value - h;
    return (f(up) - f(down)) / (2 * h);
  });
}

const dot = (u: readonly number[], v: readonly number[]): number =>
  u.reduce((sum, ui, i) => sum + ui * (v[i] ?? 0), 0);
export const maxAbs = (u: readonly number[]): number =>
  u.reduce((m, ui) => Math.max(m, Math.abs(ui)), 0);
const identity = (n: number): number[][] =>
  Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));

/** BFGS (see bfgs) with central-difference gradients. */
export function minimizeBfgs(
  f: Objective,
  start: readonly number[],
  options: MinimizeOptions = {},
): MinimizeResult {
  let evaluations = 0;
  const counted: Objective = (point) => {
    evaluations++;
    return f(point);
  };
  const result = bfgs(
    (point) => {
      const value = counted(point);
      return { value, gradient: () => numericalGradient(counted, point) };
    },
    start,
    options,
  );
  return { ...result, evaluations };
}

/** BFGS (see bfgs) with the objective's own gradient. */
export function minimizeBfgsWithGradient(
  f: DifferentiableObjective,
  start: readonly number[],
  options: MinimizeOptions = {},
): MinimizeResult {
  let evaluations = 0;
  const result = bfgs(
    (point) => {
      evaluations++;
      const { value, gradient } = f(point);
      return { value, gradient: () => gradient };
    },
    start,
    options,
  );
  return { ...result, evaluations };
}

/**
 * BFGS on the inverse Hessian with a backtracking (Armijo) line search. Points where the objective
 * is not finite are treated as too far and the step is halved, so an objective may return NaN or ∞
 * outside its domain.
 */
function bfgs(
  evaluate: (point: readonly number[]) => Evaluation,
  start: readonly number[],
  options: MinimizeOptions,
): Omit<MinimizeResult, 'evaluations'> {
  const gradientTolerance = options.gradientTolerance ?? 1e-7;
  const maxIterations = options.maxIterations ?? 500;
  const maxStep = options.maxStep ?? 3;
  const n = start.length;
  let point = [...start];
  const first = evaluate(point);
  let value = first.value;
  if (!Number.isFinite(value)) {
    throw new Error('The objective is not finite at the starting point.');
  }
  let gradient = first.gradient();
  let inverseHessian = identity(n);
  let iterations = 0;
  let stalled = false;
  while (iterations < maxIterations && !converged(value, gradient, gradientTolerance, stalled)) {
    iterations++;
    let direction = inverseHessian.map((row) => -dot(row, gradient));
    let slope = dot(gradient, direction);
    if (!(slope < 0)) {
      inverseHessian = identity(n);
      direction = gradient.map((gi) => -gi);
      slope = dot(gradient, direction);
    }
    let step = Math.min(1, maxStep / maxAbs(direction));
    let next: number[] = point;
    let accepted: Evaluation | undefined;
    while (step > 1e-14 && !accepted) {
      next = point.map((pi, i) => pi + step * (direction[i] ?? 0));
      const trial = evaluate(next);
      if (Number.isFinite(trial.value) && trial.value <= value + ARMIJO * step * slope) {
        accepted = trial;
      } else {
        step /= 2;
      }
    }
    if (!accepted) {
      stalled = true; // no decrease along a descent direction: at the rounding floor
      break;
    }
    const nextValue = accepted.value;
    const nextGradient = accepted.gradient();
    const s = next.map((ni, i) => ni - (point[i] ?? 0));
    const y = nextGradient.map((gi, i) => gi - (gradient[i] ?? 0));
    const sy = dot(s, y);
    if (sy > 1e-12 * Math.sqrt(dot(s, s) * dot(y, y))) {
      if (iterations === 1) {
        // Scale the first guess to the curvature just seen, as Nocedal & Wright (6.20) suggest.
        inverseHessian = identity(n).map((row) => row.map((v) => (v * sy) / dot(y, y)));
      }
      inverseHessian = updateInverseHessian(inverseHessian, s, y, sy);
    }
    stalled = isStall(point, next, value, nextValue);
    point = next;
    value = nextValue;
    gradient = nextGradient;
  }
  return { point, value, gradient, iterations, converged: converged(value, gradient, gradientTolerance, stalled) };
}

function updateInverseHessian(
  h: number[][],
  s: readonly number[],
  y: readonly number[],
  sy: number,
): number[][] {
  const hy = h.map((row) => dot(row, y));
  const yhy = dot(y, hy);
  return h.map((row, i) =>
    row.map((hij, j) => {
      const si = s[i] ?? 0;
      const sj = s[j] ?? 0;
      return (
        hij + ((sy + yhy) * si * sj) / (sy * sy) - ((hy[i] ?? 0) * sj + si * (hy[j] ?? 0)) / sy
      );
    }),
  );
}
