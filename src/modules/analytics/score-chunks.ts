import { now } from '../../platform/clock.ts';
import type { Db } from '../../platform/db.ts';
import { type ClvOutcome, valueCustomer } from './clv-scoring.ts';
import { assessHealth } from './health.ts';
import { type AccountRfm, accountChunkEnds, type CustomerBase, rfmForAccountRange } from './rfm.queries.ts';
import { type AccountScore, upsertAccountScores } from './score-writer.ts';
import { segmentFor } from './segments.ts';
import { readServiceSignals, type ServiceSignals } from './service-signals.ts';
import type { AnalyticsSettings } from './settings.service.ts';

export type ScoringContext = { runId: number; asOf: string; base: CustomerBase; clv: ClvOutcome; settings: AnalyticsSettings };

const NIL_UUID = '00000000-0000-0000-0000-000000000000';
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Segment, lateness, model values and health of one account, from its RFM, latency and service signals. */
export function scoreAccount(row: AccountRfm, signals: ServiceSignals, context: Omit<ScoringContext, 'runId'>): AccountScore {
  const { base, clv, settings } = context;
  const value = clv.fitted ? valueCustomer(clv.models, row, settings) : null;
  const latency = row.median_latency_days;
  const pAlive = value?.p_alive ?? null;
  // Every field is named rather than spread: this runs for every account, and copying objects by
  // spread costs more than the scoring itself.
  const { health, factors } = assessHealth(
    {
      recency_days: row.recency_days,
      order_days: row.order_days,
      median_latency_days: latency,
      days_since_touch: row.days_since_touch,
      p_alive: pAlive,
      typical_latency_days: base.typicalLatencyDays,
      open_issues: signals.open_issues,
      last_nps: signals.last_nps,
    },
    settings,
  );
  return {
    account_id: row.account_id,
    first_order_on: row.first_order_on,
    last_order_on: row.last_order_on,
    orders: row.orders,
    order_days: row.order_days,
    recency_days: row.recency_days,
    span_days: row.span_days,
    age_days: row.age_days,
    monetary: row.monetary,
    repeat_spend_mean: row.repeat_spend_mean,
    median_latency_days: latency,
    mean_latency_days: row.mean_latency_days,
    next_expected_order_on: row.next_expected_order_on,
    r_score: row.r_score,
    f_score: row.f_score,
    m_score: row.m_score,
    days_since_touch: row.days_since_touch,
    segment: segmentFor(row.r_score, row.f_score),
    late: latency !== null && row.recency_days > settings.lateness_factor * latency,
    p_alive: pAlive,
    expected_purchases_90d: value?.expected_purchases_90d ?? null,
    expected_spend: value?.expected_spend ?? null,
    clv: value?.clv ?? null,
    health,
    health_factors: factors,
  };
}

/** One chunk's RFM, then its issues and NPS answers (one query each, for the accounts with orders). */
async function readChunk(db: Db, context: ScoringContext, range: { afterId: string; throughId: string }) {
  const rows = await rfmForAccountRange(db, { asOf: context.asOf, ...range, breakpoints: context.base.breakpoints });
  const signalsOf = await readServiceSignals(db, rows.map((row) => row.account_id), context.asOf);
  return { rows, signalsOf };
}

/**
 * Scores the accounts chunk by chunk: each chunk is one read (RFM, then issues and NPS answers) and
 * one write, each statement short and on its own. The next chunk's read runs while this one is
 * computed and written, so a server works on both at once; on PGlite they queue on its one
 * connection, and between chunks the event loop is free for HTTP requests.
 */
export async function scoreInChunks(
  db: Db,
  context: ScoringContext,
  options: { chunkSize: number; onProgress?: ((visited: number, total: number) => void) | undefined },
): Promise<number> {
  const chunks = await accountChunkEnds(db, options.chunkSize);
  const total = chunks.reduce((sum, chunk) => sum + chunk.accounts, 0);
  const read = (index: number) => {
    const chunk = chunks[index];
    if (!chunk) return null;
    const afterId = chunks[index - 1]?.lastId ?? NIL_UUID;
    return readChunk(db, context, { afterId, throughId: chunk.lastId });
  };
  let visited = 0;
  let scored = 0;
  let next = read(0);
  for (let index = 0; next; index++) {
    const { rows, signalsOf } = await next;
    next = read(index + 1);
    const scoredAt = now();
    const scores = rows.map((row) => scoreAccount(row, signalsOf(row.account_id), context));
    await upsertAccountScores(db, { runId: context.runId, asOf: context.asOf, scoredAt }, scores);
    scored += rows.length;
    visited += chunks[index]?.accounts ?? 0;
    await db.updateTable('scoring_runs').set({ heartbeat_at: scoredAt, accounts: scored }).where('id', '=', context.runId).execute();
    options.onProgress?.(visited, total);
    await yieldToEventLoop();
  }
  return scored;
}
