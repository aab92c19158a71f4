import { type Kysely, sql } from 'kysely';
import type { Database } from '../../platform/db-schema.ts';

/**
 * Rewrites the search documents of these accounts (decision 0021) from their name, tags, contacts
 * and order numbers. Whoever writes an account, a contact or an order calls this in the same
 * transaction: a trigger used to, but Citus cannot run one on a shard (decision 0028).
 */
export async function refreshAccountSearch(db: Kysely<Database>, accountIds: readonly string[]): Promise<void> {
  const ids = [...new Set(accountIds)];
  if (ids.length === 0) return;
  await sql`select refresh_account_search(${ids}::uuid[])`.execute(db);
}
