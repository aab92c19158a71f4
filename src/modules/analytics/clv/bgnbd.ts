// BG/NBD purchase model: Fader, Hardie & Lee (2005), "Counting Your Customers the Easy Way", with
// the log-space likelihood of Hardie's note 027. Time is in the summary's unit (days or weeks).

import { groupedBgNbdLogLikelihood } from './bgnbd-likelihood.ts';
import {
  type LikelihoodFit,
  type LogDensity,
  maximizeLogLikelihoodWithGradient,
} from './likelihood-fit.ts';
import { hyp2f1MinusOne, logAddExp, logBeta, logGamma } from './special-functions.ts';
import type { PurchaseHistory } from './summary.ts';

export type BgNbdParams = { r: number; alpha: number; a: number; b: number };

export type BgNbdFit = Omit<LikelihoodFit, 'values' | 'standardErrors'> & {
  params: BgNbdParams;
  standardErrors: BgNbdParams;
};

/** ln L(r, α, a, b | x, t_x, T) of one customer. */
export function bgNbdLogLikelihood(params: BgNbdParams, customer: PurchaseHistory): number {
  const { r, alpha, a, b } = params;
  const { x, tx, T } = customer;
  const shared =
    logGamma(r + x) - logGamma(r) + r * Math.log(alpha) + logBeta(a, b + x) - logBeta(a, b);
  const stillAlive = -(r + x) * Math.log(alpha + T);
  if (x === 0) return shared + stillAlive;
  const diedAfterLast = Math.log(a / (b + x - 1)) - (r + x) * Math.log(alpha + tx);
  return shared + logAddExp(stillAlive, diedAfterLast);
}

export function bgNbdTotalLogLikelihood(
  params: BgNbdParams,
  customers: readonly PurchaseHistory[],
): number {
  let total = 0;
  for (const customer of customers) total += bgNbdLogLikelihood(params, customer);
  return total;
}

const toBgNbdParams = ([
  r = Number.NaN,
  alpha = Number.NaN,
  a = Number.NaN,
  b = Number.NaN,
]: number[]): BgNbdParams => ({ r, alpha, a, b });

export type BgNbdFitOptions = {
  /** A log prior over (ln r, ln α, ln a, ln b), added to the log-likelihood (scoring uses one). */
  logPrior?: LogDensity;
};

/**
 * Maximum-likelihood (or, with a prior, maximum a posteriori) fit; throws if the customers are
 * empty or the optimiser does not converge.
 */
export function fitBgNbd(
  customers: readonly PurchaseHistory[],
  options: BgNbdFitOptions = {},
): BgNbdFit {
  // Starting the scale parameters at the longest observation makes the start unit-free.
  const maxT = customers.reduce((longest, customer) => Math.max(longest, customer.T), 0) || 1;
  const { values, standardErrors, ...fit } = maximizeLogLikelihoodWithGradient(
    'BG/NBD',
    groupedBgNbdLogLikelihood(customers),
    [1, maxT, 1, 1],
    customers.length,
    options.logPrior,
  );
  return {
    params: toBgNbdParams(values),
    standardErrors: toBgNbdParams(standardErrors),
    ...fit,
  };
}

/**
 * [1 − (1 − z)^(a−1)·2F1(a+b−1−r, a−1; a+b+x−1; z)] / (a − 1): the Euler-transformed bracket shared
 * by E[X(t)] and E[Y(t) | x, t_x, T]. Its series has small numerator parameters and a large
 * denominator parameter, so it converges quickly even for large x; a = 1 is a removable
 * singularity.
 */
function expectationBracket(params: BgNbdParams, x: number, z: number): number {
  const { r, a, b } = params;
  const shift = a - 1;
  if (Math.abs(shift) < 1e-8) {
    const below = expectationBracket({ ...params, a: 1 - 1e-7 }, x, z);
    const above = expectationBracket({ ...params, a: 1 + 1e-7 }, x, z);
    return (below + above) / 2;
  }
  const series = hyp2f1MinusOne(a + b - 1 - r, shift, a + b + x - 1, z);
  return -Math.expm1(shift * Math.log1p(-z) + Math.log1p(series)) / shift;
}

/** E[X(t)]: expected repeat purchases of a new customer in (0, t]. */
export function bgNbdExpectedPurchases(params: BgNbdParams, t: number): number {
  const { alpha, a, b } = params;
  return (a + b - 1) * expectationBracket(params, 0, t / (alpha + t));
}

/** ln of the odds (dead / alive) after the last purchase; −∞ when x = 0. */
function logOddsDead(params: BgNbdParams, customer: PurchaseHistory): number {
  const { r, alpha, a, b } = params;
  const { x, tx, T } = customer;
  if (x === 0) return Number.NEGATIVE_INFINITY;
  return Math.log(a / (b + x - 1)) + (r + x) * (Math.log(alpha + T) - Math.log(alpha + tx));
}

/** P(alive | x, t_x, T); 1 for a customer without repeat purchases, as in the paper. */
export function bgNbdProbabilityAlive(params: BgNbdParams, customer: PurchaseHistory): number {
  return 1 / (1 + Math.exp(logOddsDead(params, customer)));
}

/**
 * E[Y(t) | x, T, alive]: expected purchases in the next t units of a customer with x repeat
 * purchases over an age of T who is still alive. It does not depend on t_x, so customers who share
 * (x, T) share it: scoring computes it once per pair, not once per customer.
 */
export function bgNbdExpectedPurchasesIfAlive(
  params: BgNbdParams,
  customer: Pick<PurchaseHistory, 'x' | 'T'>,
  t: number,
): number {
  const { alpha, a, b } = params;
  const { x, T } = customer;
  const z = t / (alpha + T + t);
  return (a + b + x - 1) * expectationBracket(params, x, z);
}

/** E[Y(t) | x, t_x, T]: expected purchases in the next t units of a customer with this history. */
export function bgNbdConditionalExpectedPurchases(
  params: BgNbdParams,
  customer: PurchaseHistory,
  t: number,
): number {
  return bgNbdExpectedPurchasesIfAlive(params, customer, t) * bgNbdProbabilityAlive(params, customer);
}

/** P(X(t) = n) for a new customer (FHL 2005, eq. 8). */
export function bgNbdPurchaseCountProbability(params: BgNbdParams, t: number, n: number): number {
  const { r, alpha, a, b } = params;
  if (t === 0) return n === 0 ? 1 : 0;
  const logStay = Math.log(alpha / (alpha + t));
  const logRate = Math.log(t / (alpha + t));
  const logNbd = (j: number): number =>
    logGamma(r + j) - logGamma(r) - logGamma(j + 1) + r * logStay + j * logRate;
  const aliveThroughout = Math.exp(logBeta(a, b + n) - logBeta(a, b) + logNbd(n));
  if (n === 0) return aliveThroughout;
  const diedAfterN = logBeta(a + 1, b + n - 1) - logBeta(a, b);
  return aliveThroughout + Math.exp(diedAfterN + logNbdTail(r, logRate, n, logNbd));
}

/** ln P(N ≥ n) for the negative binomial N, from whichever side avoids cancellation. */
function logNbdTail(r: number, logRate: number, n: number, logNbd: (j: number) => number): number {
  let below = 0;
  for (let j = 0; j < n; j++) below += Math.exp(logNbd(j));
  if (below < 0.5) return Math.log1p(-below);
  const rate = Math.exp(logRate);
  let sum = 1;
  let term = 1;
  for (let j = n; term > 1e-17 * sum; j++) {
    term *= ((r + j) / (j + 1)) * rate;
    sum += term;
  }
  return logNbd(n) + Math.log(sum);
}
