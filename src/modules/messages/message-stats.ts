import type { Db } from '../../platform/db.ts';
import type { MessageStatus } from '../../platform/db-schema.ts';

/** Emails by status (for /metrics): sent and failed only grow; queued and sending are the backlog. */
export async function countMessagesByStatus(db: Db): Promise<Record<MessageStatus, number>> {
  const rows = await db.selectFrom('messages').select(['status', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('status').execute();
  const counts: Record<MessageStatus, number> = { queued: 0, sending: 0, sent: 0, failed: 0, suppressed: 0 };
  for (const row of rows) counts[row.status] = Number(row.n);
  return counts;
}
