// Numerical pitfalls of the CLV models (SOURCES.md §4) and the pieces that need no reference data.
// Values marked "mpmath" were recomputed here from the closed forms at 50 significant digits.

import { describe, expect, it } from 'vitest';
import {
  bgNbdConditionalExpectedPurchases,
  bgNbdExpectedPurchases,
  bgNbdLogLikelihood,
  bgNbdPurchaseCountProbability,
  fitBgNbd,
} from './bgnbd.ts';
import { fitClvModels } from './fit-report.ts';
import { discountedCustomerValue, gammaGammaConditionalExpectedSpend } from './gamma-gamma.ts';
import { minimizeBfgs } from './optimize.ts';
import {
  paretoNbdConditionalExpectedPurchases,
  paretoNbdLogLikelihood,
  paretoNbdProbabilityAlive,
} from './pareto-nbd.ts';
import { simulateBgNbdCustomers } from './simulate.ts';
import {
  digamma,
  fillRisingFactorials,
  hyp2f1MinusOne,
  logAddExp,
  logGamma,
  logHyp2f1,
  logSubExp,
  logSumExp,
} from './special-functions.ts';
import { summarizeCalibration } from './summary.ts';

const relative = (actual: number, expected: number): number => Math.abs(actual / expected - 1);

describe('special functions', () => {
  it('computes ln Γ to near machine precision', () => {
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 15);
    let factorial = 1;
    for (let n = 1; n <= 20; n++) {
      factorial *= n;
      expect(Math.abs(logGamma(n + 1) - Math.log(factorial))).toBeLessThan(
        1e-14 * Math.max(1, n * Math.log(n)),
      );
    }
    for (const x of [1e-6, 0.243, 3.5, 170.25, 1e4]) {
      expect(Math.abs(logGamma(x + 1) - logGamma(x) - Math.log(x))).toBeLessThan(
        1e-12 * Math.max(1, Math.log(x) * x),
      );
    }
    const mpmath: [number, number][] = [
      [0.243, 1.3180435846996699],
      [29.243, 68.70481520332423],
      [500.25, 2606.669314855113],
    ];
    for (const [x, value] of mpmath) expect(relative(logGamma(x), value)).toBeLessThan(1e-14);
  });

  it('computes ψ to near machine precision', () => {
    expect(digamma(1)).toBeCloseTo(-0.5772156649015329, 14);
    expect(digamma(0.5)).toBeCloseTo(-1.9635100260214235, 14);
    expect(digamma(10)).toBeCloseTo(2.251752589066721, 14);
    expect(relative(digamma(1e-6), -1000000.5772140200)).toBeLessThan(1e-15); // mpmath
    expect(relative(digamma(500.25), 6.214108140213851)).toBeLessThan(1e-15); // mpmath
    for (const x of [1e-6, 0.243, 1.4616, 3.5, 9.99, 10, 170.25, 1e4]) {
      expect(Math.abs(digamma(x + 1) - digamma(x) - 1 / x)).toBeLessThan(
        4e-16 * Math.max(1, 1 / x, Math.log(x)),
      );
    }
    expect(Number.isNaN(digamma(0))).toBe(true);
  });

  it('tabulates rising factorials by stepping and across wide gaps', () => {
    const xs = Float64Array.from([0, 1, 2, 7, 40, 300, 301]);
    for (const theta of [0.243, 2.4, 1000]) {
      const table = { logs: new Float64Array(xs.length), digammas: new Float64Array(xs.length) };
      fillRisingFactorials(theta, xs, table);
      xs.forEach((x, j) => {
        const log = logGamma(theta + x) - logGamma(theta);
        const derivative = digamma(theta + x) - digamma(theta);
        expect(Math.abs((table.logs[j] ?? Number.NaN) - log)).toBeLessThan(1e-12 * (1 + Math.abs(log)));
        expect(Math.abs((table.digammas[j] ?? Number.NaN) - derivative)).toBeLessThan(1e-12);
      });
    }
  });

  it('sums 2F1 in log space without overflow and with the Euler transformation', () => {
    for (const z of [1e-3, 0.5, 0.99]) {
      expect(Math.abs(logHyp2f1(1, 1, 2, z) - Math.log(-Math.log1p(-z) / z))).toBeLessThan(1e-14);
    }
    // 2F1(a, b; b; z) = (1 − z)^(−a): here e^317.9, whose series terms pass 1e300 on the way.
    expect(relative(logHyp2f1(500.5, 3, 3, 0.47), -500.5 * Math.log(0.53))).toBeLessThan(1e-13);
    const mpmath = 0.18821830926204305;
    expect(relative(logHyp2f1(0.243, 2.426, 2.219, 0.5), mpmath)).toBeLessThan(1e-14);
    expect(relative(hyp2f1MinusOne(1, 1, 2, 1e-10), 1e-10 / 2 + 1e-20 / 3)).toBeLessThan(1e-12);
    expect(Number.isNaN(logHyp2f1(1, 1, 2, 1))).toBe(true);
  });

  it('adds and subtracts in log space', () => {
    expect(logSumExp([1000, 1000])).toBeCloseTo(1000 + Math.LN2, 12);
    expect(logSumExp([])).toBe(Number.NEGATIVE_INFINITY);
    expect(logAddExp(Number.NEGATIVE_INFINITY, 3)).toBe(3);
    expect(logSubExp(3, 3)).toBe(Number.NEGATIVE_INFINITY);
    expect(logSubExp(Math.log(5), Math.log(2))).toBeCloseTo(Math.log(3), 14);
  });
});

