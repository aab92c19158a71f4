// Fits the three CLV models on one calibration summary and reports parameters, log-likelihoods and
// timings in the shape the analytics screens and the benchmark print.

import { type BgNbdParams, fitBgNbd } from './bgnbd.ts';
import { fitGammaGamma, type GammaGammaParams, hasRepeatSpend } from './gamma-gamma.ts';
import { fitParetoNbd, type ParetoNbdParams } from './pareto-nbd.ts';
import type { PurchaseHistory, SpendHistory } from './summary.ts';

export type ClvFitReport = {
  customers: number;
  bgnbd: BgNbdParams & { ll: number; fit_ms: number };
  paretonbd: ParetoNbdParams & { ll: number; fit_ms: number };
  gammagamma: GammaGammaParams & { customers: number; fit_ms: number };
};

/**
 * Below this many customers with repeat purchases the dropout and spend parameters are mostly noise
 * (their standard errors exceed the estimates), so the report refuses rather than mislead.
 */
export const MIN_REPEAT_CUSTOMERS = 20;

function timed<T>(run: () => T): [T, number] {
  const started = performance.now();
  const result = run();
  return [result, Math.round((performance.now() - started) * 10) / 10];
}

/** Throws an Error naming the shortfall when the data are too thin to fit. */
export function fitClvModels(customers: readonly (PurchaseHistory & SpendHistory)[]): ClvFitReport {
  const repeaters = customers.filter((customer) => customer.x > 0).length;
  const spenders = customers.filter(hasRepeatSpend).length;
  if (repeaters < MIN_REPEAT_CUSTOMERS || spenders < MIN_REPEAT_CUSTOMERS) {
    throw new Error(
      `Too little data to fit CLV models: ${repeaters} of ${customers.length} customers have a ` +
        `repeat purchase and ${spenders} a repeat spend above 0; at least ` +
        `${MIN_REPEAT_CUSTOMERS} of each are needed.`,
    );
  }
  const [bgnbd, bgnbdMs] = timed(() => fitBgNbd(customers));
  const [paretonbd, paretonbdMs] = timed(() => fitParetoNbd(customers));
  const [gammagamma, gammagammaMs] = timed(() => fitGammaGamma(customers));
  return {
    customers: customers.length,
    bgnbd: { ...bgnbd.params, ll: bgnbd.logLikelihood, fit_ms: bgnbdMs },
    paretonbd: {
      ...paretonbd.params,
      ll: paretonbd.logLikelihood,
      fit_ms: paretonbdMs,
    },
    gammagamma: {
      ...gammagamma.params,
      customers: gammagamma.customers,
      fit_ms: gammagammaMs,
    },
  };
}
