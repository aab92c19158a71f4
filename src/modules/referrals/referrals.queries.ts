import { sql } from 'kysely';
import type { Db } from '../../platform/db.ts';
import { keysetPage } from '../../platform/paging.ts';
import type { ListReferralsQuery } from './referrals.schema.ts';

/** Referrals newest first, with who recommended whom and where the deal stands. */
export async function listReferrals(db: Db, query: ListReferralsQuery) {
  let q = db
    .selectFrom('referrals')
    .innerJoin('accounts as referrer', 'referrer.id', 'referrals.account_id')
    .innerJoin('accounts as referred', 'referred.id', 'referrals.referred_account_id')
    .leftJoin('deals', (join) => join.onRef('deals.account_id', '=', 'referrals.referred_account_id').onRef('deals.id', '=', 'referrals.deal_id'))
    .leftJoin('users as owner', 'owner.id', 'deals.owner_id')
    .select([
      'referrals.id',
      'referrals.account_id',
      'referrer.name as referrer_name',
      'referrals.name',
      'referrals.email',
      'referrals.company',
      'referrals.note',
      'referrals.status',
      'referrals.referred_account_id',
      'referred.name as referred_account_name',
      'referrals.deal_id',
      'deals.status as deal_status',
      'owner.name as owner_name',
      'referrals.attributed_revenue',
      'referrals.won_at',
      'referrals.created_at',
    ]);
  if (query.account_id) q = q.where('referrals.account_id', '=', query.account_id);
  if (query.status) q = q.where('referrals.status', '=', query.status);
  return keysetPage(
    q,
    [
      { by: 'referrals.created_at', type: 'timestamptz', order: 'desc' },
      { by: 'referrals.id', type: 'uuid', order: 'desc' },
    ],
    query,
  );
}

type LeaderRow = { account_id: string; account_name: string; referrals: number; won: number; revenue: number };

/** The referral leaderboard (most revenue, then most referrals) and what referrals brought in overall. */
export async function referralStats(db: Db, limit = 20) {
  const { rows: leaders } = await sql<LeaderRow>`
    select r.account_id, a.name as account_name, count(*)::int as referrals,
      count(*) filter (where r.status = 'won')::int as won, sum(r.attributed_revenue)::float8 as revenue
    from referrals r join accounts a on a.id = r.account_id
    group by r.account_id, a.name
    order by revenue desc, referrals desc, a.name limit ${limit}`.execute(db);
  const { rows } = await sql<{ referrals: number; won: number; lost: number; open: number; revenue: number; referrers: number }>`
    select count(*)::int as referrals, count(*) filter (where status = 'won')::int as won, count(*) filter (where status = 'lost')::int as lost,
      count(*) filter (where status in ('new', 'contacted', 'deal'))::int as open,
      coalesce(sum(attributed_revenue), 0)::float8 as revenue, count(distinct account_id)::int as referrers
    from referrals`.execute(db);
  const totals = rows[0] ?? { referrals: 0, won: 0, lost: 0, open: 0, revenue: 0, referrers: 0 };
  return { totals: { ...totals, conversion_rate: totals.referrals ? Math.round((10_000 * totals.won) / totals.referrals) / 10_000 : null }, leaderboard: leaders };
}
