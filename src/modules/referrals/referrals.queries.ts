import { sql } from 'kysely';
import type { Db } from '../../platform/db.ts';
import { keysetPage } from '../../platform/paging.ts';
import type { ListReferralsQuery } from './referrals.schema.ts';

/**
 * Referrals newest first, with who recommended whom and where the deal stands. The referred account
 * and its deal are read for the page apart: they belong to another account, on Citus another shard,
 * and Citus joins only rows of one account (decision 0028).
 */
export async function listReferrals(db: Db, query: ListReferralsQuery) {
  let q = db
    .selectFrom('referrals')
    .innerJoin('accounts as referrer', 'referrer.id', 'referrals.account_id')
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
      'referrals.deal_id',
      'referrals.attributed_revenue',
      'referrals.won_at',
      'referrals.created_at',
    ]);
  if (query.account_id) q = q.where('referrals.account_id', '=', query.account_id);
  if (query.status) q = q.where('referrals.status', '=', query.status);
  const page = await keysetPage(
    q,
    [
      { by: 'referrals.created_at', type: 'timestamptz', order: 'desc' },
      { by: 'referrals.id', type: 'uuid', order: 'desc' },
    ],
    query,
  );
  const referredIds = [...new Set(page.items.map((r) => r.referred_account_id))];
  const dealIds = page.items.flatMap((r) => (r.deal_id ? [r.deal_id] : []));
  const names = referredIds.length ? await db.selectFrom('accounts').select(['id', 'name']).where('id', 'in', referredIds).execute() : [];
  const deals = dealIds.length
    ? await db
        .selectFrom('deals')
        .leftJoin('users as owner', 'owner.id', 'deals.owner_id')
        .select(['deals.account_id', 'deals.id', 'deals.status', 'owner.name as owner_name'])
        .where('deals.account_id', 'in', referredIds)
        .where('deals.id', 'in', dealIds)
        .execute()
    : [];
  const nameOf = new Map(names.map((a) => [a.id, a.name]));
  const dealOf = new Map(deals.map((d) => [`${d.account_id} ${d.id}`, d]));
  const items = page.items.map((r) => {
    const deal = r.deal_id ? dealOf.get(`${r.referred_account_id} ${r.deal_id}`) : undefined;
    return { ...r, referred_account_name: nameOf.get(r.referred_account_id) ?? '', deal_status: deal?.status ?? null, owner_name: deal?.owner_name ?? null };
  });
  return { ...page, items };
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
