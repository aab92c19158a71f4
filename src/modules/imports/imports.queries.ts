import { now } from '../../platform/clock.ts';
import type { Db } from '../../platform/db.ts';
import { csvLine } from '../../platform/csv.ts';
import { notFound } from '../../platform/errors.ts';
import { keysetPage, type PageRequest } from '../../platform/paging.ts';

const columns = ['id', 'kind', 'file_name', 'preset', 'status', 'started_by', 'bytes_total', 'bytes_read', 'rows_read', 'inserted', 'updated', 'skipped', 'skipped_reasons',
  'failed', 'message', 'started_at', 'heartbeat_at', 'finished_at'] as const;

/** An import moves its heartbeat after every batch; one silent this long died with its process. */
export const abandonedAfterMs = 10 * 60_000;

/** The latest imports, newest first, for the import page to show progress and reports. */
export async function listImports(db: Db, request: PageRequest) {
  const page = await keysetPage(db.selectFrom('imports').select(columns), [
    { by: 'imports.started_at', type: 'timestamptz', order: 'desc' },
    { by: 'imports.id', type: 'uuid', order: 'desc' },
  ], request);
  const cutoff = now().getTime() - abandonedAfterMs;
  const items = page.items.map((row) =>
    row.status === 'running' && row.heartbeat_at.getTime() < cutoff
      ? { ...row, status: 'failed' as const, message: 'Stopped: the process running it ended. Import the file again; what was imported stays.' }
      : row,
  );
  return { ...page, items };
}

export async function getImport(db: Db, id: string) {
  const row = await db.selectFrom('imports').select([...columns, 'header']).where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Import');
  return row;
}

/**
 * The failed rows as CSV: the row number and reason first, then the row's own columns under the
 * file's header, so the file can be fixed and imported again. Read a page at a time.
 */
export async function* failedRowsCsv(db: Db, importId: string, pageSize = 1000): AsyncGenerator<string> {
  const { header } = await getImport(db, importId);
  yield `\uFEFF${csvLine(['row', 'reason', ...header])}`;
  let after = 0;
  for (;;) {
    const rows = await db
      .selectFrom('import_failures')
      .select(['row_number', 'reason', 'fields'])
      .where('import_id', '=', importId)
      .where('row_number', '>', after)
      .orderBy('row_number')
      .limit(pageSize)
      .execute();
    if (rows.length > 0) yield rows.map((r) => csvLine([r.row_number, r.reason, ...r.fields])).join('');
    if (rows.length < pageSize) return;
    after = rows[rows.length - 1]?.row_number ?? after;
  }
}
