import type { Db } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { cohortRetention } from './cohorts.queries.ts';

/** The latest finished scoring run, of a given as-of date if named; a clear 404 before the first one. */
export async function latestRun(db: Db, asOf?: string) {
  let q = db
    .selectFrom('scoring_runs')
    .select(['id', 'as_of', 'status', 'started_at', 'finished_at', 'accounts', 'message', 'settings'])
    .where('status', '=', 'done')
    .orderBy('as_of', 'desc')
    .orderBy('id', 'desc')
    .limit(1);
  if (asOf) q = q.where('as_of', '=', asOf);
  const run = await q.executeTakeFirst();
  if (!run) {
    const which = asOf ? `as of ${asOf}` : 'yet';
    throw new AppError('not_found', `No scores ${which}: start a scoring run (POST /api/v1/analytics/score or "afterclose score")`);
  }
  return run;
}

/**
 * The model fit report of a run: parameters with standard errors, log-likelihood, customers, fit
 * time and the holdout check, or the reason the models were not fitted.
 */
export async function fitReport(db: Db, asOf?: string) {
  const run = await latestRun(db, asOf);
  const models = await db
    .selectFrom('model_fits')
    .select(['model', 'unit', 'params', 'standard_errors', 'll', 'customers', 'iterations', 'fit_ms', 'holdout_check', 'created_at'])
    .where('run_id', '=', run.id)
    .orderBy('model')
    .execute();
  const { settings: _, ...summary } = run;
  return { run: summary, clv_fitted: models.length > 0, models };
}

export async function cohortReport(db: Db, asOf?: string) {
  const run = await latestRun(db, asOf);
  return { as_of: run.as_of, cohorts: await cohortRetention(db, run.id) };
}

/** Runs newest first, failed ones included, for an administrator watching the job. */
export async function recentRuns(db: Db, limit = 20) {
  return db
    .selectFrom('scoring_runs')
    .select(['id', 'as_of', 'status', 'started_at', 'finished_at', 'accounts', 'message'])
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}
