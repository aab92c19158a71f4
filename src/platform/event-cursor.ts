import { sql, type Transaction } from 'kysely';
import { now } from './clock.ts';
import type { Db } from './db.ts';
import type { Database } from './db-schema.ts';

export type CursorEvent = {
  id: number;
  tx: string;
  type: string;
  account_id: string | null;
  subject_id: string | null;
  actor_id: string | null;
  payload: Record<string, unknown>;
  occurred_at: Date;
};

/**
 * The event horizon: the oldest transaction still running that may yet commit events into this
 * database, or the snapshot's xmax when none is. A running transaction counts unless the server says
 * it belongs to a session of another database, which cannot write our events table: a long import
 * or demo load in another database on the same server no longer holds this one's playbooks back.
 * A transaction the server no longer lists (it ended after our snapshot was taken, or it is a
 * prepared one) still counts, for this read only: its events may be invisible to our snapshot.
 * Which database a transaction belongs to never changes, so the activity view being a moment
 * younger (or, inside one transaction, cached) than the snapshot cannot make this unsafe.
 */
const eventHorizon = sql`(
  with snapshot as (select pg_current_snapshot() as s)
  select coalesce(
    (select min(running) from snapshot, pg_snapshot_xip(snapshot.s) as running
      where not exists (
        select 1 from pg_stat_activity other
        where other.backend_xid = running::xid
          and other.datid <> (select oid from pg_database where datname = current_database()))),
    (select pg_snapshot_xmax(s) from snapshot)))`;

/**
 * Locks a consumer's cursor and reads the next events after it, or returns null when another worker
 * holds the cursor. Only events of transactions older than every running one of this database are
 * read, in (tx, id) order, so an event whose transaction commits late is never skipped.
 */
export async function readEventsAfterCursor(trx: Transaction<Database>, consumer: string, batchSize: number): Promise<CursorEvent[] | null> {
  const cursor = await trx.selectFrom('event_cursors').select(['last_tx', 'last_id']).where('consumer', '=', consumer).forUpdate().skipLocked().executeTakeFirst();
  if (!cursor) return null;
  const { rows } = await sql<CursorEvent>`
    select id, tx::text as tx, type, account_id, subject_id, actor_id, payload, occurred_at from events
    where (tx, id) > (${cursor.last_tx}::xid8, ${cursor.last_id}) and tx < ${eventHorizon}
    order by tx, id limit ${batchSize}`.execute(trx);
  return rows;
}

/** Moves the cursor past the last event read, in the transaction that acted on the events. */
export async function advanceCursor(trx: Transaction<Database>, consumer: string, events: CursorEvent[]): Promise<void> {
  const last = events[events.length - 1];
  if (!last) return;
  await trx.updateTable('event_cursors').set({ last_tx: last.tx, last_id: last.id, updated_at: now() }).where('consumer', '=', consumer).execute();
}

/** Events a consumer has not read yet; some may wait for an older transaction elsewhere to end. */
export async function pendingEvents(db: Db, consumer: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from events e, event_cursors c
    where c.consumer = ${consumer} and (e.tx, e.id) > (c.last_tx, c.last_id)`.execute(db);
  return rows[0]?.n ?? 0;
}

/**
 * Reads a consumer's next events and lets `react` act on them in the transaction that moves the
 * cursor, so a crash re-reads the batch and nothing is acted on twice. Returns how many were read
 * (0 also when another worker holds the cursor).
 */
export async function reactToEvents(
  db: Db,
  consumer: string,
  react: (trx: Transaction<Database>, events: CursorEvent[]) => Promise<void>,
  batchSize = 500,
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const events = await readEventsAfterCursor(trx, consumer, batchSize);
    if (!events?.length) return 0;
    await react(trx, events);
    await advanceCursor(trx, consumer, events);
    return events.length;
  });
}
