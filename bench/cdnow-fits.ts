// Times the three CLV fits on CDNOW: the 1/10 sample of SOURCES.md (2,357 customers) and that
// sample ten times over (23,570 customers, the size of the whole cohort, which is not in
// ../shared/data). Ten copies of every customer have the same maximum-likelihood estimates, so the
// parameters can be checked against the published ones at full size.

import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type ClvFitReport, fitClvModels } from '../src/modules/analytics/index.ts';
import { summarizeCalibration, type Transaction } from '../src/modules/analytics/index.ts';
import { formatTable } from './measure.ts';

export type CdnowFits = { sample: ClvFitReport; tenfold: ClvFitReport } | { skipped: string };

/** What the issue quotes for Python's lifetimes on the whole cohort on this kind of machine, in ms. */
const lifetimesMs = { bgnbd: 400, paretonbd: 9000, gammagamma: 100 };

function cdnowTransactions(dir: string): Transaction[] {
  return readFileSync(resolve(dir, 'CDNOW_sample.txt'), 'utf8')
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const [, id = '', d = '', , dollars = ''] = line.trim().split(/\s+/);
      return { customerId: id, date: `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`, amount: Number(dollars) };
    });
}

const fitCalibration = (transactions: readonly Transaction[]) =>
  fitClvModels(summarizeCalibration({ transactions, calibrationEnd: '1997-09-30', unit: 'week' }));

/** Fits both sizes; skipped, with the reason, where ../shared/data is absent (a user's own clone). */
export function benchCdnowFits(dir: string): CdnowFits {
  if (!existsSync(resolve(dir, 'CDNOW_sample.txt'))) return { skipped: `no CDNOW_sample.txt in ${dir} (../shared/data is not part of the repository)` };
  const sample = cdnowTransactions(dir);
  const tenfold = Array.from({ length: 10 }, (_, copy) => sample.map((t) => ({ ...t, customerId: `${copy}-${t.customerId}` }))).flat();
  return { sample: fitCalibration(sample), tenfold: fitCalibration(tenfold) };
}

const digits = (values: readonly number[]) => values.map((v) => v.toPrecision(6)).join(', ');

export function cdnowTable(fits: CdnowFits): string {
  if ('skipped' in fits) return `CDNOW fits skipped: ${fits.skipped}`;
  const row = (model: string, sample: number, tenfold: number, reference: number, params: string) => [
    model,
    `${sample.toFixed(0)} ms`,
    `${tenfold.toFixed(0)} ms`,
    `${reference} ms`,
    params,
  ];
  const { bgnbd, paretonbd, gammagamma } = fits.tenfold;
  return formatTable(
    ['model', `${fits.sample.customers} customers`, `${fits.tenfold.customers} customers`, 'lifetimes (quoted)', 'parameters at 23,570'],
    [
      row('BG/NBD', fits.sample.bgnbd.fit_ms, bgnbd.fit_ms, lifetimesMs.bgnbd, `r, α, a, b = ${digits([bgnbd.r, bgnbd.alpha, bgnbd.a, bgnbd.b])}`),
      row('Pareto/NBD', fits.sample.paretonbd.fit_ms, paretonbd.fit_ms, lifetimesMs.paretonbd, `r, α, s, β = ${digits([paretonbd.r, paretonbd.alpha, paretonbd.s, paretonbd.beta])}`),
      row('Gamma-Gamma', fits.sample.gammagamma.fit_ms, gammagamma.fit_ms, lifetimesMs.gammagamma, `p, q, γ = ${digits([gammagamma.p, gammagamma.q, gammagamma.gamma])}`),
    ],
  );
}
