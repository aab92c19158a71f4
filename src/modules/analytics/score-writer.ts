import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../../platform/db.ts';
import type { HealthFactor, RfmSegment } from '../../platform/db-tables-analytics.ts';
import type { AccountRfm } from './rfm.queries.ts';

export type AccountScore = AccountRfm & {
  segment: RfmSegment;
  late: boolean;
  p_alive: number | null;
  expected_purchases_90d: number | null;
  expected_spend: number | null;
  clv: number | null;
  health: number;
  health_factors: HealthFactor[];
};

/** Column → Postgres array type; each column travels as one array parameter. */
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
  health_factors: 'jsonb',
} as const satisfies Partial<Record<keyof AccountScore, string>>;

type Column = keyof typeof columns;
const names = Object.keys(columns) as Column[];

function arrayOf(scores: readonly AccountScore[], column: Column): RawBuilder<unknown> {
  const values = scores.map((score) => (column === 'health_factors' ? JSON.stringify(score.health_factors) : score[column]));
  // jsonb travels as text[] and is cast per element: pg has no serializer for jsonb arrays.
  const type = columns[column] === 'jsonb' ? 'text' : columns[column];
  return sql`${values}::${sql.raw(type)}[]`;
}

/**
 * Writes one chunk of scores in one statement whose size does not grow with the chunk (one array
 * parameter per column), replacing an earlier score of the same account and as-of date.
 */
export async function upsertAccountScores(db: Db, run: { runId: number; asOf: string; scoredAt: Date }, scores: readonly AccountScore[]) {
  if (scores.length === 0) return;
  const list = sql.join(names.map((name) => sql.ref(name)));
  const selected = sql.join(names.map((name) => (columns[name] === 'jsonb' ? sql`${sql.ref(name)}::jsonb` : sql.ref(name))));
  const updates = sql.join([...names.slice(1), 'run_id', 'scored_at'].map((name) => sql`${sql.ref(name)} = excluded.${sql.ref(name)}`));
  await sql`
    insert into account_scores (${list}, as_of, run_id, scored_at)
    select ${selected}, ${run.asOf}::date, ${run.runId}::bigint, ${run.scoredAt}::timestamptz
    from unnest(${sql.join(names.map((name) => arrayOf(scores, name)))}) as u(${list})
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
