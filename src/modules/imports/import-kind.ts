import type { Transaction } from 'kysely';
import type { Database } from '../../platform/db-schema.ts';

/** One data row of the file: its number, its cells as read, its cells by field, or why it cannot be read. */
export type SourceRow = { row: number; fields: string[]; record: Record<string, string | undefined>; problem?: string };

/** A record to write (an account, or an order with its line rows) and the rows it came from. */
export type Unit<T> = { rows: SourceRow[]; value: T; key: string };

export type RowFailure = { row: number; reason: string; fields: string[] };

/** Rows (or, for a pushed order without rows, records) inserted, updated, left unchanged or failed. */
export type BatchOutcome = { inserted: number; updated: number; skipped: number; failures: RowFailure[] };

export type WriteContext = {
  trx: Transaction<Database>;
  at: Date;
  actorId: string | null;
  /** Active users by lower-case email, for owner columns. */
  usersByEmail: Map<string, string>;
  /** Off: imported orders record order.placed marked so that no playbook starts from them. */
  startPlaybooks: boolean;
  /** On: an order naming an unknown account_external_id creates that account instead of failing. */
  createCustomers?: boolean;
};

/** A record, a reason it cannot be imported, or a reason its rows are skipped (a guest, a payment that never went through). */
export type Parsed<T> = { value: T; key: string } | { reason: string } | { skip: string };

/**
 * What an import of one kind knows: which rows make one record, how a record is validated (before
 * any database work), and how a batch of valid records is written in one transaction.
 */
export type KindImporter<T> = {
  /**
   * The record a row belongs to, for kinds whose record spans rows (an order's line items): the
   * rows are grouped by it wherever they are in the file. Without it, each row is one record.
   */
  groupKey?(row: SourceRow): string | undefined;
  /** Why a single row is skipped before any grouping (a return line), or null. */
  skipRow?(row: SourceRow): string | null;
  parse(rows: SourceRow[], ctx: { usersByEmail: Map<string, string> }): Parsed<T>;
  write(ctx: WriteContext, units: Unit<T>[]): Promise<BatchOutcome>;
};

export function failUnit(unit: { rows: SourceRow[] }, reason: string): RowFailure[] {
  return unit.rows.map((row) => ({ row: row.row, reason, fields: row.fields }));
}

/** A Postgres text[] literal, so that an array of arrays survives unnest() as one value per row. */
export function textArrayLiteral(items: readonly string[]): string {
  return `{${items.map((item) => `"${item.replace(/[\\"]/g, '\\$&')}"`).join(',')}}`;
}

/** The keys of a batch that were not inserted: they exist already, and may need an update. */
export function existingKeys(units: { key: string }[], inserted: string[]): string[] {
  const fresh = new Set(inserted);
  return units.map((u) => u.key).filter((key) => !fresh.has(key));
}
