// A faster way to a million-account database for the scoring benchmark: copy a smaller generated
// business (an earlier run's database, used as a template) until it holds the wanted number of
// accounts. The generator writes about 200 accounts/s on this machine under load, so 1M accounts
// take well over an hour; copying rows inside PostgreSQL takes minutes.

import { sql } from 'kysely';
import type { Db } from '../src/platform/db.ts';

/** A copy's id: a uuid derived from the original and the copy number, so reruns give the same ids. */
const copyId = (column: string) => sql.raw(`md5(${column}::text || ':' || copy)::uuid`);

/**
 * Adds `copies` copies of every account with its orders and touches, each copy with new ids. The
 * copies have the same order histories as the originals, which is what scoring and the GROUP BY
 * read; touches lose their contact and deal (which are not copied and which scoring does not read).
 */
export async function copyAccounts(db: Db, copies: number): Promise<void> {
  const series = sql`generate_series(1, ${copies}) as copy`;
  await sql`
    insert into accounts (id, external_id, name, kind, lifecycle, owner_id, service_owner_id, tags, interests, billing, preferences, created_at, updated_at)
    select ${copyId('id')}, external_id || ':' || copy, name, kind, lifecycle, owner_id, service_owner_id, tags, interests, billing, preferences, created_at, updated_at
    from accounts cross join ${series}`.execute(db);
  await sql`
    insert into orders (account_id, id, number, status, placed_at, shipped_at, delivered_at, total, billing, created_at, ship_by, escalate_by)
    select ${copyId('account_id')}, ${copyId('id')}, number, status, placed_at, shipped_at, delivered_at, total, billing, created_at, ship_by, escalate_by
    from orders cross join ${series}`.execute(db);
  await sql`
    insert into touches (account_id, id, kind, subject, notes, assignee_id, status, due_at, done_at, outcome, created_by, created_at)
    select ${copyId('account_id')}, ${copyId('id')}, kind, subject, notes, assignee_id, status, due_at, done_at, outcome, created_by, created_at
    from touches cross join ${series}`.execute(db);
}
