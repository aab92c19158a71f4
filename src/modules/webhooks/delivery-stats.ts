import type { Db } from '../../platform/db.ts';
import type { DeliveryStatus } from '../../platform/db-schema.ts';

/** Outbound webhook deliveries by status (for /metrics): pending is the backlog. */
export async function countDeliveriesByStatus(db: Db): Promise<Record<DeliveryStatus, number>> {
  const rows = await db.selectFrom('webhook_deliveries').select(['status', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('status').execute();
  const counts: Record<DeliveryStatus, number> = { pending: 0, delivered: 0, failed: 0 };
  for (const row of rows) counts[row.status] = Number(row.n);
  return counts;
}
