import { Readable } from 'node:stream';
import { auditActions, auditEntityTypes, recordAudit } from '../../platform/audit.ts';
import { now } from '../../platform/clock.ts';
import { csvLine } from '../../platform/csv.ts';
import type { Db } from '../../platform/db.ts';
import { type App, type AppContext, requireRole } from '../../platform/http.ts';
import { allAuditEntries, listAuditEntries } from './audit.queries.ts';
import { type AuditFilters, auditFilters, listAuditQuery } from './audit.schema.ts';

const csvHeader = ['at', 'actor_id', 'actor_name', 'action', 'entity_type', 'entity_id', 'account_id', 'changes', 'ip'];

async function* auditCsv(db: Db, filters: AuditFilters): AsyncGenerator<string> {
  yield `\uFEFF${csvLine(csvHeader)}`;
  for await (const rows of allAuditEntries(db, filters)) {
    yield rows
      .map((r) => csvLine([r.at.toISOString(), r.actor_id, r.actor_name, r.action, r.entity_type, r.entity_id, r.account_id, JSON.stringify(r.changes), r.ip]))
      .join('');
  }
}

/** The audit log is for admins only: it names who did what, from which address. */
export function registerAuditRoutes(app: App, { db }: AppContext): void {
  const tags = ['audit'];
  app.get('/api/v1/audit', { schema: { querystring: listAuditQuery, tags } }, async (request) => {
    requireRole(request, ['admin']);
    return listAuditEntries(db, request.query);
  });
  // The web app's filters come from here, so the list of actions is written once (src/platform/audit.ts).
  app.get('/api/v1/audit/actions', { schema: { tags } }, async (request) => {
    requireRole(request, ['admin']);
    return { actions: auditActions, entity_types: auditEntityTypes };
  });
  app.get('/api/v1/audit.csv', { schema: { querystring: auditFilters, tags } }, async (request, reply) => {
    const admin = requireRole(request, ['admin']);
    await db.transaction().execute((trx) =>
      recordAudit(trx, { actorId: admin.id, action: 'export.downloaded', entityType: 'export', entityId: 'audit', changes: { list: 'audit', ...request.query } }),
    );
    const day = now().toISOString().slice(0, 10);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="afterclose-audit-${day}.csv"`)
      .send(Readable.from(auditCsv(db, request.query)));
  });
}
