import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../src/platform/db.ts';
import { reactToEvents } from '../../src/platform/event-cursor.ts';
import { openTestDb, testOnCitus } from '../helpers/test-db.ts';

// The event cursor reads below the oldest transaction that may still commit events into this
// database (src/platform/event-cursor.ts): late commits are never skipped, and a long transaction in
// another database on the same server does not hold this one's consumers back.
const consumer = 'horizon-test';
let handle: DbHandle & { url?: string };
const clients: pg.Client[] = [];

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  clients.push(client);
  return client;
}

async function insertEvent(client: pg.Client, type: string): Promise<void> {
  await client.query(`insert into events (type, payload, occurred_at) values ($1, '{}', now())`, [type]);
}

/** The event types one call of the consumer reads, in the order it reads them. */
async function readOnce(): Promise<string[]> {
  const read: string[] = [];
  await reactToEvents(handle.db, consumer, async (_trx, events) => {
    read.push(...events.map((e) => e.type));
  });
  return read;
}

beforeAll(async () => {
  handle = await openTestDb();
  const setup = await connect(handle.url ?? '');
  // Start after the template's own events, as a consumer added by a migration does.
  await setup.query(
    `insert into event_cursors (consumer, last_tx, last_id)
     select $1, coalesce(max(tx), '0'::xid8), coalesce(max(id), 0) from events`,
    [consumer],
  );
});

afterAll(async () => {
  for (const client of clients) await client.end().catch(() => {});
  await handle?.close();
});

describe('the event cursor', () => {
  it('reads an event whose transaction commits late, in transaction order, never skipping it', async () => {
    const slow = await connect(handle.url ?? '');
    const quick = await connect(handle.url ?? '');
    await slow.query('begin');
    await insertEvent(slow, 'test.slow');
    await insertEvent(quick, 'test.quick');
    expect(await readOnce()).toEqual([]);
    await slow.query('commit');
    expect(await readOnce()).toEqual(['test.slow', 'test.quick']);
  });

  it('is not held back by a long transaction in another database on the same server', async () => {
    // The database the test databases are made from the server of: another database there.
    const adminUrl = (testOnCitus() ? process.env.TEST_CITUS_URL : process.env.TEST_DATABASE_URL) ?? '';
    const elsewhere = await connect(adminUrl);
    await elsewhere.query('begin');
    await elsewhere.query('select pg_current_xact_id()');
    const here = await connect(handle.url ?? '');
    await insertEvent(here, 'test.while-elsewhere-runs');
    expect(await readOnce()).toEqual(['test.while-elsewhere-runs']);
    await elsewhere.query('rollback');
  });
});