describe('BG/NBD pitfalls', () => {
  const pymc = { r: 0.25, alpha: 4, a: 0.8, b: 2.5 };
  const cdnow = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

  it('matches the pymc-marketing log-likelihood regression values', () => {
    expect(bgNbdLogLikelihood(pymc, { x: 0, tx: 0, T: 40 })).toBeCloseTo(-0.59947382, 8);
    expect(bgNbdLogLikelihood(pymc, { x: 200, tx: 38, T: 40 })).toBeCloseTo(100.7957, 4);
  });

  it('stays exact for large purchase counts', () => {
    const heavy = { x: 300, tx: 38, T: 40 };
    expect(
      relative(bgNbdConditionalExpectedPurchases(cdnow, heavy, 39), 0.07549351028889097),
    ).toBeLessThan(1e-10); // mpmath
    expect(
      relative(bgNbdPurchaseCountProbability(cdnow, 39, 200), 4.0708535525556953e-14),
    ).toBeLessThan(1e-9); // mpmath
    let total = 0;
    for (let n = 0; n < 600; n++) total += bgNbdPurchaseCountProbability(cdnow, 30, n);
    expect(total).toBeCloseTo(1, 12);
  });

  it('is continuous through the removable singularity at a = 1', () => {
    const history = { x: 3, tx: 20, T: 39 };
    const near = [1 - 1e-6, 1, 1 + 1e-6].map((a) => bgNbdExpectedPurchases({ ...cdnow, a }, 39));
    const conditional = [1 - 1e-6, 1, 1 + 1e-6].map((a) =>
      bgNbdConditionalExpectedPurchases({ ...cdnow, a }, history, 39),
    );
    for (const values of [near, conditional]) {
      expect(Number.isFinite(values[1])).toBe(true);
      expect(Math.abs((values[0] ?? 0) - 2 * (values[1] ?? 0) + (values[2] ?? 0))).toBeLessThan(
        1e-9,
      );
    }
  });

  it('recovers the parameters of a simulated population', () => {
    const truth = { r: 0.25, alpha: 4, a: 0.8, b: 2.5 };
    const histories = simulateBgNbdCustomers(truth, {
      customers: 3000,
      minT: 26,
      maxT: 52,
      seed: 20_05,
    });
    const { params, standardErrors } = fitBgNbd(histories);
    for (const key of ['r', 'alpha', 'a', 'b'] as const) {
      expect(Math.abs(params[key] - truth[key])).toBeLessThan(3 * standardErrors[key]);
    }
    expect(relative(params.r, truth.r)).toBeLessThan(0.1);
    expect(relative(params.alpha, truth.alpha)).toBeLessThan(0.15);
  });
});

describe('Pareto/NBD pitfalls', () => {
  it('keeps P(alive) finite for the CLVTools heavy buyers', () => {
    const params = { r: 0.5143, alpha: 2.8845, s: 0.2856, beta: 14.1087 };
    const histories = [
      { x: 221, tx: 103.42857, T: 103.57143, mpmath: 0.9995960523179381 },
      { x: 254, tx: 97.14286, T: 97.28571, mpmath: 0.9995582261230107 },
      { x: 161, tx: 94.71429, T: 98, mpmath: 0.7494877522581072 },
      { x: 204, tx: 98.57143, T: 99.42857, mpmath: 0.994255079637896 },
    ];
    for (const { mpmath, ...history } of histories) {
      expect(relative(paretoNbdProbabilityAlive(params, history), mpmath)).toBeLessThan(1e-12);
    }
  });

  it('neither overflows nor underflows on the lifetimes regression cases', () => {
    const params = { r: 0.55, alpha: 10.58, s: 0.61, beta: 11.67 };
    const left = paretoNbdConditionalExpectedPurchases(params, { x: 132, tx: 200, T: 200 }, 10);
    const right = paretoNbdConditionalExpectedPurchases(params, { x: 133, tx: 200, T: 200 }, 10);
    expect(relative(left, 6.2060517889632418)).toBeLessThan(1e-10);
    expect(relative(right, 6.2528722475748113)).toBeLessThan(1e-10);
    const tiny = { ...params, alpha: 0.008 };
    const mpmath = [624.6199799548247, 757.0106872102874, 894.9801977430972];
    [400, 450, 500].forEach((x, i) => {
      const logLikelihood = paretoNbdLogLikelihood(tiny, { x, tx: 30, T: 39 });
      expect(Math.abs(logLikelihood - (mpmath[i] ?? Number.NaN))).toBeLessThan(1e-8);
    });
    expect(paretoNbdProbabilityAlive(params, { x: 5, tx: 39, T: 39 })).toBe(1);
  });

  it('takes the limit at s = 1 in the conditional expectation', () => {
    const history = { x: 26, tx: 30.85714, T: 31 };
    const values = [1 - 1e-7, 1, 1 + 1e-7].map((s) =>
      paretoNbdConditionalExpectedPurchases({ r: 0.55, alpha: 10.58, s, beta: 11.67 }, history, 52),
    );
    expect(Math.abs((values[0] ?? 0) - 2 * (values[1] ?? 0) + (values[2] ?? 0))).toBeLessThan(1e-9);
  });
});

