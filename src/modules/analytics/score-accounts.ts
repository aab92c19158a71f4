import { now } from '../../platform/clock.ts';
import type { Db } from '../../platform/db.ts';
import type { ScoringSettings } from '../../platform/db-schema.ts';
import { AppError } from '../../platform/errors.ts';
import { createLogger, type Logger } from '../../platform/log.ts';
import { shiftDate } from './as-of.ts';
import { type ClvModels, type ClvOutcome, createCustomerValuer, readFitInput, thinClvOutcome } from './clv-scoring.ts';
import { createCohortCounter, recordCohortRetention } from './cohorts.queries.ts';
import { createBaseCollector } from './customer-base.ts';
import { fitInThread } from './fit-thread.ts';
import { lastGoodFit } from './last-good-fit.ts';
import type { AccountRfm } from './rfm.queries.ts';
import { readAccountChunks, type ScoringProgress, scoreInChunks } from './score-chunks.ts';
import { createScoreStage, dropScoresBefore, swapInScores } from './score-writer.ts';
import { readServiceSignals } from './service-signals.ts';
import { type AnalyticsSettings, getAnalyticsSettings } from './settings.service.ts';

export type ScoreAccountsOptions = {
  asOf: string;
  /**
   * Accounts per chunk (default 10,000): each chunk is one read and one write, with the event loop
   * free in between. At 2,000 the statements' fixed costs made the read pass 40 % slower; on PGlite a
   * chunk holds the event loop for about as long as reading 10,000 accounts' orders takes.
   */
  chunkSize?: number;
  /** Called after every chunk read ('read', of all accounts) and every chunk written ('scored', of the customers). */
  onProgress?: ScoringProgress;
  /** Where the optimiser's own account of a failed fit goes; the run's message stays plain. Default: warnings to stdout. */
  log?: Pick<Logger, 'warn'>;
};

export type ScoringPhase = 'read' | 'signals' | 'clv_fit' | 'score' | 'cleanup';
export type ScoringRunResult = {
  runId: number;
  asOf: string;
  accountsScored: number;
  clv: 'fitted' | string;
  millis: number;
  /**
   * Where the time went, for the benchmark; signals and clv_fit are what the service signals and the
   * fit added after the read pass, which they run beside.
   */
  phaseMillis: Record<ScoringPhase, number>;
};

/** Daily scores are kept this long; older as-of dates are deleted at the end of a run. */
export const SCORE_RETENTION_DAYS = 60;
/** A running run whose heartbeat is older than this belongs to a process that died. */
const ABANDONED_AFTER_MS = 10 * 60_000;
const scoringSettings = ({ updated_at: _, ...settings }: AnalyticsSettings): ScoringSettings => settings;

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
    .values({ as_of: asOf, started_at: at, heartbeat_at: at, settings: JSON.stringify(scoringSettings(settings)) })
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

/**
 * The day's fit, or when it failed the last good one (its date said in the run's message), or the
 * reason there is no CLV. Fit problems go to the log in the optimiser's words.
 */
async function chooseClvModels(db: Db, asOf: string, outcome: ClvOutcome, log: Pick<Logger, 'warn'>): Promise<{ clv: ClvOutcome; fresh: boolean; message: string | null }> {
  for (const problem of outcome.problems) log.warn({ as_of: asOf, problem }, 'CLV fit problem');
  if (outcome.fitted) return { clv: outcome, fresh: true, message: null };
  if (outcome.cause === 'thin') return { clv: outcome, fresh: false, message: outcome.reason };
  const previous = await lastGoodFit(db, asOf);
  if (!previous) {
    return { clv: outcome, fresh: false, message: 'The CLV models could not be fitted to this order history and there is no earlier fit to fall back on, so p(alive) and CLV stay empty.' };
  }
  return {
    clv: { fitted: true, models: previous.models, problems: [] },
    fresh: false,
    message: `The CLV models could not be fitted to this order history, so p(alive) and CLV use the models fitted as of ${previous.asOf}.`,
  };
}

let defaultLog: Logger | undefined;
function warningsLog(): Logger {
  defaultLog ??= createLogger('warn');
  return defaultLog;
}

/**
 * The read pass: every account's chunk, and from the same rows the customer base and the cohort
 * table (written here).
 */
