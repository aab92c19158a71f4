import { sql } from 'kysely';
import { now } from '../../platform/clock.ts';
import type { Db } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { shiftDate } from './as-of.ts';
import { type ClvModels, type ClvOutcome, fitClvForScoring, valueCustomer } from './clv-scoring.ts';
import { recordCohortRetention } from './cohorts.queries.ts';
import { assessHealth } from './health.ts';
import { type AccountRfm, type CustomerBase, describeCustomerBase, nextAccountChunk, rfmForAccountRange } from './rfm.queries.ts';
import { type AccountScore, deleteScoresInBatches, upsertAccountScores } from './score-writer.ts';
import { segmentFor } from './segments.ts';
import { type AnalyticsSettings, getAnalyticsSettings } from './settings.service.ts';

export type ScoreAccountsOptions = {
  asOf: string;
  /** Accounts per chunk: each chunk is one read and one write, with the event loop free in between. */
  chunkSize?: number;
  onProgress?: (accountsVisited: number, accountsTotal: number) => void;
};

export type ScoringPhase = 'customer_base' | 'clv_fit' | 'cohorts' | 'accounts' | 'cleanup';
export type ScoringRunResult = {
  runId: number;
  asOf: string;
  accountsScored: number;
  clv: 'fitted' | string;
  millis: number;
  /** Where the time went, for the benchmark and the CLI. */
  phaseMillis: Record<ScoringPhase, number>;
};

/** Daily scores are kept this long; older as-of dates are deleted at the end of a run. */
export const SCORE_RETENTION_DAYS = 60;
/** A running run whose heartbeat is older than this belongs to a process that died. */
const ABANDONED_AFTER_MS = 10 * 60_000;
const NIL_UUID = '00000000-0000-0000-0000-000000000000';

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

