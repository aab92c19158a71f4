// The BG/NBD log-likelihood of a whole cohort with its exact gradient, for the fit. It sums the
// same terms as bgNbdLogLikelihood, arranged for speed: identical histories once with their count,
// and the terms that depend only on x once per distinct x.

import { groupPurchaseHistories } from './grouped-histories.ts';
import type { LogDensity } from './likelihood-fit.ts';
import { fillRisingFactorials, risingFactorialTable } from './special-functions.ts';
import type { PurchaseHistory } from './summary.ts';

/**
 * (ln r, ln α, ln a, ln b) ↦ total ln L and its gradient. Per customer,
 * ln L = ln Γ(r+x) − ln Γ(r) + r ln α + ln B(a, b+x) − ln B(a, b) + ln(e^alive + e^died), where
 * alive = −(r+x) ln(α+T) and, for x > 0, died = ln a − ln(b+x−1) − (r+x) ln(α+t_x). The Γ and B
 * ratios are rising factorials in r, b and a+b, whose derivatives are differences of ψ.
 */
export function groupedBgNbdLogLikelihood(histories: readonly PurchaseHistory[]): LogDensity {
  const { customers, x, tx, T, weight, countIndex, counts } = groupPurchaseHistories(histories);
  const { values: xs, customers: atX } = counts;
  const forR = risingFactorialTable(xs.length);
  const forB = risingFactorialTable(xs.length);
  const forAB = risingFactorialTable(xs.length);
  const logB1 = new Float64Array(xs.length); // ln(b + x − 1)
  const inverseB1 = new Float64Array(xs.length); // 1 / (b + x − 1)

  return (logValues) => {
    const [r = Number.NaN, alpha = Number.NaN, a = Number.NaN, b = Number.NaN] =
      logValues.map(Math.exp);
    const lnAlpha = Math.log(alpha);
    const lnA = Math.log(a);
    fillRisingFactorials(r, xs, forR);
    fillRisingFactorials(b, xs, forB);
    fillRisingFactorials(a + b, xs, forAB);

    // The terms of x alone, once per distinct x. The d… are derivatives with respect to θ.
    let value = customers * r * lnAlpha;
    let dR = customers * lnAlpha;
    let dAlpha = (customers * r) / alpha;
    let dA = 0;
    let dB = 0;
    for (let j = 0; j < xs.length; j++) {
      const n = atX[j]!;
      value += n * (forR.logs[j]! + forB.logs[j]! - forAB.logs[j]!);
      dR += n * forR.digammas[j]!;
      dA -= n * forAB.digammas[j]!;
      dB += n * (forB.digammas[j]! - forAB.digammas[j]!);
      logB1[j] = Math.log(b + xs[j]! - 1);
      inverseB1[j] = 1 / (b + xs[j]! - 1);
    }

    // ln(e^alive + e^died) per distinct history: its derivatives weight those of the two terms by
    // their shares of the sum.
    for (let g = 0; g < weight.length; g++) {
      const w = weight[g]!;
      const rx = r + x[g]!;
      const atEnd = alpha + T[g]!;
      const lnEnd = Math.log(atEnd);
      const alive = -rx * lnEnd;
      if (x[g] === 0) {
        value += w * alive;
        dR -= w * lnEnd;
        dAlpha -= (w * rx) / atEnd;
        continue;
      }
      const j = countIndex[g]!;
      const atLast = alpha + tx[g]!;
      const lnLast = Math.log(atLast);
      const died = lnA - logB1[j]! - rx * lnLast;
      const high = Math.max(alive, died);
      const aliveTerm = Math.exp(alive - high);
      const diedTerm = Math.exp(died - high);
      const sum = aliveTerm + diedTerm;
      const aliveShare = aliveTerm / sum;
      const diedShare = diedTerm / sum;
      value += w * (high + Math.log(sum));
      dR -= w * (aliveShare * lnEnd + diedShare * lnLast);
      dAlpha -= w * rx * (aliveShare / atEnd + diedShare / atLast);
      dA += (w * diedShare) / a;
      dB -= w * diedShare * inverseB1[j]!;
    }
    return { value, gradient: [r * dR, alpha * dAlpha, a * dA, b * dB] };
  };
}
