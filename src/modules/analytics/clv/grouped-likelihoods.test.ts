// The fast likelihoods the fits run on: grouped histories give the per-customer totals, and the
// exact gradients agree with central differences of the value.

import { describe, expect, it } from 'vitest';
import { bgNbdTotalLogLikelihood, fitBgNbd } from './bgnbd.ts';
import { groupedBgNbdLogLikelihood } from './bgnbd-likelihood.ts';
import { gammaGammaTotalLogLikelihood } from './gamma-gamma.ts';
import { groupedGammaGammaLogLikelihood } from './gamma-gamma-likelihood.ts';
import { groupPurchaseHistories } from './grouped-histories.ts';
import type { LogDensity } from './likelihood-fit.ts';
import { minimizeBfgsWithGradient } from './optimize.ts';
import { groupedParetoNbdLogLikelihood, paretoNbdTotalLogLikelihood } from './pareto-nbd.ts';
import { createSeededRandom, sampleGamma, simulateBgNbdCustomers } from './simulate.ts';
import type { PurchaseHistory, SpendHistory } from './summary.ts';

const relative = (actual: number, expected: number): number => Math.abs(actual / expected - 1);

/** Whole-week histories, so that many repeat, plus a few heavy buyers far apart in x. */
function weeklyHistories(): PurchaseHistory[] {
  const simulated = simulateBgNbdCustomers(
    { r: 0.4, alpha: 3, a: 0.8, b: 2.5 },
    { customers: 1500, minT: 26, maxT: 52, seed: 5 },
  ).map(({ x, tx, T }) => ({ x, tx: Math.floor(tx), T: Math.floor(T) }));
  return [...simulated, { x: 150, tx: 50, T: 51 }, { x: 400, tx: 51, T: 52 }];
}

function spendHistories(): SpendHistory[] {
  const random = createSeededRandom(11);
  return weeklyHistories()
    .filter((h) => h.x > 0)
    .map(({ x }) => {
      const rate = sampleGamma(random, 3.7) / 15;
      return { x, monetary: Math.round(sampleGamma(random, 6 * x) / (x * rate)) };
    });
}

/** Central differences of the value, as the optimiser would take them. */
function differencedGradient(density: LogDensity, point: number[]): number[] {
  return point.map((_, i) => {
    const h = 1e-5;
    const up = point.map((v, k) => (k === i ? v + h : v));
    const down = point.map((v, k) => (k === i ? v - h : v));
    return (density(up).value - density(down).value) / (2 * h);
  });
}

function expectExactGradient(density: LogDensity, point: number[], customers: number): void {
  const { gradient } = density(point);
  const differenced = differencedGradient(density, point);
  gradient.forEach((g, i) => {
    // Per customer, as the fit sees it. Differences of a sum of large terms are good to about 1e-7
    // here; a wrong term would be off by much more.
    expect(Math.abs(g - (differenced[i] ?? Number.NaN)) / customers).toBeLessThan(1e-6);
  });
}

describe('grouped histories', () => {
  it('merges identical histories and indexes the distinct counts', () => {
    const grouped = groupPurchaseHistories([
      { x: 2, tx: 3, T: 9 },
      { x: 0, tx: 0, T: 9 },
      { x: 2, tx: 3, T: 9 },
      { x: 2, tx: 4, T: 9 },
      { x: 0, tx: 0, T: 9 },
    ]);
    expect(grouped.customers).toBe(5);
    expect([...grouped.x]).toEqual([0, 2, 2]);
    expect([...grouped.tx]).toEqual([0, 3, 4]);
    expect([...grouped.weight]).toEqual([2, 2, 1]);
    expect([...grouped.counts.values]).toEqual([0, 2]);
    expect([...grouped.counts.customers]).toEqual([2, 3]);
    expect([...grouped.countIndex]).toEqual([0, 1, 1]);
  });
});

describe('BG/NBD likelihood for the fit', () => {
  const histories = weeklyHistories();
  const density = groupedBgNbdLogLikelihood(histories);
  const points = [
    { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 },
    { r: 2, alpha: 0.5, a: 3, b: 0.2 },
    { r: 0.05, alpha: 40, a: 0.1, b: 30 },
  ];

  it('sums to the per-customer log-likelihood', () => {
    expect(groupPurchaseHistories(histories).weight.length).toBeLessThan(0.6 * histories.length);
    for (const params of points) {
      const logValues = [params.r, params.alpha, params.a, params.b].map(Math.log);
      const total = bgNbdTotalLogLikelihood(params, histories);
      expect(relative(density(logValues).value, total)).toBeLessThan(1e-12);
    }
  });

  it('has the gradient of its value', () => {
    for (const { r, alpha, a, b } of points) {
      expectExactGradient(density, [r, alpha, a, b].map(Math.log), histories.length);
    }
  });

  it('adds a prior to the fit but not to the reported log-likelihood', () => {
    const shrinkB: LogDensity = ([, , , lnB = 0]) => ({
      value: -(lnB ** 2) / 2,
      gradient: [0, 0, 0, -lnB],
    });
    const plain = fitBgNbd(histories);
    const shrunk = fitBgNbd(histories, { logPrior: shrinkB });
    expect(shrunk.params.b).toBeLessThan(plain.params.b);
    expect(shrunk.logLikelihood).toBeLessThan(plain.logLikelihood);
    expect(shrunk.logLikelihood).toBeCloseTo(bgNbdTotalLogLikelihood(shrunk.params, histories), 8);
  });
});

describe('Gamma-Gamma likelihood for the fit', () => {
  const spenders = spendHistories();
  const density = groupedGammaGammaLogLikelihood(spenders);
  const points = [
    { p: 6.25, q: 3.74, gamma: 15.44 },
    { p: 0.3, q: 0.8, gamma: 200 },
    { p: 40, q: 12, gamma: 1.5 },
  ];

  it('sums to the per-customer log-likelihood', () => {
    for (const params of points) {
      const logValues = [params.p, params.q, params.gamma].map(Math.log);
      const total = gammaGammaTotalLogLikelihood(params, spenders);
      expect(relative(density(logValues).value, total)).toBeLessThan(1e-12);
    }
  });

  it('has the gradient of its value', () => {
    for (const { p, q, gamma } of points) {
      expectExactGradient(density, [p, q, gamma].map(Math.log), spenders.length);
    }
  });
});

describe('Pareto/NBD likelihood for the fit', () => {
  it('sums to the per-customer log-likelihood', () => {
    const histories = weeklyHistories();
    const total = groupedParetoNbdLogLikelihood(histories);
    for (const params of [
      { r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 },
      { r: 2, alpha: 30, s: 0.1, beta: 2 },
    ]) {
      expect(relative(total(params), paretoNbdTotalLogLikelihood(params, histories))).toBeLessThan(
        1e-12,
      );
    }
  });
});

describe('BFGS with an exact gradient', () => {
  it('minimises the Rosenbrock valley', () => {
    const rosenbrock = ([x = 0, y = 0]: readonly number[]) => ({
      value: (1 - x) ** 2 + 100 * (y - x * x) ** 2,
      gradient: [-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)],
    });
    const result = minimizeBfgsWithGradient(rosenbrock, [-1.2, 1], { gradientTolerance: 1e-8 });
    expect(result.converged).toBe(true);
    expect(result.point[0]).toBeCloseTo(1, 5);
    expect(result.point[1]).toBeCloseTo(1, 5);
    expect(result.evaluations).toBeLessThan(100);
  });
});