async function startRun(db: Db, asOf: string, settings: AnalyticsSettings): Promise<number> {
  const at = now();
  await db
    .updateTable('scoring_runs')
    .set({ status: 'failed', finished_at: at, message: 'Abandoned: the process running it stopped reporting progress' })
    .where('status', '=', 'running')
    .where('heartbeat_at', '<', new Date(at.getTime() - ABANDONED_AFTER_MS))
    .execute();
  const running = await db.selectFrom('scoring_runs').select(['id', 'as_of', 'started_at']).where('status', '=', 'running').executeTakeFirst();
  if (running) {
    throw new AppError('conflict', `Scoring run ${running.id} (as of ${running.as_of}) is still in progress since ${running.started_at.toISOString()}`);
  }
  const run = await db
    .insertInto('scoring_runs')
    .values({ as_of: asOf, started_at: at, heartbeat_at: at, settings: JSON.stringify(settings) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return run.id;
}

async function recordModelFits(db: Db, runId: number, models: ClvModels): Promise<void> {
  const { bgnbd, gammagamma } = models;
  const fitRow = (model: 'bgnbd' | 'gammagamma', fit: ClvModels[typeof model], customers: number) => ({
    run_id: runId,
    model,
    params: JSON.stringify(fit.params),
    // JSON has no NaN: a standard error the information matrix cannot give becomes null.
    standard_errors: JSON.stringify(fit.standardErrors),
    ll: fit.logLikelihood,
    customers,
    iterations: fit.iterations,
    fit_ms: fit.fitMs,
    created_at: now(),
  });
  await db
    .insertInto('model_fits')
    .values([
      { ...fitRow('bgnbd', bgnbd, bgnbd.customers), holdout_check: JSON.stringify(bgnbd.holdoutCheck) },
      fitRow('gammagamma', gammagamma, gammagamma.customers),
    ])
    .execute();
}

function scoreAccount(row: AccountRfm, context: { asOf: string; base: CustomerBase; clv: ClvOutcome; settings: AnalyticsSettings }): AccountScore {
  const { asOf, base, clv, settings } = context;
  const value = clv.fitted ? valueCustomer(clv.models, row, asOf, settings) : null;
  const latency = row.median_latency_days;
  const { health, factors } = assessHealth(
    { ...row, p_alive: value?.p_alive ?? null, typical_latency_days: base.typicalLatencyDays },
    settings,
  );
  return {
    ...row,
    segment: segmentFor(row.r_score, row.f_score),
    next_expected_order_on: latency === null ? null : shiftDate(row.last_order_on, Math.round(latency)),
    late: latency !== null && row.recency_days > settings.lateness_factor * latency,
    p_alive: value?.p_alive ?? null,
    expected_purchases_90d: value?.expected_purchases_90d ?? null,
    expected_spend: value?.expected_spend ?? null,
    clv: value?.clv ?? null,
    health,
    health_factors: factors,
  };
}

async function scoreInChunks(db: Db, runId: number, options: ScoreAccountsOptions, context: Parameters<typeof scoreAccount>[1]) {
  const { count } = await db.selectFrom('accounts').select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
  let afterId = NIL_UUID;
  let visited = 0;
  let scored = 0;
  for (let chunk = await nextAccountChunk(db, afterId, options.chunkSize ?? 2000); chunk; chunk = await nextAccountChunk(db, afterId, options.chunkSize ?? 2000)) {
    const rows = await rfmForAccountRange(db, { asOf: options.asOf, afterId, throughId: chunk.lastId, breakpoints: context.base.breakpoints });
    const scoredAt = now();
    await upsertAccountScores(db, { runId, asOf: options.asOf, scoredAt }, rows.map((row) => scoreAccount(row, context)));
    await db.updateTable('scoring_runs').set({ heartbeat_at: scoredAt, accounts: scored + rows.length }).where('id', '=', runId).execute();
    afterId = chunk.lastId;
    visited += chunk.accounts;
    scored += rows.length;
    options.onProgress?.(Math.min(visited, count), count);
    // PGlite runs in this process: between chunks, HTTP requests get the event loop and the connection.
    await yieldToEventLoop();
  }
  return scored;
}

/**
 * Scores every account with orders as of a date: RFM, latency, segment, health, and (when the
 * history identifies the models) p(alive), expected orders and CLV. Idempotent for a date: a rerun
 * replaces that date's rows, and rows of accounts that no longer qualify are removed.
 */
export async function scoreAccounts(db: Db, options: ScoreAccountsOptions): Promise<ScoringRunResult> {
  const started = performance.now();
  const phaseMillis: Record<ScoringPhase, number> = { customer_base: 0, clv_fit: 0, cohorts: 0, accounts: 0, cleanup: 0 };
  const timed = async <T>(phase: ScoringPhase, work: () => Promise<T>): Promise<T> => {
    const phaseStarted = performance.now();
    const result = await work();
    phaseMillis[phase] = Math.round(performance.now() - phaseStarted);
    return result;
  };
  const settings = await getAnalyticsSettings(db);
  const runId = await startRun(db, options.asOf, settings);
  try {
    const base = await timed('customer_base', () => describeCustomerBase(db, options.asOf));
    const clv: ClvOutcome = base
      ? await timed('clv_fit', () => fitClvForScoring(db, options.asOf, base.customers))
      : { fitted: false, reason: 'No account has an order yet, so there is nothing to score.' };
    if (clv.fitted) await recordModelFits(db, runId, clv.models);
    await timed('cohorts', () => recordCohortRetention(db, runId, options.asOf));
    const scored = base ? await timed('accounts', () => scoreInChunks(db, runId, options, { asOf: options.asOf, base, clv, settings })) : 0;
    await timed('cleanup', async () => {
      await deleteScoresInBatches(db, sql<boolean>`as_of = ${options.asOf}::date and run_id <> ${runId}`);
      await deleteScoresInBatches(db, sql<boolean>`as_of < ${shiftDate(options.asOf, -SCORE_RETENTION_DAYS)}::date`);
    });
    const message = clv.fitted ? null : clv.reason;
    await db.updateTable('scoring_runs').set({ status: 'done', finished_at: now(), accounts: scored, message }).where('id', '=', runId).execute();
    const clvOutcome = clv.fitted ? 'fitted' : clv.reason;
    return { runId, asOf: options.asOf, accountsScored: scored, clv: clvOutcome, millis: Math.round(performance.now() - started), phaseMillis };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await db.updateTable('scoring_runs').set({ status: 'failed', finished_at: now(), message }).where('id', '=', runId).execute();
    throw error;
  }
}
