// Gamma-Gamma spend model (Fader & Hardie, note 025; Fader, Hardie & Lee 2005, "RFM and CLV") and
// the discounted customer value that combines it with a purchase model.

import { groupedGammaGammaLogLikelihood } from './gamma-gamma-likelihood.ts';
import {
  type LikelihoodFit,
  type LogDensity,
  maximizeLogLikelihoodWithGradient,
} from './likelihood-fit.ts';
import { logGamma } from './special-functions.ts';
import type { SpendHistory } from './summary.ts';

export type GammaGammaParams = { p: number; q: number; gamma: number };

export type GammaGammaFit = Omit<LikelihoodFit, 'values' | 'standardErrors'> & {
  params: GammaGammaParams;
  standardErrors: GammaGammaParams;
  customers: number;
};

/** Customers the spend model can use: at least one repeat purchase and a positive mean spend. */
export function hasRepeatSpend(customer: SpendHistory): boolean {
  return customer.x > 0 && customer.monetary > 0;
}

/** ln f(z̄ | p, q, γ, x) of one customer's mean repeat spend; requires x > 0 and z̄ > 0. */
export function gammaGammaLogLikelihood(params: GammaGammaParams, customer: SpendHistory): number {
  const { p, q, gamma } = params;
  const { x, monetary } = customer;
  const shape = p * x;
  return (
    logGamma(shape + q) -
    logGamma(shape) -
    logGamma(q) +
    q * Math.log(gamma) +
    (shape - 1) * Math.log(monetary) +
    shape * Math.log(x) -
    (shape + q) * Math.log(gamma + x * monetary)
  );
}

export function gammaGammaTotalLogLikelihood(
  params: GammaGammaParams,
  customers: readonly SpendHistory[],
): number {
  let total = 0;
  for (const customer of customers) total += gammaGammaLogLikelihood(params, customer);
  return total;
}

const toGammaGammaParams = ([
  p = Number.NaN,
  q = Number.NaN,
  gamma = Number.NaN,
]: number[]): GammaGammaParams => ({ p, q, gamma });

export type GammaGammaFitOptions = {
  /** A log prior over (ln p, ln q, ln γ), added to the log-likelihood (scoring uses one). */
  logPrior?: LogDensity;
};

/**
 * Maximum-likelihood (or, with a prior, maximum a posteriori) fit on the customers with repeat
 * spend (the others carry no information about spend per transaction); throws if there are none or
 * the optimiser does not converge.
 */
export function fitGammaGamma(
  customers: readonly SpendHistory[],
  options: GammaGammaFitOptions = {},
): GammaGammaFit {
  const spenders = customers.filter(hasRepeatSpend);
  // Starting γ at the mean spend makes the start independent of the currency unit.
  const meanSpend = spenders.reduce((sum, c) => sum + c.monetary, 0) / spenders.length || 1;
  const { values, standardErrors, ...fit } = maximizeLogLikelihoodWithGradient(
    'Gamma-Gamma',
    groupedGammaGammaLogLikelihood(spenders),
    [1, 1, meanSpend],
    spenders.length,
    options.logPrior,
  );
  return {
    params: toGammaGammaParams(values),
    standardErrors: toGammaGammaParams(standardErrors),
    customers: spenders.length,
    ...fit,
  };
}

/**
 * E[M | x, z̄]: a weighted mean of the population mean pγ/(q − 1) and the customer's own z̄, the
 * weight on z̄ growing with x. Customers without repeat purchases get the population mean, which is
 * infinite for q ≤ 1, so that case throws rather than returning a meaningless number.
 */
export function gammaGammaConditionalExpectedSpend(
  params: GammaGammaParams,
  customer: SpendHistory,
): number {
  const { p, q, gamma } = params;
  const { x, monetary } = customer;
  const denominator = p * x + q - 1;
  if (!(denominator > 0)) {
    throw new Error(`The Gamma-Gamma expected spend is infinite for x = ${x} at q = ${q}.`);
  }
  return (p * (gamma + x * monetary)) / denominator;
}

export type DiscountedValueInput = {
  /** Cumulative expected purchases of the customer over the next t time units. */
  expectedPurchases: (t: number) => number;
  /** Expected spend per purchase, e.g. from gammaGammaConditionalExpectedSpend. */
  expectedSpend: number;
  /** Number of periods in the horizon, e.g. 12. */
  periods: number;
  /** Length of one period in the model's time unit, e.g. 52 / 12 weeks for a month. */
  periodLength: number;
  /** Discount rate per period, e.g. 0.01 a month (about 12.7 % a year). */
  discountRate: number;
};

/**
 * Customer lifetime value over a finite horizon: the expected purchases of each period times the
 * expected spend, discounted to today at the end of that period (as lifetimes'
 * customer_lifetime_value does).
 */
export function discountedCustomerValue(input: DiscountedValueInput): number {
  const { expectedPurchases, expectedSpend, periods, periodLength, discountRate } = input;
  let value = 0;
  let before = expectedPurchases(0);
  for (let period = 1; period <= periods; period++) {
    const cumulative = expectedPurchases(period * periodLength);
    value += (expectedSpend * (cumulative - before)) / (1 + discountRate) ** period;
    before = cumulative;
  }
  return value;
}
