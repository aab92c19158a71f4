// CLV models against the CDNOW 1/10 sample and the values published for it (see
// ../shared/data/SOURCES.md; §2 published values, §3 exact MLE recomputed with numpy/scipy).

import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  bgNbdConditionalExpectedPurchases,
  bgNbdExpectedPurchases,
  bgNbdProbabilityAlive,
  bgNbdPurchaseCountProbability,
  fitBgNbd,
} from './bgnbd.ts';
import { fitClvModels } from './fit-report.ts';
import {
  discountedCustomerValue,
  fitGammaGamma,
  gammaGammaConditionalExpectedSpend,
} from './gamma-gamma.ts';
import {
  fitParetoNbd,
  paretoNbdConditionalExpectedPurchases,
  paretoNbdExpectedPurchases,
  paretoNbdProbabilityAlive,
} from './pareto-nbd.ts';
import { type CustomerSummary, summarizeCalibration, type Transaction } from './summary.ts';

const dataDir = new URL('../../../../../shared/data/', import.meta.url);
const dataExists = existsSync(dataDir);
if (!dataExists) {
  console.warn(
    `Skipping the CDNOW reference tests: ${dataDir.pathname} is absent (not in the repository).`,
  );
}

const readLines = (name: string): string[] =>
  readFileSync(new URL(name, dataDir), 'utf8')
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '');

/** Histories from a CSV whose columns are id, x, t_x, T, then spend and holdout columns. */
function readHistories(
  name: string,
  monetaryColumn: number,
  holdoutColumn?: number,
): CustomerSummary[] {
  return readLines(name)
    .slice(1)
    .map((line) => {
      const cells = line.split(',').map(Number);
      return {
        customerId: String(cells[0]),
        firstPurchase: '',
        x: cells[1] ?? Number.NaN,
        tx: cells[2] ?? Number.NaN,
        T: cells[3] ?? Number.NaN,
        monetary: cells[monetaryColumn] ?? Number.NaN,
        holdoutX: holdoutColumn === undefined ? 0 : (cells[holdoutColumn] ?? Number.NaN),
      };
    });
}

/** CDNOW_sample.txt: master id, sample id, YYYYMMDD, CDs, dollars. */
function readCdnowTransactions(): Transaction[] {
  return readLines('CDNOW_sample.txt').map((line) => {
    const [, sampleId = '', date = '', , dollars = ''] = line.trim().split(/\s+/);
    return {
      customerId: String(Number(sampleId)),
      date: `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}`,
      amount: Number(dollars),
    };
  });
}

function once<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => {
    value ??= make();
    return value;
  };
}

// BTYD's full-precision summary (x.star in column 4, m.x in column 5) and lifetimes' 2-dp one.
const cbs = once(() => readHistories('cdnowSummary_cbs.csv', 5, 4));
const rounded = once(() => readHistories('cdnow_customers_summary_with_transactions.csv', 4));
const bgnbd = once(() => fitBgNbd(cbs()));
const paretoNbd = once(() => fitParetoNbd(cbs()));
const gammaGamma = once(() => fitGammaGamma(cbs()));

const relative = (actual: number, expected: number): number => Math.abs(actual / expected - 1);
const customer1516 = { x: 26, tx: 30.85714, T: 31 };

