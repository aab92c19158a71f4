import type { Db } from '../../platform/db.ts';
import { csvLine } from '../../platform/csv.ts';
import { type ExportList, type ExportListName, exportLists } from './export-lists.ts';

/** The list as CSV lines, a page at a time, so any size streams in constant memory. */
export async function* exportCsv(db: Db, name: ExportListName, pageSize = 2000): AsyncGenerator<string> {
  const list: ExportList = exportLists[name];
  yield `\uFEFF${csvLine(list.header)}`;
  let after: string | null = null;
  for (;;) {
    const rows = await list.page(db, after, pageSize);
    if (rows.length > 0) yield rows.map((row) => csvLine(row.cells)).join('');
    if (rows.length < pageSize) return;
    after = rows[rows.length - 1]?.key ?? null;
  }
}
