import { DAY_MS } from '../src/platform/clock.ts';
import { type AccountPlan, daysAgo, type GenerationContext, iso } from './account-plan.ts';
import { type Product, specsFor } from './catalog.ts';
import type { Random } from './random.ts';
import { orderDaysAgo } from './rhythm.ts';

export type OrderHistory = { placedMs: number[]; lastDeliveredMs: number | null };

const hexSuffix = (rng: Random) => rng.int(0, 0xffffff).toString(16).toUpperCase().padStart(6, '0');

/** Most lines come from the categories the account cares about, the rest from anywhere in the catalogue. */
function pickProduct(ctx: GenerationContext, rng: Random, plan: AccountPlan): Product {
  if (rng.chance(0.3)) return rng.pick(ctx.products);
  return rng.pick(ctx.productsByCategory.get(rng.pick(plan.interests)) ?? ctx.products);
}

/** Fulfilment follows the order's age: recent orders are still placed or on their way. */
function fulfilment(rng: Random, placedMs: number, asOfMs: number) {
  const shippedMs = placedMs + rng.between(0.5, 2) * DAY_MS;
  const deliveredMs = shippedMs + rng.between(1, 4) * DAY_MS;
  if (deliveredMs < asOfMs) return { status: 'delivered', shippedMs, deliveredMs };
  if (shippedMs < asOfMs) return { status: 'shipped', shippedMs, deliveredMs: null };
  return { status: 'placed', shippedMs: null, deliveredMs: null };
}

/**
 * Writes the account's orders with 1–4 lines each, the total being exactly the sum of the lines
 * (computed in cents, so no float rounding can make them disagree), and order.placed as
 * place-order.ts records it.
 */
export function writeOrders(ctx: GenerationContext, rng: Random, plan: AccountPlan): OrderHistory {
  const { orders, order_lines: lines, events } = ctx.writers;
  const placedMs = orderDaysAgo(rng, plan.rhythm, ctx.orderScale).map((days) => daysAgo(ctx, days));
  const billing = JSON.stringify(plan.billing);
  // Shop orders from private customers have no acting user; a company's are keyed in by its owner.
  const actorId = plan.kind === 'company' ? plan.ownerId : null;
  let lastDeliveredMs: number | null = null;
  placedMs.forEach((placed, index) => {
    const orderId = ctx.ids.next();
    let totalCents = 0;
    const roll = rng.next();
    const lineCount = roll < 0.4 ? 1 : roll < 0.7 ? 2 : roll < 0.9 ? 3 : 4;
    for (let l = 0; l < lineCount; l++) {
      const product = pickProduct(ctx, rng, plan);
      const quantity = plan.kind === 'company' ? rng.pick([1, 1, 2, 2, 3, 4, 5, 6, 8, 10, 12]) : rng.pick([1, 1, 1, 2]);
      const discount = plan.kind === 'company' && rng.chance(0.4) ? rng.pick([0.05, 0.1, 0.15]) : 0;
      const unitCents = Math.round(product.priceCents * (1 - discount));
      totalCents += quantity * unitCents;
      lines.add({
        account_id: plan.id,
        id: ctx.ids.next(),
        order_id: orderId,
        product_id: product.id,
        sku: product.sku,
        description: product.name,
        quantity,
        unit_price: (unitCents / 100).toFixed(2),
        specs: JSON.stringify(specsFor(rng, product)),
      });
    }
    const state = fulfilment(rng, placed, ctx.asOfMs);
    if (state.deliveredMs !== null) lastDeliveredMs = state.deliveredMs;
    const number = `${iso(placed).slice(0, 10).replaceAll('-', '')}-${hexSuffix(rng)}`;
    const total = (totalCents / 100).toFixed(2);
    orders.add({
      account_id: plan.id,
      id: orderId,
      number,
      status: state.status,
      placed_at: iso(placed),
      shipped_at: state.shippedMs === null ? null : iso(state.shippedMs),
      delivered_at: state.deliveredMs === null ? null : iso(state.deliveredMs),
      total,
      billing,
      created_at: iso(placed),
      // The company's default promise, in calendar days: the generator does not need working days to
      // give the lateness scan its index to read.
      ship_by: iso(placed + 2 * DAY_MS),
      escalate_by: iso(placed + 6 * DAY_MS),
    });
    events.add({
      account_id: plan.id,
      type: 'order.placed',
      subject_id: orderId,
      actor_id: actorId,
      payload: JSON.stringify({ number, total: totalCents / 100, first_order: index === 0, reorder_of: null }),
      occurred_at: iso(placed),
    });
  });
  return { placedMs, lastDeliveredMs };
}
