import type { Db } from '../../platform/db.ts';
import { keysetPage, type Page } from '../../platform/paging.ts';
import type { AuditFilters, ListAuditQuery } from './audit.schema.ts';

export type AuditRow = {
  id: number;
  at: Date;
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  account_id: string | null;
  changes: Record<string, unknown>;
  ip: string | null;
};

function filteredEntries(db: Db, filters: AuditFilters) {
  let q = db
    .selectFrom('audit_log')
    .leftJoin('users', 'users.id', 'audit_log.actor_id')
    .select([
      'audit_log.id',
      'audit_log.at',
      'audit_log.actor_id',
      'users.name as actor_name',
      'audit_log.action',
      'audit_log.entity_type',
      'audit_log.entity_id',
      'audit_log.account_id',
      'audit_log.changes',
      'audit_log.ip',
    ]);
  if (filters.actor_id) q = q.where('audit_log.actor_id', '=', filters.actor_id);
  if (filters.entity_type) q = q.where('audit_log.entity_type', '=', filters.entity_type);
  if (filters.entity_id) q = q.where('audit_log.entity_id', '=', filters.entity_id);
  if (filters.account_id) q = q.where('audit_log.account_id', '=', filters.account_id);
  if (filters.action) q = q.where('audit_log.action', '=', filters.action);
  if (filters.from) q = q.where('audit_log.at', '>=', filters.from);
  if (filters.to) q = q.where('audit_log.at', '<', filters.to);
  return q;
}

/** Newest first, a page at a time; the cursor is the (at, id) of the last entry shown. */
export async function listAuditEntries(db: Db, query: ListAuditQuery): Promise<Page<AuditRow>> {
  return keysetPage(
    filteredEntries(db, query),
    [
      { by: 'audit_log.at', type: 'timestamptz', order: 'desc' },
      { by: 'audit_log.id', type: 'bigint', order: 'desc' },
    ],
    query,
  );
}

/** Every entry the filters select, a page at a time, newest first: the CSV export streams these. */
export async function* allAuditEntries(db: Db, filters: AuditFilters, pageSize = 2000): AsyncGenerator<AuditRow[]> {
  let cursor: string | undefined;
  do {
    const page = await listAuditEntries(db, { ...filters, limit: pageSize, ...(cursor ? { cursor } : {}) });
    yield page.items;
    cursor = page.next;
  } while (cursor);
}
