import { sql } from 'kysely';
import { addDays, now } from '../../platform/clock.ts';
import type { Db } from '../../platform/db.ts';
import { cursorString, decodeCursor, toPage } from '../../platform/paging.ts';

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

/**
 * Customers nobody has touched for `days` days, or with no next touch planned, most valuable first
 * (revenue of the last 12 months), with their owner. Snoozed accounts are left out until they wake.
 */
export async function attentionGaps(db: Db, query: AttentionQuery) {
  const at = now();
  const since = addDays(at, -query.days);
  let after = sql`true`;
  if (query.cursor) {
    const values = decodeCursor(query.cursor, 2);
    after = sql`(g.revenue_12m, g.account_id) < (${Number(values[0])}::numeric, ${cursorString(values, 1)}::uuid)`;
  }
  const { rows } = await sql<Omit<AttentionGap, 'reasons' | 'days_since_touch'>>`
    select * from (
      select a.id as account_id, a.name, a.owner_id, u.name as owner_name,
        (select max(t.done_at) from touches t where t.account_id = a.id and t.status = 'done') as last_touch_at,
        (select min(t.due_at) from touches t where t.account_id = a.id and t.status = 'planned') as next_touch_at,
        coalesce((select sum(o.total) from orders o where o.account_id = a.id and o.status <> 'cancelled'
          and o.placed_at >= ${addDays(at, -365)}), 0)::float8 as revenue_12m
      from accounts a left join users u on u.id = a.owner_id
      where a.lifecycle = 'customer' and (a.snoozed_until is null or a.snoozed_until <= ${at})
        ${query.owner_id ? sql`and a.owner_id = ${query.owner_id}` : sql``}
    ) g
    where (g.last_touch_at is null or g.last_touch_at < ${since} or g.next_touch_at is null) and ${after}
    order by g.revenue_12m desc, g.account_id desc
    limit ${query.limit + 1}`.execute(db);
  const page = toPage(rows, query.limit, (row) => [row.revenue_12m, row.account_id]);
  return {
    ...page,
    items: page.items.map((row): AttentionGap => {
      const reasons: AttentionGap['reasons'] = [];
      if (!row.last_touch_at || row.last_touch_at < since) reasons.push('no_touch');
      if (!row.next_touch_at) reasons.push('no_next_touch');
      const days = row.last_touch_at ? Math.floor((at.getTime() - row.last_touch_at.getTime()) / 86_400_000) : null;
      return { ...row, days_since_touch: days, reasons };
    }),
  };
}
