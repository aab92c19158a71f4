import type { Db } from '../../platform/db.ts';
import type { BgNbdParams } from './clv/bgnbd.ts';
import type { GammaGammaParams } from './clv/gamma-gamma.ts';
import type { ClvModels } from './clv-scoring.ts';

type FitRow = { params: Record<string, number>; standard_errors: Record<string, number | null>; ll: number; customers: number; iterations: number; fit_ms: number };

// model_fits stores what recordModelFits wrote from these very types; JSON turned NaN into null.
const numbers = (values: Record<string, number | null>) => Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v ?? Number.NaN]));
const fitOf = (row: FitRow) => ({ logLikelihood: row.ll, iterations: row.iterations, fitMs: row.fit_ms, customers: row.customers });

/**
 * The models of the newest finished run up to this as-of date that fitted them, for a day whose own
 * fit failed: yesterday's parameters describe today's customers far better than no CLV at all. A
 * run of a later date is never used, so a rerun of a past date sees no orders from its future.
 */
export async function lastGoodFit(db: Db, asOf: string): Promise<{ asOf: string; models: ClvModels } | null> {
  const run = await db
    .selectFrom('scoring_runs')
    .select(['id', 'as_of'])
    .where('status', '=', 'done')
    .where('as_of', '<=', asOf)
    .where((eb) => eb.exists(eb.selectFrom('model_fits').select('id').whereRef('model_fits.run_id', '=', 'scoring_runs.id')))
    .orderBy('as_of', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!run) return null;
  const rows = await db.selectFrom('model_fits').selectAll().where('run_id', '=', run.id).execute();
  const bgnbd = rows.find((r) => r.model === 'bgnbd');
  const gammagamma = rows.find((r) => r.model === 'gammagamma');
  if (!bgnbd || !gammagamma) return null;
  return {
    asOf: run.as_of,
    models: {
      bgnbd: {
        ...fitOf(bgnbd),
        params: bgnbd.params as BgNbdParams,
        standardErrors: numbers(bgnbd.standard_errors) as BgNbdParams,
        holdoutCheck: bgnbd.holdout_check ?? { skipped: 'Reused from an earlier run.' },
      },
      gammagamma: {
        ...fitOf(gammagamma),
        params: gammagamma.params as GammaGammaParams,
        standardErrors: numbers(gammagamma.standard_errors) as GammaGammaParams,
      },
    },
  };
}
