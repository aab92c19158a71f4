// Pareto/NBD purchase model (Schmittlein, Morrison & Colombo 1987) with the likelihood of Hardie's
// note 009 (eqs. 18–20), computed in log space. Time is in the summary's unit (days or weeks).

import { groupPurchaseHistories } from './grouped-histories.ts';
import { type LikelihoodFit, maximizeLogLikelihood } from './likelihood-fit.ts';
import {
  fillRisingFactorials,
  logAddExp,
  logGamma,
  logHyp2f1Series,
  logSubExp,
  risingFactorialTable,
} from './special-functions.ts';
import type { PurchaseHistory } from './summary.ts';

export type ParetoNbdParams = {
  r: number;
  alpha: number;
  s: number;
  beta: number;
};

export type ParetoNbdFit = Omit<LikelihoodFit, 'values' | 'standardErrors'> & {
  params: ParetoNbdParams;
  standardErrors: ParetoNbdParams;
};

/**
 * ln of 2F1(r+s+x, ·; r+s+x+1; z) / (max(α, β) + t)^(r+s+x), one of the two terms whose difference
 * is A0 in note 009. After the Euler transformation the series is 2F1(1, ·; r+s+x+1; z) with term
 * ratios below z = |α − β| / (max(α, β) + t) < 1, all positive, so it never overflows for large x.
 */
function logA0Term(params: ParetoNbdParams, x: number, t: number): number {
  const { r, alpha, s, beta } = params;
  const c = r + s + x + 1;
  if (alpha >= beta) {
    const z = (alpha - beta) / (alpha + t);
    const series = z === 0 ? 0 : logHyp2f1Series(1, r + x, c, z);
    return -s * Math.log(beta + t) - (r + x) * Math.log(alpha + t) + series;
  }
  const z = (beta - alpha) / (beta + t);
  const series = logHyp2f1Series(1, s + 1, c, z);
  return (1 - r - x) * Math.log(alpha + t) - (s + 1) * Math.log(beta + t) + series;
}

/**
 * ln L1 (alive throughout) and ln of the dies-in-(t_x, T] term, both without the shared factor;
 * atLast is logA0Term(params, x, t_x), which customers with the same x and t_x share.
 */
function logLikelihoodParts(
  params: ParetoNbdParams,
  x: number,
  T: number,
  atLast: number,
): [number, number] {
  const { r, alpha, s, beta } = params;
  const aliveThroughout = -(r + x) * Math.log(alpha + T) - s * Math.log(beta + T);
  const atEnd = logA0Term(params, x, T);
  // A0 is exactly 0 when t_x = T; rounding may otherwise order the two terms wrongly.
  const logA0 = atEnd >= atLast ? Number.NEGATIVE_INFINITY : logSubExp(atLast, atEnd);
  return [aliveThroughout, Math.log(s / (r + s + x)) + logA0];
}

const customerParts = (params: ParetoNbdParams, { x, tx, T }: PurchaseHistory) =>
  logLikelihoodParts(params, x, T, logA0Term(params, x, tx));

/** ln L(r, α, s, β | x, t_x, T) of one customer. */
export function paretoNbdLogLikelihood(params: ParetoNbdParams, customer: PurchaseHistory): number {
  const { r, alpha, s, beta } = params;
  const [alive, died] = customerParts(params, customer);
  const shared = logGamma(r + customer.x) - logGamma(r) + r * Math.log(alpha) + s * Math.log(beta);
  return shared + logAddExp(alive, died);
}

export function paretoNbdTotalLogLikelihood(
  params: ParetoNbdParams,
  customers: readonly PurchaseHistory[],
): number {
  let total = 0;
  for (const customer of customers) total += paretoNbdLogLikelihood(params, customer);
  return total;
}

const toParetoNbdParams = ([
  r = Number.NaN,
  alpha = Number.NaN,
  s = Number.NaN,
  beta = Number.NaN,
]: number[]): ParetoNbdParams => ({ r, alpha, s, beta });

