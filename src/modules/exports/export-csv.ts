import type { Db } from '../../platform/db.ts';
import { csvLine } from '../../platform/csv.ts';
import type { ExportFilters } from './export-filters.ts';
import { type ExportListName, exportLists } from './export-lists.ts';
import type { ExportList } from './export-page.ts';

/** The list as CSV lines, a page at a time, so any size streams in constant memory. */
export async function* exportCsv<L extends ExportListName>(db: Db, name: L, filters: ExportFilters[L], pageSize = 2000): AsyncGenerator<string> {
  const list = exportLists[name] as ExportList<ExportFilters[L]>;
  yield `\uFEFF${csvLine(list.header)}`;
  let after: string | null = null;
  do {
    const page = await list.page(db, after, pageSize, filters);
    if (page.rows.length > 0) yield page.rows.map((cells) => csvLine(cells)).join('');
    after = page.after;
  } while (after !== null);
}