describe.skipIf(!dataExists)('CLV models on the CDNOW sample', () => {
  it('builds the calibration summary of BTYD cdnowSummary$cbs from the transaction log', () => {
    const summary = summarizeCalibration({
      transactions: readCdnowTransactions(),
      calibrationEnd: '1997-09-30',
      holdoutEnd: '1998-06-30',
      unit: 'week',
    });
    const expected = new Map(cbs().map((row) => [row.customerId, row]));
    expect(summary).toHaveLength(2357);
    for (const row of summary) {
      const reference = expected.get(row.customerId);
      expect([row.x, row.tx, row.T, row.holdoutX]).toEqual([
        reference?.x,
        reference?.tx,
        reference?.T,
        reference?.holdoutX,
      ]);
      expect(row.monetary).toBeCloseTo(reference?.monetary ?? Number.NaN, 6);
    }
    expect(summary.filter((row) => row.x === 0)).toHaveLength(1411);
    expect(summary.reduce((sum, row) => sum + row.x, 0)).toBe(2457);
    expect(summary.reduce((sum, row) => sum + row.holdoutX, 0)).toBe(1882);
    expect(summary.find((row) => row.customerId === '1')?.firstPurchase).toBe('1997-01-01');
  });

  it('fits BG/NBD to the published parameters and log-likelihood', () => {
    const { params, logLikelihood, standardErrors } = bgnbd();
    const published = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
    const exactMle = { r: 0.242595, alpha: 4.413602, a: 0.792922, b: 2.425907 };
    for (const key of ['r', 'alpha', 'a', 'b'] as const) {
      expect(relative(params[key], published[key])).toBeLessThan(0.01);
      expect(relative(params[key], exactMle[key])).toBeLessThan(1e-4);
    }
    expect(Math.abs(logLikelihood - -9582.4292)).toBeLessThan(0.005);
    // lifetimes' Quickstart prints these standard errors for its fit of the 2-dp file.
    const lifetimes = {
      r: 0.012557,
      alpha: 0.378221,
      a: 0.185719,
      b: 0.705345,
    };
    for (const key of ['r', 'alpha', 'a', 'b'] as const) {
      expect(relative(standardErrors[key], lifetimes[key])).toBeLessThan(0.01);
    }
  });

  it('gives the same fits in days and in cents as in weeks and dollars', () => {
    const inDays = summarizeCalibration({
      transactions: readCdnowTransactions().map((t) => ({ ...t, amount: t.amount * 100 })),
      calibrationEnd: '1997-09-30',
      unit: 'day',
    });
    const { params } = fitBgNbd(inDays);
    const weekly = bgnbd().params;
    expect(relative(params.alpha, 7 * weekly.alpha)).toBeLessThan(1e-4);
    for (const key of ['r', 'a', 'b'] as const) {
      expect(relative(params[key], weekly[key])).toBeLessThan(1e-4);
    }
    const pareto = fitParetoNbd(inDays).params;
    expect(relative(pareto.beta, 7 * paretoNbd().params.beta)).toBeLessThan(1e-3);
    expect(relative(pareto.s, paretoNbd().params.s)).toBeLessThan(1e-4);
    const spend = fitGammaGamma(inDays).params;
    expect(relative(spend.gamma, 100 * gammaGamma().params.gamma)).toBeLessThan(1e-4);
    expect(relative(spend.q, gammaGamma().params.q)).toBeLessThan(1e-4);
  });

  it('fits the 2-dp lifetimes summary to the recomputed MLE', () => {
    const { params, logLikelihood } = fitBgNbd(rounded());
    expect(relative(params.r, 0.242593)).toBeLessThan(1e-4);
    expect(relative(params.b, 2.425753)).toBeLessThan(1e-4);
    expect(Math.abs(logLikelihood - -9582.4256)).toBeLessThan(0.005);
  });

  it('reproduces the published BG/NBD predictions', () => {
    const { params } = bgnbd();
    const hardie = bgNbdConditionalExpectedPurchases(params, { x: 2, tx: 30.43, T: 38.86 }, 39);
    expect(Math.abs(hardie - 1.226)).toBeLessThan(0.001);
    expect(
      relative(bgNbdConditionalExpectedPurchases(params, customer1516, 52), 25.75659),
    ).toBeLessThan(1e-4);
    expect(bgNbdProbabilityAlive(params, customer1516)).toBeCloseTo(0.9688523, 5);
    expect(relative(bgNbdExpectedPurchases(params, 52), 1.444004)).toBeLessThan(1e-5);
    const hardieCurve = [0.0078, 0.0532, 0.1506, 1.0405, 1.0437, 1.8576];
    [0.1429, 1, 3, 31.8571, 32, 78].forEach((t, i) => {
      expect(bgNbdExpectedPurchases(params, t)).toBeCloseTo(hardieCurve[i] ?? Number.NaN, 3);
    });
    const byFrequency = [0.3474606, 0.04283391, 0.004158973, 0.0003583685];
    [10, 15, 20, 25].forEach((x, i) => {
      const expected = bgNbdConditionalExpectedPurchases(params, { x, tx: 20, T: 39 }, 52);
      expect(relative(expected, byFrequency[i] ?? Number.NaN)).toBeLessThan(1e-3);
    });
    const top = bgNbdConditionalExpectedPurchases(params, { x: 26, tx: 30.86, T: 31 }, 1);
    expect(relative(top, 0.710623)).toBeLessThan(1e-4);
  });

  it('reproduces the BTYD purchase-count probabilities', () => {
    const params = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
    expect(relative(bgNbdPurchaseCountProbability(params, 2, 10), 1.07869e-7)).toBeLessThan(1e-5);
    expect(relative(bgNbdPurchaseCountProbability(params, 39, 0), 0.5737864)).toBeLessThan(1e-6);
    const published = [
      0.0019995214, 0.0015170236, 0.001163315, 0.0009003148, 0.0007023638, 0.0005517902,
      0.0004361913, 0.0003467171, 0.0002769613, 0.000222226,
    ];
    published.forEach((probability, i) => {
      expect(
        Math.abs(bgNbdPurchaseCountProbability(params, 30, 11 + i) - probability),
      ).toBeLessThan(1e-10);
    });
  });

  it('fits Pareto/NBD to the published parameters and log-likelihood', () => {
    const { params, logLikelihood, standardErrors } = paretoNbd();
    const published = { r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 };
    const exactMle = {
      r: 0.553277,
      alpha: 10.577683,
      s: 0.60624,
      beta: 11.668733,
    };
    for (const key of ['r', 'alpha', 's', 'beta'] as const) {
      expect(relative(params[key], published[key])).toBeLessThan(key === 'beta' ? 0.02 : 0.01);
      expect(relative(params[key], exactMle[key])).toBeLessThan(key === 'beta' ? 1e-3 : 1e-4);
    }
    expect(Math.abs(logLikelihood - -9594.9762)).toBeLessThan(0.005);
    const clvTools = {
      r: 0.0476264,
      alpha: 0.8427222,
      s: 0.1872594,
      beta: 6.2105448,
    };
    for (const key of ['r', 'alpha', 's', 'beta'] as const) {
      expect(relative(standardErrors[key], clvTools[key])).toBeLessThan(0.01);
    }
  });

  it('reproduces the published Pareto/NBD predictions', () => {
    const { params } = paretoNbd();
    expect(
      relative(paretoNbdConditionalExpectedPurchases(params, customer1516, 52), 25.45647),
    ).toBeLessThan(1e-4);
    expect(paretoNbdProbabilityAlive(params, customer1516)).toBeCloseTo(0.997874, 5);
    expect(paretoNbdProbabilityAlive(params, { x: 26, tx: 30.86, T: 31 })).toBeCloseTo(0.9979, 4);
    expect(relative(paretoNbdExpectedPurchases(params, 52), 1.473434)).toBeLessThan(1e-5);
    // The walkthrough's own estimate differs in β, on which these depend and the likelihood barely
    // does.
    const byFrequency = [0.7062289, 0.1442396, 0.02250658, 0.00309267];
    [10, 15, 20, 25].forEach((x, i) => {
      const expected = paretoNbdConditionalExpectedPurchases(params, { x, tx: 20, T: 39 }, 52);
      expect(relative(expected, byFrequency[i] ?? Number.NaN)).toBeLessThan(2e-3);
    });
  });

  it('fits Gamma-Gamma and reproduces the expected spend of the first customers', () => {
    const { params, customers, logLikelihood } = gammaGamma();
    expect(customers).toBe(946);
    expect(relative(params.p, 6.25)).toBeLessThan(0.01);
    expect(relative(params.q, 3.74)).toBeLessThan(0.01);
    expect(relative(params.gamma, 15.44)).toBeLessThan(0.01);
    expect(relative(params.p, 6.249573)).toBeLessThan(1e-4);
    expect(Math.abs(logLikelihood - -4055.9177)).toBeLessThan(0.005);
    const hardie = [24.65, 18.91, 35.17, 35.17, 35.17, 71.46, 18.91, 35.17, 27.28, 35.17];
    cbs()
      .slice(0, 10)
      .forEach((customer, i) => {
        const spend = gammaGammaConditionalExpectedSpend(params, customer);
        expect(Math.abs(spend - (hardie[i] ?? Number.NaN))).toBeLessThan(0.01);
      });
  });

  it('reproduces the lifetimes Quickstart CLV (its 30-unit "months" on weekly data)', () => {
    const purchases = fitBgNbd(rounded()).params;
    const spend = fitGammaGamma(rounded()).params;
    const quickstart = [140.096211, 18.943467, 38.180574, 38.180574, 38.180574, 1003.868107];
    rounded()
      .slice(0, 6)
      .forEach((customer, i) => {
        const value = discountedCustomerValue({
          expectedPurchases: (t) => bgNbdConditionalExpectedPurchases(purchases, customer, t),
          expectedSpend: gammaGammaConditionalExpectedSpend(spend, customer),
          periods: 12,
          periodLength: 30,
          discountRate: 0.01,
        });
        expect(relative(value, quickstart[i] ?? Number.NaN)).toBeLessThan(1e-5);
      });
  });

  it('reports all three fits in one call', () => {
    const report = fitClvModels(cbs());
    expect(report.customers).toBe(2357);
    expect(report.bgnbd.ll).toBeCloseTo(-9582.4292, 2);
    expect(report.paretonbd.ll).toBeCloseTo(-9594.9762, 2);
    expect(report.gammagamma.customers).toBe(946);
    expect(report.gammagamma.q).toBeCloseTo(3.744225, 4);
    expect(report.bgnbd.fit_ms).toBeGreaterThan(0);
  });
});
