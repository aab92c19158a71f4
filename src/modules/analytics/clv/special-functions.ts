// Special functions for the customer-lifetime-value models. Everything a likelihood touches works
// in log space: Γ(r + x) overflows a double once x passes about 171.

const LANCZOS_G = 607 / 128;
// Godfrey's coefficients for g = 607/128 (relative error about 1e-15).
const LANCZOS_COEFFICIENTS = [
  0.9999999999999971, 57.15623566586292, -59.59796035547549, 14.136097974741746,
  -0.4919138160976202, 0.00003399464998481189, 0.00004652362892704858, -0.00009837447530487956,
  0.0001580887032249125, -0.00021026444172410488, 0.00021743961811521265, -0.0001643181065367639,
  0.00008441822398385275, -0.000026190838401581408, 0.0000036899182659531625,
];
const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

/** ln Γ(x) for x > 0; NaN otherwise (the models never need negative arguments). */
export function logGamma(x: number): number {
  if (!(x > 0)) return Number.NaN;
  if (x === Number.POSITIVE_INFINITY) return x;
  if (x < 0.5) {
    // Γ(x) = Γ(x + 1) / x keeps the Lanczos sum in its accurate range.
    return logGamma(x + 1) - Math.log(x);
  }
  let sum = LANCZOS_COEFFICIENTS[0] ?? 1;
  for (let i = LANCZOS_COEFFICIENTS.length - 1; i > 0; i--) {
    sum += (LANCZOS_COEFFICIENTS[i] ?? 0) / (x + i);
  }
  const shifted = x + LANCZOS_G + 0.5;
  return (x + 0.5) * Math.log(shifted) - shifted + HALF_LOG_TWO_PI + Math.log(sum / x);
}

/** Below this the asymptotic series of ψ is shifted up with ψ(x) = ψ(x + 1) − 1/x. */
const DIGAMMA_ASYMPTOTIC_FROM = 10;

/** ψ(x) = d ln Γ(x) / dx for x > 0; NaN otherwise. Accurate to a few units in 1e-16. */
export function digamma(x: number): number {
  if (!(x > 0)) return Number.NaN;
  if (x === Number.POSITIVE_INFINITY) return x;
  let shifted = x;
  let recurrence = 0;
  while (shifted < DIGAMMA_ASYMPTOTIC_FROM) {
    recurrence += 1 / shifted;
    shifted += 1;
  }
  // ln x − 1/(2x) − Σ B₂ₖ / (2k·x²ᵏ) for k = 1…7; the next term is below 5e-17 from x = 10.
  const u = 1 / (shifted * shifted);
  const series =
    u *
    (1 / 12 -
      u * (1 / 120 - u * (1 / 252 - u * (1 / 240 - u * (1 / 132 - u * (691 / 32760 - u / 12))))));
  return Math.log(shifted) - 0.5 / shifted - series - recurrence;
}

/** Beyond this gap between neighbouring counts one ln Γ and one ψ are cheaper than stepping. */
const MAX_RISING_STEPS = 64;

/** ln Γ(θ + xⱼ) − ln Γ(θ) and ψ(θ + xⱼ) − ψ(θ), for the counts xⱼ given to fillRisingFactorials. */
export type RisingFactorials = { logs: Float64Array; digammas: Float64Array };

export const risingFactorialTable = (size: number): RisingFactorials => ({
  logs: new Float64Array(size),
  digammas: new Float64Array(size),
});

/**
 * Fills the table for θ and ascending whole counts xⱼ ≥ 0. The likelihoods need these once per
 * distinct purchase count: stepping from one count to the next adds ln(θ + k) and 1/(θ + k), a few
 * operations instead of a ln Γ and a ψ per count, and without the cancellation of two large ln Γ
 * when θ is large.
 */
export function fillRisingFactorials(
  theta: number,
  xs: Float64Array,
  table: RisingFactorials,
): void {
  let at = 0;
  let log = 0;
  let derivative = 0;
  for (let j = 0; j < xs.length; j++) {
    const x = xs[j]!;
    if (x - at > MAX_RISING_STEPS) {
      log = logGamma(theta + x) - logGamma(theta);
      derivative = digamma(theta + x) - digamma(theta);
    } else {
      for (let k = at; k < x; k++) {
        log += Math.log(theta + k);
        derivative += 1 / (theta + k);
      }
    }
    at = x;
    table.logs[j] = log;
    table.digammas[j] = derivative;
  }
}

/** ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b). */
export function logBeta(a: number, b: number): number {
  return logGamma(a) + logGamma(b) - logGamma(a + b);
}

