import { consumePlaybookEvents, pendingPlaybookEvents } from '../../src/modules/playbooks/index.ts';
import type { MailLinks } from '../../src/platform/links.ts';
import type { Db } from '../../src/platform/db.ts';

/**
 * How long a test waits for the event horizon. Events are read below the oldest transaction still
 * running that may write this database's events (decisions 0002, 0042): a test's own long
 * transaction, or one the server cannot yet place in a database, holds them back for its duration.
 */
export const eventHorizonWaitMs = 45_000;

/**
 * Consumes until every event is read, waiting for the snapshot horizon instead of guessing. Only
 * the wait is bounded: a batch read starts it again, however long many events take to consume.
 */
export async function drainPlaybookEvents(db: Db, links: MailLinks): Promise<{ events: number; runs: number }> {
  const total = { events: 0, runs: 0 };
  let until = Date.now() + eventHorizonWaitMs;
  for (;;) {
    const result = await consumePlaybookEvents(db, links);
    total.events += result.events;
    total.runs += result.runs;
    if ((await pendingPlaybookEvents(db)) === 0) return total;
    if (result.events > 0) until = Date.now() + eventHorizonWaitMs;
    else if (Date.now() > until) throw new Error(`Playbook events are still pending after ${eventHorizonWaitMs / 1000} seconds`);
    else await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
