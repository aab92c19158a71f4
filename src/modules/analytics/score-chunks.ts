import { now } from '../../platform/clock.ts';
import type { Db } from '../../platform/db.ts';
import { type AccountIdRange, lastDoneTouchAges } from '../touches/index.ts';
import type { CustomerValue } from './clv-scoring.ts';
import { assessHealth, type HealthInput, storedSignals } from './health.ts';
import { type CustomerBase, quintileScore } from './customer-base.ts';
import { createDateInterner, type DateInterner, type PackedChunk, type PackedRow, packChunk } from './packed-rows.ts';
import { type AccountRfm, accountChunkEnds, rfmForAccountRange } from './rfm.queries.ts';
import { type AccountScore, insertScores } from './score-writer.ts';
import { segmentFor } from './segments.ts';
import type { ServiceSignals } from './service-signals.ts';
import type { AnalyticsSettings } from './settings.service.ts';

export type ScoringContext = {
  runId: number;
  /** The run's own table, which becomes its date's partition when every chunk is in (score-writer.ts). */
  stage: string;
  asOf: string;
  base: CustomerBase;
  /** The run's valuation (clv-scoring.ts), or null when there are no CLV models to value with. */
  valueCustomer: ((account: PackedRow) => CustomerValue) | null;
  settings: AnalyticsSettings;
  signalsOf: (accountId: string) => ServiceSignals;
};

const NIL_UUID = '00000000-0000-0000-0000-000000000000';
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Segment, lateness, model values and health of one account, from its RFM, latency and service signals. */
export function scoreAccount(row: PackedRow, signals: ServiceSignals, context: Omit<ScoringContext, 'runId' | 'stage'>): AccountScore {
  const { base, settings } = context;
  const rScore = quintileScore(row.recency_days, base.breakpoints.recency, false);
  const fScore = quintileScore(row.orders, base.breakpoints.frequency, true);
  const value = context.valueCustomer?.(row) ?? null;
  const latency = row.median_latency_days;
  const pAlive = value?.p_alive ?? null;
  // Every field is named rather than spread: this runs for every account, and copying objects by
  // spread costs more than the scoring itself.
  const input: HealthInput = {
    recency_days: row.recency_days,
    order_days: row.order_days,
    median_latency_days: latency,
    days_since_touch: row.days_since_touch,
    p_alive: pAlive,
    typical_latency_days: base.typicalLatencyDays,
    open_issues: signals.open_issues,
    last_nps: signals.last_nps,
    late_orders: signals.late_orders,
  };
  const { health } = assessHealth(input, settings);
  const stored = storedSignals(input);
  return {
    account_id: row.account_id,
    first_order_on: row.first_order_on,
    last_order_on: row.last_order_on,
    orders: row.orders,
    order_days: row.order_days,
    recency_days: row.recency_days,
    monetary: row.monetary,
    repeat_spend_mean: row.repeat_spend_mean,
    median_latency_days: latency,
    mean_latency_days: row.mean_latency_days,
    next_expected_order_on: row.next_expected_order_on,
    r_score: rScore,
    f_score: fScore,
    m_score: quintileScore(row.monetary, base.breakpoints.monetary, true),
    days_since_touch: row.days_since_touch,
    segment: segmentFor(rScore, fScore),
    late: latency !== null && row.recency_days > settings.lateness_factor * latency,
    p_alive: pAlive,
    expected_purchases_90d: value?.expected_purchases_90d ?? null,
    expected_spend: value?.expected_spend ?? null,
    clv: value?.clv ?? null,
    health,
    rhythm_reference: stored.rhythm_reference,
    open_issues: stored.open_issues,
    breached_issues: stored.breached_issues,
    last_nps: stored.last_nps,
    last_nps_days: stored.last_nps_days,
    late_orders: stored.late_orders,
    days_late: stored.days_late,
  };
}

