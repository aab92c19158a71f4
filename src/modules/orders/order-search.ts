import type { Db } from '../../platform/db.ts';
import { containsPattern } from '../../platform/search.ts';

/** Orders whose number contains the text, newest first (trigram index of 0010_account_search.sql). */
export async function findOrders(db: Db, text: string, limit: number) {
  return db
    .selectFrom('orders')
    .innerJoin('accounts', 'accounts.id', 'orders.account_id')
    .select(['orders.id', 'orders.account_id', 'accounts.name as account_name', 'orders.number', 'orders.placed_at', 'orders.status'])
    .where('orders.number', 'ilike', containsPattern(text))
    .orderBy('orders.placed_at', 'desc')
    .orderBy('orders.id')
    .limit(limit)
    .execute();
}

export type OrderMatch = Awaited<ReturnType<typeof findOrders>>[number];