/** ln(e^a + e^b) without overflow; −∞ terms drop out. */
export function logAddExp(a: number, b: number): number {
  if (a === Number.NEGATIVE_INFINITY) return b;
  if (b === Number.NEGATIVE_INFINITY) return a;
  const high = Math.max(a, b);
  return high + Math.log1p(Math.exp(Math.min(a, b) - high));
}

/** ln Σ e^values without overflow; an empty list gives −∞. */
export function logSumExp(values: readonly number[]): number {
  let high = Number.NEGATIVE_INFINITY;
  for (const value of values) high = Math.max(high, value);
  if (!Number.isFinite(high)) return high;
  let sum = 0;
  for (const value of values) sum += Math.exp(value - high);
  return high + Math.log(sum);
}

/** ln(e^a − e^b) for a ≥ b; −∞ when they are equal, NaN when b > a. */
export function logSubExp(a: number, b: number): number {
  if (b === Number.NEGATIVE_INFINITY) return a;
  if (b > a) return Number.NaN;
  if (b === a) return Number.NEGATIVE_INFINITY;
  return a + Math.log(-Math.expm1(b - a));
}

const MAX_SERIES_TERMS = 200_000;
const SERIES_EPSILON = 1e-17;
const RESCALE_ABOVE = 1e200;

/**
 * ln 2F1(a, b; c; z) for 0 ≤ z < 1, c > 0 and parameters that keep the sum positive (a, b > 0, or
 * one of them in (−1, 0) so that only the first term differs in sign). Of the direct series and its
 * Euler transform (1 − z)^(c−a−b)·2F1(c−a, c−b; c; z), the one whose terms shrink sooner is summed,
 * rescaled as it grows, so that terms of e^700 and more (large purchase counts) do not overflow.
 * NaN if the series has not converged after 200,000 terms, which happens only for z within about
 * 2e-4 of 1.
 */
export function logHyp2f1(a: number, b: number, c: number, z: number): number {
  if (!(z >= 0 && z < 1) || !(c > 0)) return Number.NaN;
  if (z === 0) return 0;
  const directGrowth = Math.abs(a) + Math.abs(b) - c;
  const eulerGrowth = Math.abs(c - a) + Math.abs(c - b) - c;
  if (eulerGrowth < directGrowth) {
    return (c - a - b) * Math.log1p(-z) + logHyp2f1Series(c - a, c - b, c, z);
  }
  return logHyp2f1Series(a, b, c, z);
}

/** Plain power series of ln 2F1, rescaled whenever the partial sum grows large (see logHyp2f1). */
export function logHyp2f1Series(a: number, b: number, c: number, z: number): number {
  let logScale = 0; // the value is sum · e^logScale, and term is on the same scale
  let sum = 1;
  let term = 1;
  for (let n = 0; n < MAX_SERIES_TERMS; n++) {
    term *= (((a + n) * (b + n)) / ((c + n) * (n + 1))) * z;
    sum += term;
    if (term === 0) return logScale + Math.log(sum);
    if (Math.abs(sum) > RESCALE_ABOVE) {
      const scale = Math.abs(sum);
      logScale += Math.log(scale);
      sum /= scale;
      term /= scale;
    }
    // Past the first terms the ratio moves monotonically towards z, so the tail is bounded by a
    // geometric series with ratio max(next ratio, z).
    const nextRatio = Math.abs(((a + n + 1) * (b + n + 1)) / ((c + n + 1) * (n + 2))) * z;
    const ratioBound = Math.max(nextRatio, z);
    const tail = Math.abs(term) * (ratioBound / (1 - ratioBound));
    if (n > 0 && ratioBound < 1 && tail <= SERIES_EPSILON * Math.abs(sum)) {
      return logScale + Math.log(sum);
    }
  }
  return Number.NaN;
}

/**
 * 2F1(a, b; c; z) − 1, summed in linear space from the n = 1 term so that a value near 1 keeps its
 * full relative precision in the difference. For parameters whose terms stay moderate (small a and
 * b, or a large c), as in the Euler-transformed BG/NBD expectations. NaN if it does not converge.
 */
export function hyp2f1MinusOne(a: number, b: number, c: number, z: number): number {
  if (!(z >= 0 && z < 1) || !(c > 0)) return Number.NaN;
  let sum = 0;
  let term = 1;
  for (let n = 0; n < MAX_SERIES_TERMS; n++) {
    term *= (((a + n) * (b + n)) / ((c + n) * (n + 1))) * z;
    sum += term;
    if (term === 0) return sum;
    const nextRatio = Math.abs(((a + n + 1) * (b + n + 1)) / ((c + n + 1) * (n + 2))) * z;
    const ratioBound = Math.max(nextRatio, z);
    const tail = Math.abs(term) * (ratioBound / (1 - ratioBound));
    if (ratioBound < 1 && tail <= SERIES_EPSILON * Math.abs(sum)) return sum;
  }
  return Number.NaN;
}
