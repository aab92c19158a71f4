// The BG/NBD and Gamma-Gamma fits that scoring uses: the likelihoods and the optimiser of clv/, with
// a weak log-normal prior on the shape parameters (docs/decisions/0006-rfm-segments-and-health.md).

import { type BgNbdFit, type BgNbdParams, bgNbdTotalLogLikelihood } from './clv/bgnbd.ts';
import { type GammaGammaFit, type GammaGammaParams, gammaGammaTotalLogLikelihood, hasRepeatSpend } from './clv/gamma-gamma.ts';
import { maximizeLogLikelihood } from './clv/likelihood-fit.ts';
import type { PurchaseHistory, SpendHistory } from './clv/summary.ts';

/**
 * Standard deviation of ln θ for each shape parameter, centred on θ = 1: a factor of 20 either way
 * is one standard deviation. A business whose customers all drop out at much the same rate pushes
 * the pure maximum-likelihood a and b of BG/NBD towards infinity, where BFGS crawls along a flat
 * ridge for thousands of iterations; the prior stops it at a finite point with the same predictions.
 * On data that identify the model it hardly matters: on CDNOW it moves the estimates by less than
 * 1 % (a and b by 0.5–0.7 %, the rest by less than 0.1 %) and the log-likelihood by 0.0003.
 */
const PRIOR_SD = 3;

const logPrior = (shapes: readonly number[]) => -shapes.reduce((sum, v) => sum + Math.log(v) ** 2, 0) / (2 * PRIOR_SD ** 2);

/** Throws like the clv/ fits when the customers are empty or the optimiser does not converge. */
export function fitBgNbdForScoring(customers: readonly PurchaseHistory[]): BgNbdFit {
  const maxT = customers.reduce((longest, customer) => Math.max(longest, customer.T), 0) || 1;
  const { values, standardErrors, ...fit } = maximizeLogLikelihood(
    'BG/NBD',
    ([r = 1, alpha = 1, a = 1, b = 1]) => bgNbdTotalLogLikelihood({ r, alpha, a, b }, customers) + logPrior([r, a, b]),
    [1, maxT, 1, 1],
    customers.length,
  );
  const [r = Number.NaN, alpha = Number.NaN, a = Number.NaN, b = Number.NaN] = values;
  const [rSe = Number.NaN, alphaSe = Number.NaN, aSe = Number.NaN, bSe = Number.NaN] = standardErrors;
  const params: BgNbdParams = { r, alpha, a, b };
  return { ...fit, params, standardErrors: { r: rSe, alpha: alphaSe, a: aSe, b: bSe }, logLikelihood: bgNbdTotalLogLikelihood(params, customers) };
}

export function fitGammaGammaForScoring(customers: readonly SpendHistory[]): GammaGammaFit {
  const spenders = customers.filter(hasRepeatSpend);
  const meanSpend = spenders.reduce((sum, c) => sum + c.monetary, 0) / spenders.length || 1;
  const { values, standardErrors, ...fit } = maximizeLogLikelihood(
    'Gamma-Gamma',
    ([p = 1, q = 1, gamma = 1]) => gammaGammaTotalLogLikelihood({ p, q, gamma }, spenders) + logPrior([p, q]),
    [1, 1, meanSpend],
    spenders.length,
  );
  const [p = Number.NaN, q = Number.NaN, gamma = Number.NaN] = values;
  const [pSe = Number.NaN, qSe = Number.NaN, gammaSe = Number.NaN] = standardErrors;
  const params: GammaGammaParams = { p, q, gamma };
  return {
    ...fit,
    params,
    standardErrors: { p: pSe, q: qSe, gamma: gammaSe },
    logLikelihood: gammaGammaTotalLogLikelihood(params, spenders),
    customers: spenders.length,
  };
}
