import type { Db } from '../../platform/db.ts';

export type Cell = string | number | boolean | null | undefined;
/** One page of rows after the given position; `after` is where the next page starts, null after the last. */
export type ExportPage = { rows: Cell[][]; after: string | null };
export type ExportList<F> = { header: string[]; page: (db: Db, after: string | null, limit: number, filters: F) => Promise<ExportPage> };

/** A page read in key order: the next one starts after the last row's key. */
export function keyedPage<R>(rows: R[], limit: number, key: (row: R) => string, cells: (row: R) => Cell[]): ExportPage {
  const last = rows[rows.length - 1];
  return { rows: rows.map(cells), after: rows.length === limit && last ? key(last) : null };
}
