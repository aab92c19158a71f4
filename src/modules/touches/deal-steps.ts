import { sql, type Transaction } from 'kysely';
import type { Database } from '../../platform/db-schema.ts';

type TouchOfDeal = { account_id: string; deal_id: string | null };

/**
 * A deal carries its next step and last activity (decision 0023), recomputed from its touches in
 * the transaction that changed them. Every statement here that writes touches calls this with the
 * rows it wrote; a database trigger used to, but Citus cannot run one on a shard (decision 0028).
 */
export async function refreshDealSteps(trx: Transaction<Database>, touches: readonly TouchOfDeal[]): Promise<void> {
  const deals = new Map<string, { account_id: string; deal_id: string }>();
  for (const t of touches) if (t.deal_id) deals.set(`${t.account_id} ${t.deal_id}`, { account_id: t.account_id, deal_id: t.deal_id });
  if (deals.size === 0) return;
  const list = [...deals.values()];
  await sql`select refresh_deal_steps(${list.map((d) => d.account_id)}::uuid[], ${list.map((d) => d.deal_id)}::uuid[])`.execute(trx);
}
