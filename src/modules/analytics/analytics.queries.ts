import { sql } from 'kysely';
import type { Db } from '../../platform/db.ts';
import { rfmSegments } from '../../platform/db-schema.ts';
import { notFound } from '../../platform/errors.ts';
import { keysetPage } from '../../platform/paging.ts';
import type { ScoredAccountsQuery } from './analytics.schema.ts';
import { latestRun } from './runs.queries.ts';
import { explainHealth } from './health.ts';
import { segmentFor, segmentLabels } from './segments.ts';

/**
 * The account's latest score, each health factor explained. A prospect or a customer not yet scored
 * is a normal state of an account page, so it is a 200 saying why, not an error; 404 only for no account.
 */
export async function accountScore(db: Db, accountId: string) {
  const score = await db
    .selectFrom('account_scores')
    .innerJoin('scoring_runs', 'scoring_runs.id', 'account_scores.run_id')
    .selectAll('account_scores')
    .select('scoring_runs.settings')
    .where('account_scores.account_id', '=', accountId)
    .orderBy('account_scores.as_of', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!score) {
    const account = await db.selectFrom('accounts').select('id').where('id', '=', accountId).executeTakeFirst();
    if (!account) throw notFound('Account');
    return { scored: false as const, message: 'Not scored yet: scores cover accounts with at least one order, from the next scoring run on.' };
  }
  // The signals stored for the factors are shown as the factors, not beside them.
  const { settings, rhythm_reference, open_issues, breached_issues, last_nps, last_nps_days, late_orders, days_late, ...row } = score;
  return { scored: true as const, ...row, segment_label: segmentLabels[row.segment], health_factors: explainHealth(score, settings) };
}

/** Accounts, revenue and CLV per segment, every segment listed even when empty. */
export async function segmentSummary(db: Db, asOf?: string) {
  const run = await latestRun(db, asOf);
  const rows = await db
    .selectFrom('account_scores')
    .select((eb) => [
      'segment',
      eb.fn.countAll<number>().as('accounts'),
      sql<number>`coalesce(sum(monetary), 0)::float8`.as('revenue'),
      sql<number | null>`sum(clv)::float8`.as('clv'),
      sql<number>`round(avg(health))::int`.as('average_health'),
      sql<number>`count(*) filter (where late)::int`.as('late'),
    ])
    .where('as_of', '=', run.as_of)
    .groupBy('segment')
    .execute();
  const bySegment = new Map(rows.map((row) => [row.segment, row]));
  const segments = rfmSegments.map((segment) => ({
    ...(bySegment.get(segment) ?? { segment, accounts: 0, revenue: 0, clv: null, average_health: null, late: 0 }),
    label: segmentLabels[segment],
  }));
  return { as_of: run.as_of, segments };
}

/** All 25 cells of the RFM grid (R 5 → 1, F 1 → 5) with their segment, accounts and revenue. */
export async function rfmGrid(db: Db, asOf?: string) {
  const run = await latestRun(db, asOf);
  const rows = await db
    .selectFrom('account_scores')
    .select((eb) => ['r_score', 'f_score', eb.fn.countAll<number>().as('accounts'), sql<number>`coalesce(sum(monetary), 0)::float8`.as('revenue')])
    .where('as_of', '=', run.as_of)
    .groupBy(['r_score', 'f_score'])
    .execute();
  const byCell = new Map(rows.map((row) => [`${row.r_score}:${row.f_score}`, row]));
  const cells = [5, 4, 3, 2, 1].flatMap((r) =>
    [1, 2, 3, 4, 5].map((f) => {
      const segment = segmentFor(r, f);
      const row = byCell.get(`${r}:${f}`);
      return { r, f, segment, segment_label: segmentLabels[segment], accounts: row?.accounts ?? 0, revenue: row?.revenue ?? 0 };
    }),
  );
  return { as_of: run.as_of, cells };
}

/** Edges of the CLV histogram: roughly ×2.5 steps, readable as money whatever the currency. */
const clvEdges = [0, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000, 25_000, 50_000, 100_000];

export async function clvDistribution(db: Db, asOf?: string) {
  const run = await latestRun(db, asOf);
  const rows = await db
    .selectFrom('account_scores')
    .select((eb) => [
      sql<number>`width_bucket(clv::float8, ${sql.val(clvEdges)}::float8[])`.as('bucket'),
      eb.fn.countAll<number>().as('accounts'),
    ])
    .where('as_of', '=', run.as_of)
    .where('clv', 'is not', null)
    .groupBy('bucket')
    .execute();
  const counts = new Map(rows.map((row) => [row.bucket, row.accounts]));
  const buckets = clvEdges.map((from, i) => ({ from, to: clvEdges[i + 1] ?? null, accounts: counts.get(i + 1) ?? 0 }));
  const last = buckets.findLastIndex((b) => b.accounts > 0);
  return { as_of: run.as_of, buckets: buckets.slice(0, last + 1) };
}

/** Scored accounts, most valuable first (CLV, then revenue when CLV is not fitted), keyset-paged. */
export async function listScoredAccounts(db: Db, query: ScoredAccountsQuery) {
  const run = await latestRun(db, query.as_of);
  const value = sql<number>`coalesce(account_scores.clv, account_scores.monetary)`;
  let q = db
    .selectFrom('account_scores')
    .innerJoin('accounts', 'accounts.id', 'account_scores.account_id')
    .leftJoin('users as owner', 'owner.id', 'accounts.owner_id')
    .select([
      'account_scores.account_id',
      'accounts.name as account_name',
      'accounts.owner_id',
      'owner.name as owner_name',
      'account_scores.segment',
      'account_scores.health',
      'account_scores.clv',
      'account_scores.p_alive',
      'account_scores.monetary',
      'account_scores.orders',
      'account_scores.last_order_on',
      'account_scores.next_expected_order_on',
      'account_scores.recency_days',
      'account_scores.median_latency_days',
      'account_scores.late',
    ])
    .where('account_scores.as_of', '=', run.as_of);
  if (query.segment) q = q.where('account_scores.segment', '=', query.segment);
  if (query.min_clv !== undefined) q = q.where('account_scores.clv', '>=', query.min_clv);
  if (query.late !== undefined) q = q.where('account_scores.late', '=', query.late);
  const page = await keysetPage(
    q,
    [
      { by: value, type: 'numeric', order: 'desc' },
      { by: 'account_scores.account_id', type: 'uuid', order: 'desc' },
    ],
    query,
  );
  return { as_of: run.as_of, ...page, items: page.items.map((row) => ({ ...row, segment_label: segmentLabels[row.segment] })) };
}
