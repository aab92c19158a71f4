import { sql } from 'kysely';
import { now } from '../../platform/clock.ts';
import type { Db } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';
import { keysetPage, preparedKeysetPage } from '../../platform/paging.ts';
import type { ListDealsQuery, StalledDealsQuery } from './deals.schema.ts';
import { containsPattern } from '../../platform/search.ts';

/**
 * Deals with their next step (the earliest planned touch) and the stalled flag: an open deal is
 * stalled when it has no planned touch or its next one is overdue. days_stalled counts from the
 * overdue date, or from the deal's last change or done touch when nothing is planned.
 */
function dealsWithNextStep(db: Db, at: Date) {
  return db
    .selectFrom('deals')
    .innerJoin('accounts', 'accounts.id', 'deals.account_id')
    .innerJoin('users as owner', 'owner.id', 'deals.owner_id')
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('touches')
          .leftJoin('users as assignee', 'assignee.id', 'touches.assignee_id')
          .select(['touches.id', 'touches.kind', 'touches.subject', 'touches.due_at', 'touches.assignee_id', 'assignee.name as assignee_name'])
          .whereRef('touches.account_id', '=', 'deals.account_id')
          .whereRef('touches.deal_id', '=', 'deals.id')
          .where('touches.status', '=', 'planned')
          .orderBy('touches.due_at')
          .limit(1)
          .as('next'),
      (join) => join.onTrue(),
    )
    .select([
      'deals.id',
      'deals.account_id',
      'accounts.name as account_name',
      'deals.title',
      'deals.value',
      'deals.currency',
      'deals.stage',
      'deals.status',
      'deals.owner_id',
      'owner.name as owner_name',
      'deals.expected_close_on',
      'deals.closed_at',
      'deals.lost_reason',
      'deals.created_at',
      'deals.updated_at',
      'next.id as next_id',
      'next.kind as next_kind',
      'next.subject as next_subject',
      'next.due_at as next_due_at',
      'next.assignee_id as next_assignee_id',
      'next.assignee_name as next_assignee_name',
      // next_step_at and stalled_since are kept by triggers on touches (migration 0022).
      sql<number | null>`case when deals.status <> 'open' then null
        when deals.next_step_at is null or deals.next_step_at < ${at}::timestamptz
          then floor(extract(epoch from (${at}::timestamptz - deals.stalled_since)) / 86400)::int
        else null end`.as('days_stalled'),
    ]);
}

type DealRow = Awaited<ReturnType<ReturnType<typeof dealsWithNextStep>['executeTakeFirstOrThrow']>>;

// Field by field rather than `{ next_id, …, ...deal } = row`: rest destructuring copies each row
// through a slow runtime path, and on a page of 50 deals it cost more than the SQL (CPU profile).
function present(row: DealRow) {
  return {
    id: row.id,
    account_id: row.account_id,
    account_name: row.account_name,
    title: row.title,
    value: row.value,
    currency: row.currency,
    stage: row.stage,
    status: row.status,
    owner_id: row.owner_id,
    owner_name: row.owner_name,
    expected_close_on: row.expected_close_on,
    closed_at: row.closed_at,
    lost_reason: row.lost_reason,
    created_at: row.created_at,
    updated_at: row.updated_at,
    days_stalled: row.days_stalled,
    // A planned touch always has a kind, subject and due date; the left join only makes them look optional.
    next_step:
      row.next_id && row.next_kind && row.next_subject !== null && row.next_due_at
        ? { id: row.next_id, kind: row.next_kind, subject: row.next_subject, due_at: row.next_due_at, assignee_id: row.next_assignee_id, assignee_name: row.next_assignee_name }
        : null,
    stalled: row.days_stalled !== null,
  };
}

export async function listDeals(db: Db, query: ListDealsQuery) {
  let q = dealsWithNextStep(db, now());
  if (query.status) q = q.where('deals.status', '=', query.status);
  if (query.stage) q = q.where('deals.stage', '=', query.stage);
  if (query.account_id) q = q.where('deals.account_id', '=', query.account_id);
  if (query.owner_id) q = q.where('deals.owner_id', '=', query.owner_id);
  if (query.q) q = q.where('deals.title', 'ilike', containsPattern(query.q));
  const page = await keysetPage(
    q,
    [
      { by: 'deals.created_at', type: 'timestamptz', order: 'desc' },
      { by: 'deals.id', type: 'uuid', order: 'desc' },
    ],
    query,
  );
  return { ...page, items: page.items.map(present) };
}

// Prepared (decision 0038): the stalled list is a hot read of the pipeline screens.
const pageOfStalledDeals = preparedKeysetPage(
  [
    { by: 'deals.stalled_since', type: 'timestamptz' },
    { by: 'deals.id', type: 'uuid' },
  ],
  (db: Db, { at, owner_id }: { at: Date; owner_id: string | undefined }) => {
    const q = dealsWithNextStep(db, at)
      .where('deals.status', '=', 'open')
      .where((eb) => eb.or([eb('deals.next_step_at', 'is', null), eb('deals.next_step_at', '<', at)]));
    return owner_id ? q.where('deals.owner_id', '=', owner_id) : q;
  },
);

/**
 * Open deals that need a push, longest stalled first. Reads the (stalled_since, id) index of open
 * deals: the deals whose next step lies ahead come last in it, so a page stops early.
 */
export async function listStalledDeals(db: Db, { limit, cursor, owner_id }: StalledDealsQuery) {
  const page = await pageOfStalledDeals(db, { at: now(), owner_id }, { limit, cursor });
  return { ...page, items: page.items.map(present) };
}

export async function getDeal(db: Db, id: string) {
  const row = await dealsWithNextStep(db, now()).where('deals.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Deal');
  return present(row);
}
