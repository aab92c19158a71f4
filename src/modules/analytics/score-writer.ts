import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../../platform/db.ts';
import type { RfmSegment } from '../../platform/db-schema.ts';
import type { StoredSignals } from './health.ts';
import type { AccountRfm } from './rfm.queries.ts';

export type AccountScore = Omit<AccountRfm, 'span_days' | 'age_days' | 'quarters'> & {
  r_score: number;
  f_score: number;
  m_score: number;
  segment: RfmSegment;
  late: boolean;
  p_alive: number | null;
  expected_purchases_90d: number | null;
  expected_spend: number | null;
  clv: number | null;
  health: number;
} & StoredSignals;

/** Column → PostgreSQL type; each column travels as one array literal. */
const columns = {
  account_id: 'uuid',
  first_order_on: 'date',
  last_order_on: 'date',
  orders: 'int',
  order_days: 'int',
  recency_days: 'int',
  monetary: 'numeric',
  repeat_spend_mean: 'numeric',
  r_score: 'smallint',
  f_score: 'smallint',
  m_score: 'smallint',
  segment: 'text',
  median_latency_days: 'numeric',
  mean_latency_days: 'numeric',
  next_expected_order_on: 'date',
  late: 'bool',
  days_since_touch: 'int',
  p_alive: 'float8',
  expected_purchases_90d: 'float8',
  expected_spend: 'numeric',
  clv: 'numeric',
  health: 'smallint',
  rhythm_reference: 'float8',
  open_issues: 'int',
  breached_issues: 'int',
  last_nps: 'smallint',
  last_nps_days: 'int',
  late_orders: 'int',
  days_late: 'float8',
} as const satisfies Record<keyof AccountScore, string>;

type Column = keyof typeof columns;
const names = Object.keys(columns) as Column[];

/**
 * One column of a chunk as a PostgreSQL array literal, built here rather than by the driver: it
 * escapes every element of an array parameter one by one, and for a million scores that garbage
 * cost more than the scoring. Ids, dates, numbers, booleans and segment names need no quoting.
 */
function arrayLiteral(scores: readonly AccountScore[], column: Column): string {
  const items = scores.map((score) => {
    const value = score[column];
    return value === null ? 'NULL' : String(value);
  });
  return `{${items.join(',')}}`;
}

/**
 * Writes one chunk of scores in one statement whose size does not grow with the chunk (one array
 * parameter per column), replacing an earlier score of the same account and as-of date.
 */
export async function upsertAccountScores(db: Db, run: { runId: number; asOf: string; scoredAt: Date }, scores: readonly AccountScore[]) {
  if (scores.length === 0) return;
  const list = sql.join(names.map((name) => sql.ref(name)));
  const arrays = names.map((name) => sql`${arrayLiteral(scores, name)}::${sql.raw(columns[name])}[]`);
  const updates = sql.join([...names.slice(1), 'run_id', 'scored_at'].map((name) => sql`${sql.ref(name)} = excluded.${sql.ref(name)}`));
  await sql`
    insert into account_scores (${list}, as_of, run_id, scored_at)
    select ${list}, ${run.asOf}::date, ${run.runId}::bigint, ${run.scoredAt}::timestamptz
    from unnest(${sql.join(arrays)}) as u(${list})
    on conflict (account_id, as_of) do update set ${updates}`.execute(db);
}

/**
 * Deletes score rows matching `where` a batch at a time, so that removing a whole day of scores
 * never holds a million row locks in one transaction.
 */
export async function deleteScoresInBatches(db: Db, where: RawBuilder<boolean>, batch = 10_000): Promise<number> {
  let deleted = 0;
  for (;;) {
    const result = await sql`
      delete from account_scores where (account_id, as_of) in (
        select account_id, as_of from account_scores where ${where} limit ${batch})`.execute(db);
    const count = Number(result.numAffectedRows ?? 0);
    deleted += count;
    if (count < batch) return deleted;
  }
}