export type ScoringProgress = (step: 'read' | 'scored', done: number, total: number) => void;
type ReadOptions = {
  chunkSize: number;
  onProgress?: ScoringProgress | undefined;
  /** Sees every chunk's rows once, as they are read: for what needs all accounts (breakpoints, cohorts). */
  onRows(rows: readonly AccountRfm[]): void;
  /** After every chunk: the run's heartbeat, so that a long read pass is not taken for a dead process. */
  onChunkRead?: (() => Promise<unknown>) | undefined;
};

/** One chunk's RFM and, beside it, its last touches. */
async function readChunk(db: Db, asOf: string, range: AccountIdRange, intern: DateInterner): Promise<{ packed: PackedChunk; quarters: number[][] }> {
  const [ordered, touched] = await Promise.all([rfmForAccountRange(db, { asOf, range }), lastDoneTouchAges(db, { asOf, range })]);
  const daysSinceTouch = Float64Array.from(ordered.accountIds, (accountId) => touched.get(accountId) ?? Number.NaN);
  return { packed: packChunk(ordered, daysSinceTouch, intern), quarters: ordered.quarters };
}

/** The chunk's rows as objects, for onRows: what needs all accounts reads them as they are read. */
const rowsOf = ({ packed, quarters }: { packed: PackedChunk; quarters: number[][] }): AccountRfm[] =>
  quarters.map((accountQuarters, index) => Object.assign(packed.row(index), { quarters: accountQuarters }));

/**
 * The first pass: every account's RFM, latency, quarters with an order and last touch, read a chunk
 * at a time with two chunks in flight (a server reads both at once; PGlite queues them on its one
 * connection, and the event loop is free between chunks). The rows stay in memory, packed (about
 * 100 bytes per account), because the quintile breakpoints need all accounts before any can be
 * scored, and reading every order twice would cost more than holding them.
 */
export async function readAccountChunks(db: Db, asOf: string, options: ReadOptions): Promise<PackedChunk[]> {
  const chunks = await accountChunkEnds(db, options.chunkSize);
  const total = chunks.reduce((sum, chunk) => sum + chunk.accounts, 0);
  const read: PackedChunk[] = [];
  const intern = createDateInterner();
  let next = 0;
  let visited = 0;
  const reader = async () => {
    for (let index = next++; index < chunks.length; index = next++) {
      const afterId = chunks[index - 1]?.lastId ?? NIL_UUID;
      const chunk = await readChunk(db, asOf, { afterId, throughId: chunks[index]?.lastId ?? NIL_UUID }, intern);
      options.onRows(rowsOf(chunk));
      read[index] = chunk.packed;
      await options.onChunkRead?.();
      visited += chunks[index]?.accounts ?? 0;
      options.onProgress?.('read', visited, total);
    }
  };
  await Promise.all([reader(), reader()]);
  return read;
}

/** Writes in flight at once: a server runs two inserts on two cores while Node scores the next chunk. */
const WRITES_IN_FLIGHT = 2;

/**
 * The second pass: scores the accounts and writes them a chunk per statement, with up to two
 * writes running while the next chunk is computed; between chunks the event loop is free for HTTP
 * requests. On PGlite the writes queue on its one connection.
 */
export async function scoreInChunks(
  db: Db,
  context: ScoringContext,
  chunks: readonly PackedChunk[],
  onProgress?: ScoringProgress,
): Promise<number> {
  const total = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
  let scored = 0;
  const writing: Promise<void>[] = [];
  const write = async (scores: AccountScore[]) => {
    const scoredAt = now();
    await insertScores(db, context.stage, { runId: context.runId, asOf: context.asOf, scoredAt }, scores);
    scored += scores.length;
    await db.updateTable('scoring_runs').set({ heartbeat_at: scoredAt, accounts: scored }).where('id', '=', context.runId).execute();
    onProgress?.('scored', scored, total);
  };
  for (const accounts of chunks) {
    const scores = accounts.accountIds.map((accountId, index) => scoreAccount(accounts.row(index), context.signalsOf(accountId), context));
    if (writing.length >= WRITES_IN_FLIGHT) await writing.shift();
    const written = write(scores);
    // Marks a failed write as handled until a later round awaits it and throws.
    written.catch(() => {});
    writing.push(written);
    await yieldToEventLoop();
  }
  await Promise.all(writing);
  return scored;
}
