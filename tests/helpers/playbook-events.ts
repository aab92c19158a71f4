import { consumePlaybookEvents, pendingPlaybookEvents } from '../../src/modules/playbooks/index.ts';
import type { MailLinks } from '../../src/platform/links.ts';
import type { Db } from '../../src/platform/db.ts';

/**
 * Consumes until every event is read. On a shared PostgreSQL server a transaction of another test
 * file can hold the snapshot horizon back for a moment, so this waits for it instead of guessing.
 */
export async function drainPlaybookEvents(db: Db, links: MailLinks): Promise<{ events: number; runs: number }> {
  const total = { events: 0, runs: 0 };
  for (let attempt = 0; attempt < 200; attempt++) {
    const result = await consumePlaybookEvents(db, links);
    total.events += result.events;
    total.runs += result.runs;
    if ((await pendingPlaybookEvents(db)) === 0) return total;
    if (result.events === 0) await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('Playbook events are still pending after 5 seconds');
}