describe('spend, value and fitting helpers', () => {
  it('gives new customers the population mean spend and refuses an infinite one', () => {
    expect(
      gammaGammaConditionalExpectedSpend({ p: 6, q: 4, gamma: 15 }, { x: 0, monetary: 0 }),
    ).toBe(30);
    expect(() =>
      gammaGammaConditionalExpectedSpend({ p: 6, q: 0.9, gamma: 15 }, { x: 0, monetary: 0 }),
    ).toThrow(/infinite/);
  });

  it('discounts each period at its end', () => {
    const value = discountedCustomerValue({
      expectedPurchases: (t) => 2 * t,
      expectedSpend: 10,
      periods: 2,
      periodLength: 1,
      discountRate: 0.1,
    });
    expect(value).toBeCloseTo(20 / 1.1 + 20 / 1.21, 12);
  });

  it('minimises the Rosenbrock valley and backs off where the objective is not finite', () => {
    const rosenbrock = ([x = 0, y = 0]: readonly number[]) =>
      x < -2 ? Number.NaN : (1 - x) ** 2 + 100 * (y - x * x) ** 2;
    const result = minimizeBfgs(rosenbrock, [-1.2, 1], {
      gradientTolerance: 1e-8,
    });
    expect(result.converged).toBe(true);
    expect(result.point[0]).toBeCloseTo(1, 5);
    expect(result.point[1]).toBeCloseTo(1, 5);
  });

  it('refuses to fit data with too few repeat customers', () => {
    const histories = Array.from({ length: 100 }, (_, i) => ({
      x: i < 5 ? 1 : 0,
      tx: i < 5 ? 3 : 0,
      T: 30,
      monetary: i < 5 ? 20 : 0,
    }));
    expect(() => fitClvModels(histories)).toThrow(/5 of 100 customers have a repeat purchase/);
  });
});

describe('calibration summary rules', () => {
  const transactions = [
    { customerId: 'a', date: '2024-01-01', amount: 10 },
    { customerId: 'a', date: '2024-01-01', amount: 5 },
    { customerId: 'a', date: '2024-01-08', amount: 20 },
    { customerId: 'a', date: '2024-01-15', amount: 4 },
    { customerId: 'a', date: '2024-01-15', amount: 6 },
    { customerId: 'a', date: '2024-02-05', amount: 50 },
    { customerId: 'a', date: '2024-03-01', amount: 50 },
    { customerId: 'b', date: '2024-01-29', amount: 7 },
    { customerId: 'c', date: '2024-02-02', amount: 9 },
  ];

  it('merges same-day purchases and leaves the first purchase out of the spend', () => {
    const rows = summarizeCalibration({
      transactions,
      calibrationEnd: '2024-01-29',
      holdoutEnd: '2024-02-29',
      unit: 'week',
    });
    expect(rows).toEqual([
      {
        customerId: 'a',
        firstPurchase: '2024-01-01',
        x: 2,
        tx: 2,
        T: 4,
        monetary: 15,
        holdoutX: 1,
      },
      {
        customerId: 'b',
        firstPurchase: '2024-01-29',
        x: 0,
        tx: 0,
        T: 0,
        monetary: 0,
        holdoutX: 0,
      },
    ]);
    const days = summarizeCalibration({
      transactions,
      calibrationEnd: '2024-01-29',
      unit: 'day',
    });
    expect(days[0]).toMatchObject({ x: 2, tx: 14, T: 28, holdoutX: 2 });
  });

  it('rejects dates that are not calendar dates', () => {
    const bad = [{ customerId: 'a', date: '2024-02-30', amount: 1 }];
    expect(() =>
      summarizeCalibration({
        transactions: bad,
        calibrationEnd: '2024-03-01',
        unit: 'day',
      }),
    ).toThrow(/"2024-02-30" is not a calendar date/);
  });
});
