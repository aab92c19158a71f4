import { sql } from 'kysely';
import type { Db } from '../../platform/db.ts';
import { type Page, preparedKeysetSql } from '../../platform/paging.ts';
import { touchKinds } from '../../platform/db-schema.ts';
import { describeEvent, timelineHiddenEvents } from './timeline-events.ts';

/**
 * What an entry is to a person: a touch's own kind (call, meeting, card…), an order, a deal, or the
 * family of an event (issue, referral, goal, survey…, the part of its type before the dot).
 */
export const timelineTypes = [
  ...touchKinds,
  'order',
  'deal',
  'account',
  'contact',
  'csat',
  'goal',
  'issue',
  'mention',
  'message',
  'playbook',
  'product',
  'referral',
] as const;
export type TimelineType = (typeof timelineTypes)[number];

export type TimelineItem = {
  /** Which table the entry comes from: with `id` it names the row. */
  kind: 'touch' | 'order' | 'deal' | 'event';
  type: TimelineType;
  id: string;
  at: Date;
  title: string;
  detail: string | null;
  status: string | null;
  /** An order's total, as data: the reader's browser formats it in their locale. */
  amount: { value: number; currency: string } | null;
};

type TimelineRow = Omit<TimelineItem, 'amount'> & {
  payload: Record<string, unknown> | null;
  total: string | null;
  currency: string | null;
};

// Prepared (decision 0038): the timeline is a hot read of the account screen. The type asked for is
// the shape (one of timelineTypes), so `build` may decide the text by it.
const timelinePage = preparedKeysetSql(
  [
    // The kind breaks ties between a touch, an order and a deal of the same moment; within a branch it is constant.
    { by: 'at', type: 'timestamptz', order: 'desc' },
    { by: 'kind', type: 'text', order: 'desc' },
    { by: 'id', type: 'uuid', order: 'desc' },
  ],
  (_db: Db, { accountId }: { accountId: string }, page, shape) => {
    // A branch that cannot hold the type asked for is left out (`false`), so it reads no rows.
    const type = shape === '' ? undefined : shape;
    const touchType = type === undefined ? sql`true` : (touchKinds as readonly string[]).includes(type) ? sql`kind = ${type}` : sql`false`;
    const onlyIf = (wanted: TimelineType) => (type === undefined || type === wanted ? sql`true` : sql`false`);
    const eventType = type === undefined ? sql`true` : sql`split_part(type, '.', 1) = ${type}`;
    const branch = (inner: ReturnType<typeof sql>) =>
      sql`(select * from (${inner}) x where ${page.after} order by ${page.orderBy} limit ${page.take})`;
    return sql<TimelineRow>`
    select at, ${sql.join(page.keyColumns)}, kind, type, id, title, detail, status, payload, total, currency from (
      ${branch(sql`select timeline_at as at, 'touch' as kind, kind as type, id, subject as title,
        coalesce(outcome, notes) as detail, status, null::jsonb as payload, null::numeric as total, null as currency
        from touches where account_id = ${accountId} and ${touchType}`)}
      union all
      ${branch(sql`select placed_at as at, 'order' as kind, 'order' as type, id,
        'Order ' || number as title, null as detail, status, null::jsonb as payload, total, currency
        from orders where account_id = ${accountId} and ${onlyIf('order')}`)}
      union all
      ${branch(sql`select created_at as at, 'deal' as kind, 'deal' as type, id, title, stage as detail, status,
        null::jsonb as payload, null::numeric as total, null as currency
        from deals where account_id = ${accountId} and ${onlyIf('deal')}`)}
      union all
      ${branch(sql`select occurred_at as at, 'event' as kind, split_part(type, '.', 1) as type,
        lpad(to_hex(id), 32, '0')::uuid as id, type as title, null as detail, null as status, payload,
        null::numeric as total, null as currency
        from events where account_id = ${accountId} and type <> all(${timelineHiddenEvents}::text[]) and ${eventType}`)}
    ) t
    order by ${page.orderBy}
    limit ${page.take}`;
  },
);

/**
 * Every touch, order, deal and event of one account, newest first. Each branch reads its own
 * (account_id, time desc) index up to the page size, so a page costs the same on a long history.
 */
export async function accountTimeline(
  db: Db,
  accountId: string,
  query: { limit: number; cursor?: string | undefined; type?: TimelineType | undefined },
): Promise<Page<TimelineItem>> {
  const { items, next } = await timelinePage(db, { accountId }, query, query.type ?? '');
  return {
    ...(next ? { next } : {}),
    // Built field by field: `({ payload, ...item })` per row went through V8's slow rest-copy path.
    items: items.map((row): TimelineItem => {
      const described = row.kind === 'event' ? describeEvent(row.title, row.payload ?? {}) : row;
      const amount = row.total === null || row.currency === null ? null : { value: Number(row.total), currency: row.currency };
      return { kind: row.kind, type: row.type, id: row.id, at: row.at, title: described.title, detail: described.detail, status: row.status, amount };
    }),
  };
}