/**
 * The total log-likelihood as paretoNbdTotalLogLikelihood sums it, arranged for speed: identical
 * histories once with their count, ln Γ(r + x) − ln Γ(r) once per distinct x, and the 2F1 series
 * at t_x once per distinct (x, t_x). That last one matters: all customers without repeat purchases
 * share t_x = 0, where the series converges slowest.
 */
export function groupedParetoNbdLogLikelihood(
  histories: readonly PurchaseHistory[],
): (params: ParetoNbdParams) => number {
  const { customers, x, tx, T, weight, counts } = groupPurchaseHistories(histories);
  const forR = risingFactorialTable(counts.values.length);
  return (params) => {
    const { r, alpha, s, beta } = params;
    fillRisingFactorials(r, counts.values, forR);
    let total = customers * (r * Math.log(alpha) + s * Math.log(beta));
    for (let j = 0; j < counts.values.length; j++) {
      total += counts.customers[j]! * forR.logs[j]!;
    }
    let atLast = Number.NaN;
    for (let g = 0; g < weight.length; g++) {
      // Histories are sorted by x and then t_x, so equal (x, t_x) are neighbours.
      if (g === 0 || x[g] !== x[g - 1] || tx[g] !== tx[g - 1]) {
        atLast = logA0Term(params, x[g]!, tx[g]!);
      }
      total += weight[g]! * logAddExp(...logLikelihoodParts(params, x[g]!, T[g]!, atLast));
    }
    return total;
  };
}

/**
 * Maximum-likelihood fit with central-difference gradients (an exact one would need derivatives of
 * 2F1 in its parameters); throws if the customers are empty or the optimiser does not converge.
 */
export function fitParetoNbd(customers: readonly PurchaseHistory[]): ParetoNbdFit {
  // Starting the scale parameters at the longest observation makes the start unit-free.
  const maxT = customers.reduce((longest, customer) => Math.max(longest, customer.T), 0) || 1;
  const totalLogLikelihood = groupedParetoNbdLogLikelihood(customers);
  const { values, standardErrors, ...fit } = maximizeLogLikelihood(
    'Pareto/NBD',
    ([r = 1, alpha = 1, s = 1, beta = 1]) => totalLogLikelihood({ r, alpha, s, beta }),
    [1, maxT, 1, maxT],
    customers.length,
  );
  return {
    params: toParetoNbdParams(values),
    standardErrors: toParetoNbdParams(standardErrors),
    ...fit,
  };
}

/** P(alive | x, t_x, T). */
export function paretoNbdProbabilityAlive(
  params: ParetoNbdParams,
  customer: PurchaseHistory,
): number {
  const [alive, died] = customerParts(params, customer);
  return Math.exp(alive - logAddExp(alive, died));
}

/**
 * [1 − (β' / (β' + t))^(s−1)] / (s − 1), with its limit ln(1 + t/β') at s = 1 (an exponential-like
 * lifetime), computed with expm1 so that s near 1 loses no precision.
 */
function lifetimeBracket(s: number, betaNow: number, t: number): number {
  const logGrowth = Math.log1p(t / betaNow);
  if (s === 1) return logGrowth;
  return -Math.expm1(-(s - 1) * logGrowth) / (s - 1);
}

/** E[X(t)]: expected repeat purchases of a new customer in (0, t]. */
export function paretoNbdExpectedPurchases(params: ParetoNbdParams, t: number): number {
  const { r, alpha, s, beta } = params;
  return ((r * beta) / alpha) * lifetimeBracket(s, beta, t);
}

/** E[Y(t) | x, t_x, T]: expected purchases in the next t units of a customer with this history. */
export function paretoNbdConditionalExpectedPurchases(
  params: ParetoNbdParams,
  customer: PurchaseHistory,
  t: number,
): number {
  const { r, alpha, s, beta } = params;
  const { x, T } = customer;
  const ifAlive = (((r + x) * (beta + T)) / (alpha + T)) * lifetimeBracket(s, beta + T, t);
  return ifAlive * paretoNbdProbabilityAlive(params, customer);
}
