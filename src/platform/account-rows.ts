import { type Kysely, sql } from 'kysely';
import type { Database } from './db-schema.ts';

type RowTable = 'contacts' | 'orders' | 'deals' | 'touches' | 'issues' | 'goals';

/**
 * The account a row belongs to, found by the row's id alone (each of these tables has an index on
 * id). A lock then names (account_id, id): on Citus, FOR UPDATE runs on one shard only, and only
 * the account says which (decision 0028). An account never changes for these rows.
 */
export async function accountOfRow(db: Kysely<Database>, table: RowTable, id: string): Promise<string | undefined> {
  const { rows } = await sql<{ account_id: string }>`select account_id from ${sql.table(table)} where id = ${id}`.execute(db);
  return rows[0]?.account_id;
}
