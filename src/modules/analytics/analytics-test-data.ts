// Order histories for the analytics tests: written straight into the tables, because what is tested
// is the scoring of orders, not how orders are placed.

import { randomUUID } from 'node:crypto';
import type { Db } from '../../platform/db.ts';
import { shiftDate } from './as-of.ts';
import { createSeededRandom, sampleGamma } from './clv/simulate.ts';

export type TestOrder = { on: string; total: number; status?: 'placed' | 'cancelled' };

export async function insertAccountWithOrders(db: Db, name: string, orders: readonly TestOrder[]): Promise<string> {
  const account = await db.insertInto('accounts').values({ name, lifecycle: 'customer' }).returning('id').executeTakeFirstOrThrow();
  if (orders.length > 0) {
    await db
      .insertInto('orders')
      .values(
        orders.map((order, i) => ({
          account_id: account.id,
          number: `${name}-${i + 1}`,
          status: order.status ?? 'placed',
          placed_at: `${order.on}T10:00:00Z`,
          total: order.total,
        })),
      )
      .execute();
  }
  return account.id;
}

/**
 * `customers` accounts buying as in the BG/NBD story (a Poisson rhythm of their own until they
 * drop out after some order, both varying between customers), first orders spread over `historyDays` before `asOf`, and spend per
 * order around a customer's own mean. Seeded, so every run writes the same business.
 */
export async function insertBuyingCustomers(db: Db, options: { customers: number; asOf: string; historyDays: number; seed: number }) {
  const random = createSeededRandom(options.seed);
  const accounts = Array.from({ length: options.customers }, (_, i) => ({ id: randomUUID(), name: `Buyer ${i + 1}`, lifecycle: 'customer' as const }));
  const orders: { account_id: string; number: string; placed_at: string; total: number }[] = [];
  for (const account of accounts) {
    // Rates ~ Gamma(0.8) with a mean gap of about 40 days, dropout ~ Beta(1, 4): the BG/NBD story.
    const meanGap = 32 / sampleGamma(random, 0.8);
    const stay = sampleGamma(random, 4);
    const dropout = 1 - stay / (stay + sampleGamma(random, 1));
    const meanSpend = 20 + 200 * random();
    let day = Math.floor(options.historyDays * random());
    while (day >= 0) {
      const total = Math.round(meanSpend * (0.5 + random()) * 100) / 100;
      orders.push({ account_id: account.id, number: `${account.name}-${orders.length}`, placed_at: `${shiftDate(options.asOf, -day)}T12:00:00Z`, total });
      if (random() < dropout) break;
      day -= Math.max(1, Math.round(-meanGap * Math.log(1 - random())));
    }
  }
  for (let i = 0; i < accounts.length; i += 1000) await db.insertInto('accounts').values(accounts.slice(i, i + 1000)).execute();
  for (let i = 0; i < orders.length; i += 1000) await db.insertInto('orders').values(orders.slice(i, i + 1000)).execute();
  return { accounts: accounts.length, orders: orders.length };
}
