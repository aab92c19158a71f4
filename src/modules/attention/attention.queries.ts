import { sql } from 'kysely';
import { addDays, now } from '../../platform/clock.ts';
import type { Db } from '../../platform/db.ts';
import { preparedKeysetSql } from '../../platform/paging.ts';

export type AttentionQuery = { days: number; owner_id?: string | undefined; limit: number; cursor?: string | undefined };

export type AttentionGap = {
  account_id: string;
  name: string;
  owner_id: string | null;
  owner_name: string | null;
  last_touch_at: Date | null;
  days_since_touch: number | null;
  next_touch_at: Date | null;
  revenue_12m: number;
  reasons: ('no_touch' | 'no_next_touch')[];
};

type GapRow = Omit<AttentionGap, 'reasons' | 'days_since_touch'>;

// Prepared (decision 0038): the attention list is a hot read of the managers' screens.
const pageOfGaps = preparedKeysetSql(
  [
    { by: 'g.revenue_12m', type: 'float8', order: 'desc' },
    { by: 'g.account_id', type: 'uuid', order: 'desc' },
  ],
  (_db: Db, values: { at: Date; since: Date; yearAgo: Date; ownerId: string | undefined }, page) => sql<GapRow>`
    select g.*, ${sql.join(page.keyColumns)} from (
      select a.id as account_id, a.name, a.owner_id, u.name as owner_name,
        (select max(t.done_at) from touches t where t.account_id = a.id and t.status = 'done') as last_touch_at,
        (select min(t.due_at) from touches t where t.account_id = a.id and t.status = 'planned') as next_touch_at,
        coalesce((select sum(o.total) from orders o where o.account_id = a.id and o.status <> 'cancelled'
          and o.placed_at >= ${values.yearAgo}), 0)::float8 as revenue_12m
      from accounts a left join users u on u.id = a.owner_id
      where a.lifecycle = 'customer' and (a.snoozed_until is null or a.snoozed_until <= ${values.at})
        ${values.ownerId ? sql`and a.owner_id = ${values.ownerId}` : sql``}
    ) g
    where (g.last_touch_at is null or g.last_touch_at < ${values.since} or g.next_touch_at is null) and ${page.after}
    order by ${page.orderBy}
    limit ${page.take}`,
);

/**
 * Customers nobody has touched for `days` days, or with no next touch planned, most valuable first
 * (revenue of the last 12 months), with their owner. Snoozed accounts are left out until they wake.
 */
export async function attentionGaps(db: Db, query: AttentionQuery) {
  const at = now();
  const since = addDays(at, -query.days);
  const { items, next } = await pageOfGaps(db, { at, since, yearAgo: addDays(at, -365), ownerId: query.owner_id }, query);
  return {
    ...(next ? { next } : {}),
    items: items.map((row): AttentionGap => {
      const reasons: AttentionGap['reasons'] = [];
      if (!row.last_touch_at || row.last_touch_at < since) reasons.push('no_touch');
      if (!row.next_touch_at) reasons.push('no_next_touch');
      const days = row.last_touch_at ? Math.floor((at.getTime() - row.last_touch_at.getTime()) / 86_400_000) : null;
      return { ...row, days_since_touch: days, reasons };
    }),
  };
}
