// The Gamma-Gamma log-likelihood of all spenders with its exact gradient, for the fit. It sums the
// same terms as gammaGammaLogLikelihood, arranged for speed: identical (x, z̄) once with their
// count, the terms of x alone once per distinct x, and the terms linear in p summed once.

import { groupSpendHistories } from './grouped-histories.ts';
import type { LogDensity } from './likelihood-fit.ts';
import { digamma, logGamma } from './special-functions.ts';
import type { SpendHistory } from './summary.ts';

/**
 * (ln p, ln q, ln γ) ↦ total ln L and its gradient, for customers with x > 0 and z̄ > 0. Per
 * customer, ln L = ln Γ(px+q) − ln Γ(px) − ln Γ(q) + q ln γ + p·x ln(x z̄) − ln z̄
 * − (px+q) ln(γ + x z̄).
 */
export function groupedGammaGammaLogLikelihood(spenders: readonly SpendHistory[]): LogDensity {
  const { customers, x, monetary, weight, counts } = groupSpendHistories(spenders);
  // Σ x ln(x z̄) and Σ ln z̄ over all customers do not depend on the parameters.
  let sumXLogSpend = 0;
  let sumLogMonetary = 0;
  for (let g = 0; g < weight.length; g++) {
    sumXLogSpend += weight[g]! * x[g]! * Math.log(x[g]! * monetary[g]!);
    sumLogMonetary += weight[g]! * Math.log(monetary[g]!);
  }

  return (logValues) => {
    const [p = Number.NaN, q = Number.NaN, gamma = Number.NaN] = logValues.map(Math.exp);
    const lnGamma = Math.log(gamma);
    // The d… are derivatives with respect to θ.
    let value = customers * (q * lnGamma - logGamma(q)) + p * sumXLogSpend - sumLogMonetary;
    let dP = sumXLogSpend;
    let dQ = customers * (lnGamma - digamma(q));
    let dGamma = (customers * q) / gamma;
    for (let j = 0; j < counts.values.length; j++) {
      const n = counts.customers[j]!;
      const shape = p * counts.values[j]!;
      const psiSum = digamma(shape + q);
      value += n * (logGamma(shape + q) - logGamma(shape));
      dP += n * counts.values[j]! * (psiSum - digamma(shape));
      dQ += n * psiSum;
    }
    for (let g = 0; g < weight.length; g++) {
      const w = weight[g]!;
      const total = gamma + x[g]! * monetary[g]!;
      const lnTotal = Math.log(total);
      const shapeSum = p * x[g]! + q;
      value -= w * shapeSum * lnTotal;
      dP -= w * x[g]! * lnTotal;
      dQ -= w * lnTotal;
      dGamma -= (w * shapeSum) / total;
    }
    return { value, gradient: [p * dP, q * dQ, gamma * dGamma] };
  };
}
