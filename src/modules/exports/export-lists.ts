import { sql } from 'kysely';
import type { Db } from '../../platform/db.ts';
import { listAccounts } from '../accounts/index.ts';
import type { ExportFilters } from './export-filters.ts';
import { type Cell, type ExportList, keyedPage } from './export-page.ts';
import { serviceExportLists } from './export-service-lists.ts';

const iso = (at: Date | null) => (at ? at.toISOString() : null);
const list = (items: string[]) => items.join(', ');

function accountRows(db: Db) {
  return db
    .selectFrom('accounts as a')
    .leftJoin('users as o', 'o.id', 'a.owner_id')
    .leftJoin('users as s', 's.id', 'a.service_owner_id')
    .select(['a.id', 'a.external_id', 'a.name', 'a.kind', 'a.lifecycle', 'o.email as owner', 's.email as service_owner', 'a.tags', 'a.interests', 'a.created_at']);
}
type AccountRow = Awaited<ReturnType<ReturnType<typeof accountRows>['execute']>>[number];
const accountCells = (r: AccountRow): Cell[] => [r.id, r.external_id, r.name, r.kind, r.lifecycle, r.owner, r.service_owner, list(r.tags), list(r.interests), iso(r.created_at)];

/**
 * Every list the app shows that can be downloaded, read in pages so an export of a million rows
 * holds one page in memory, and filtered as the list's page filters it.
 */
export const exportLists = {
  accounts: {
    header: ['id', 'external_id', 'name', 'kind', 'lifecycle', 'owner_email', 'service_owner_email', 'tags', 'interests', 'created_at'],
    async page(db, after, limit, filters: ExportFilters['accounts']) {
      // Which accounts match and in which order is the accounts module's business: page through its own list.
      const found = await listAccounts(db, { ...filters, limit: Math.min(limit, 200), ...(after ? { cursor: after } : {}) });
      const ids = found.items.map((a) => a.id);
      const rows = ids.length ? await accountRows(db).where('a.id', 'in', ids).execute() : [];
      const byId = new Map(rows.map((r) => [r.id, r]));
      return { rows: ids.flatMap((id) => (byId.has(id) ? [accountCells(byId.get(id) as AccountRow)] : [])), after: found.next ?? null };
    },
  } satisfies ExportList<ExportFilters['accounts']>,
  touches: {
    header: ['id', 'account_id', 'account_name', 'kind', 'subject', 'status', 'assignee_email', 'due_at', 'done_at', 'outcome', 'created_at'],
    async page(db, after, limit, filters: ExportFilters['touches']) {
      let q = db
        .selectFrom('touches as t')
        .innerJoin('accounts as a', 'a.id', 't.account_id')
        .leftJoin('users as u', 'u.id', 't.assignee_id')
        .select(['t.id', 't.account_id', 'a.name', 't.kind', 't.subject', 't.status', 'u.email', 't.due_at', 't.done_at', 't.outcome', 't.created_at'])
        .orderBy('t.id')
        .limit(limit);
      if (after) q = q.where('t.id', '>', after);
      if (filters.account_id) q = q.where('t.account_id', '=', filters.account_id);
      if (filters.assignee_id) q = q.where('t.assignee_id', '=', filters.assignee_id);
      if (filters.status) q = q.where('t.status', '=', filters.status);
      return keyedPage(await q.execute(), limit, (r) => r.id, (r) => [
        r.id, r.account_id, r.name, r.kind, r.subject, r.status, r.email, iso(r.due_at), iso(r.done_at), r.outcome, iso(r.created_at),
      ]);
    },
  } satisfies ExportList<ExportFilters['touches']>,
  scores: {
    header: ['account_id', 'account_name', 'as_of', 'segment', 'recency_days', 'orders', 'monetary', 'r_score', 'f_score', 'm_score', 'late',
      'next_expected_order_on', 'p_alive', 'clv', 'health'],
    // The latest as-of date only: that is what the analytics page shows.
    async page(db, after, limit, filters: ExportFilters['scores']) {
      let q = db
        .selectFrom('account_scores as s')
        .innerJoin('accounts as a', 'a.id', 's.account_id')
        .select(['s.account_id', 'a.name', 's.as_of', 's.segment', 's.recency_days', 's.orders', 's.monetary', 's.r_score', 's.f_score', 's.m_score', 's.late',
          's.next_expected_order_on', 's.p_alive', 's.clv', 's.health'])
        .where('s.as_of', '=', (eb) => eb.selectFrom('account_scores').select(sql<string>`max(as_of)`.as('as_of')))
        .orderBy('s.account_id')
        .limit(limit);
      if (after) q = q.where('s.account_id', '>', after);
      if (filters.segment) q = q.where('s.segment', '=', filters.segment);
      if (filters.late !== undefined) q = q.where('s.late', '=', filters.late);
      return keyedPage(await q.execute(), limit, (r) => r.account_id, (r) => [
        r.account_id, r.name, r.as_of, r.segment, r.recency_days, r.orders, r.monetary, r.r_score, r.f_score, r.m_score, r.late,
        r.next_expected_order_on, r.p_alive, r.clv, r.health,
      ]);
    },
  } satisfies ExportList<ExportFilters['scores']>,
  ...serviceExportLists,
};

export type ExportListName = keyof typeof exportLists;
export const exportListNames = Object.keys(exportLists) as ExportListName[];
