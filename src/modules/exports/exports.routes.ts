import { Readable } from 'node:stream';
import { z } from 'zod';
import { recordAudit } from '../../platform/audit.ts';
import { type App, type AppContext, currentUser } from '../../platform/http.ts';
import { assertManager } from '../../platform/permissions.ts';
import { now } from '../../platform/clock.ts';
import { AppError } from '../../platform/errors.ts';
import { exportCsv } from './export-csv.ts';
import { type ExportFilters, exportFilters } from './export-filters.ts';
import { type ExportListName, exportListNames } from './export-lists.ts';

const exportParams = z.object({ list: z.enum(exportListNames) });
// Which filters apply depends on the list in the path, so they are read once the list is known.
const anyFilters = z.record(z.string(), z.string());

/** The list's own filters from the query string; one it does not have is a 400 naming it. */
function filtersFor<L extends ExportListName>(list: L, query: Record<string, string>): ExportFilters[L] {
  const parsed = exportFilters[list].safeParse(query);
  if (parsed.success) return parsed.data as ExportFilters[L];
  const issue = parsed.error.issues[0];
  const field = issue?.code === 'unrecognized_keys' ? issue.keys[0] : issue?.path.join('.');
  throw new AppError('invalid_input', `The ${list} export has no filter or value like this: ${field ?? 'query'}`, field);
}

export function registerExportRoutes(app: App, { db }: AppContext): void {
  // A CSV of a whole list walks out of the building in one click, whoever owns the accounts in it.
  app.get('/api/v1/exports', { schema: { tags: ['exports'] } }, async (request) => {
    assertManager(currentUser(request), 'download exports');
    return { items: exportListNames.map((name) => ({ name, url: `/api/v1/exports/${name}.csv` })) };
  });
  app.get('/api/v1/exports/:list.csv', { schema: { params: exportParams, querystring: anyFilters, tags: ['exports'] } }, async (request, reply) => {
    assertManager(currentUser(request), 'download exports');
    const filters = filtersFor(request.params.list, request.query);
    const day = now().toISOString().slice(0, 10);
    // Recorded when the download starts: a list that was streamed out is a list that left the building.
    const actorId = currentUser(request).id;
    await db.transaction().execute((trx) =>
      recordAudit(trx, { actorId, action: 'export.downloaded', entityType: 'export', entityId: request.params.list, changes: { list: request.params.list, filters } }),
    );
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="afterclose-${request.params.list}-${day}.csv"`)
      .send(Readable.from(exportCsv(db, request.params.list, filters)));
  });
}
