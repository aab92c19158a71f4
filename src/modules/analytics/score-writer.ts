import { sql } from 'kysely';
import { hasCitus, SCORE_STAGE_PREFIX } from '../../platform/citus.ts';
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

/** The partition holding one as-of date's scores (migration 0037), named by its date. */
const partitionOf = (asOf: string) => `account_scores_${asOf.replaceAll('-', '')}`;

/**
 * Tables of runs that died before swapping in their scores. Called when a run has taken the one
 * running slot, so no other run's table can be in use.
 */
async function dropAbandonedStages(db: Db): Promise<void> {
  const { rows } = await sql<{ name: string }>`
    select relname as name from pg_class
    where relnamespace = 'public'::regnamespace and relkind = 'r' and starts_with(relname, ${SCORE_STAGE_PREFIX})`.execute(db);
  for (const { name } of rows) await sql`drop table ${sql.table(name)}`.execute(db);
}

/**
 * A new table shaped like account_scores for one run's scores, without indexes: rows go in faster
 * than into a table that updates two indexes per row, and the indexes are built once at the end.
 * The check on the date lets the swap attach it without reading it again. On Citus it is
 * distributed like the partitions it will join.
 */
export async function createScoreStage(db: Db, run: { runId: number; asOf: string }): Promise<string> {
  await dropAbandonedStages(db);
  const stage = `${SCORE_STAGE_PREFIX}${run.runId}`;
  await sql`create table ${sql.table(stage)} (like account_scores including defaults including constraints,
    check (as_of = ${sql.lit(run.asOf)}::date))`.execute(db);
  if (await hasCitus(db)) await sql`select create_distributed_table(${stage}, 'account_id', colocate_with => 'accounts')`.execute(db);
  return stage;
}

/** Writes one chunk of scores into the run's table in one statement whose size does not grow with the chunk (one array parameter per column). */
export async function insertScores(db: Db, stage: string, run: { runId: number; asOf: string; scoredAt: Date }, scores: readonly AccountScore[]) {
  if (scores.length === 0) return;
  const list = sql.join(names.map((name) => sql.ref(name)));
  const arrays = names.map((name) => sql`${arrayLiteral(scores, name)}::${sql.raw(columns[name])}[]`);
  await sql`
    insert into ${sql.table(stage)} (${list}, as_of, run_id, scored_at)
    select ${list}, ${run.asOf}::date, ${run.runId}::bigint, ${run.scoredAt}::timestamptz
    from unnest(${sql.join(arrays)}) as u(${list})`.execute(db);
}

/**
 * Builds the run's indexes (the same as account_scores', so attaching adopts them) and makes the
 * table its date's partition in one transaction, in place of the date's earlier scores if any.
 */
export async function swapInScores(db: Db, stage: string, asOf: string): Promise<void> {
  await sql`alter table ${sql.table(stage)} add primary key (account_id, as_of)`.execute(db);
  await sql`create index on ${sql.table(stage)} (as_of, (coalesce(clv, monetary)) desc, account_id desc)`.execute(db);
  const partition = partitionOf(asOf);
  await db.transaction().execute(async (trx) => {
    const { rows } = await sql<{ found: boolean }>`select to_regclass(${partition}) is not null as found`.execute(trx);
    if (rows[0]?.found) {
      await sql`alter table account_scores detach partition ${sql.table(partition)}`.execute(trx);
      await sql`drop table ${sql.table(partition)}`.execute(trx);
    }
    await sql`alter table account_scores attach partition ${sql.table(stage)} for values in (${sql.lit(asOf)})`.execute(trx);
    await sql`alter table ${sql.table(stage)} rename to ${sql.table(partition)}`.execute(trx);
  });
}

/** Drops the partitions of as-of dates before `date`: the scores past their retention. */
export async function dropScoresBefore(db: Db, date: string): Promise<number> {
  const { rows } = await sql<{ name: string }>`
    select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid
    where i.inhparent = 'account_scores'::regclass and c.relname < ${partitionOf(date)} and c.relname ~ '^account_scores_[0-9]{8}$'
    order by c.relname`.execute(db);
  for (const { name } of rows) await sql`drop table ${sql.table(name)}`.execute(db);
  return rows.length;
}