async function readEveryAccount(db: Db, runId: number, options: ScoreAccountsOptions & { chunkSize: number }) {
  const heartbeat = () => db.updateTable('scoring_runs').set({ heartbeat_at: now() }).where('id', '=', runId).execute();
  const baseCollector = createBaseCollector();
  const cohorts = createCohortCounter();
  const onRows = (rows: readonly AccountRfm[]) => {
    for (const row of rows) {
      baseCollector.add(row);
      cohorts.add(row.quarters);
    }
  };
  const chunks = await readAccountChunks(db, options.asOf, { chunkSize: options.chunkSize, onProgress: options.onProgress, onRows, onChunkRead: heartbeat });
  await recordCohortRetention(db, runId, cohorts);
  return { chunks, base: baseCollector.describe() };
}

/**
 * Scores every account with orders as of a date: RFM, latency, segment, health, and (when the
 * history identifies the models) p(alive), expected orders and CLV. Idempotent for a date: a rerun
 * replaces that date's rows, and rows of accounts that no longer qualify are removed.
 */
export async function scoreAccounts(db: Db, options: ScoreAccountsOptions): Promise<ScoringRunResult> {
  const started = performance.now();
  const phaseMillis: Record<ScoringPhase, number> = { read: 0, signals: 0, clv_fit: 0, score: 0, cleanup: 0 };
  const timed = async <T>(phase: ScoringPhase, work: () => Promise<T>): Promise<T> => {
    const phaseStarted = performance.now();
    const result = await work();
    phaseMillis[phase] = Math.round(performance.now() - phaseStarted);
    return result;
  };
  const settings = await getAnalyticsSettings(db);
  const runId = await startRun(db, options.asOf, settings);
  const chunkSize = options.chunkSize ?? 10_000;
  try {
    // The fit reads its own sample and runs in its thread while the read pass runs: it needs none
    // of the read pass's rows, and the score pass needs both.
    // A thread costs seconds to start (it loads the code anew): not worth it for data too thin to fit.
    const fitting = readFitInput(db, options.asOf).then((input) => thinClvOutcome(input.histories) ?? fitInThread(input));
    // Marks a failed fit as handled until it is awaited below, after the read pass.
    fitting.catch(() => {});
    // The service signals are four statements over all accounts, read beside the first chunks; the
    // same catch marks a failure as handled until they are awaited after the read pass.
    const signalling = readServiceSignals(db, options.asOf);
    signalling.catch(() => {});
    const { chunks, base } = await timed('read', () => readEveryAccount(db, runId, { ...options, chunkSize }));
    const signalsOf = await timed('signals', () => signalling);
    const fitted = await timed('clv_fit', () => fitting);
    const outcome: ClvOutcome = base ? fitted : { fitted: false, cause: 'thin', reason: 'No account has an order yet, so there is nothing to score.', problems: [] };
    const { clv, fresh, message } = await chooseClvModels(db, options.asOf, outcome, options.log ?? warningsLog());
    if (clv.fitted && fresh) await recordModelFits(db, runId, clv.models);
    const scored = await timed('score', async () => {
      const stage = await createScoreStage(db, { runId, asOf: options.asOf });
      const written = base ? await scoreInChunks(db, { runId, stage, asOf: options.asOf, base, valueCustomer: clv.fitted ? createCustomerValuer(clv.models, settings) : null, settings, signalsOf }, chunks, options.onProgress) : 0;
      // Also when nobody has an order any more: the date's earlier scores give way to none.
      await swapInScores(db, stage, options.asOf);
      return written;
    });
    await timed('cleanup', () => dropScoresBefore(db, shiftDate(options.asOf, -SCORE_RETENTION_DAYS)));
    await db.updateTable('scoring_runs').set({ status: 'done', finished_at: now(), accounts: scored, message }).where('id', '=', runId).execute();
    const clvOutcome = fresh ? 'fitted' : (message ?? 'not fitted');
    return { runId, asOf: options.asOf, accountsScored: scored, clv: clvOutcome, millis: Math.round(performance.now() - started), phaseMillis };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await db.updateTable('scoring_runs').set({ status: 'failed', finished_at: now(), message }).where('id', '=', runId).execute();
    throw error;
  }
}
