import type { Lifecycle } from '../src/platform/db-schema.ts';
import { DAY_MS } from '../src/platform/clock.ts';
import { type AccountPlan, type GenerationContext, iso, planAccount, writeAccount } from './account-plan.ts';
import { writeDeals } from './deal-rows.ts';
import { writeOrders } from './order-rows.ts';
import type { Random } from './random.ts';
import { writeRelationshipTouches } from './touch-rows.ts';

function addLifecycleEvent(ctx: GenerationContext, plan: AccountPlan, type: string, atMs: number, payload: Record<string, unknown>) {
  ctx.writers.events.add({
    account_id: plan.id,
    type,
    subject_id: plan.id,
    actor_id: null,
    payload: JSON.stringify(payload),
    occurred_at: iso(Math.min(atMs, ctx.asOfMs)),
  });
}

/**
 * One account and its whole history. Orders and deals come first because the account's lifecycle,
 * creation date and touch budget follow from them. The rng belongs to this account alone, so an
 * account's data depends only on the seed and its index, never on how the run was chunked.
 */
export function generateAccount(ctx: GenerationContext, rng: Random, index: number): void {
  const plan = planAccount(ctx, rng, index);
  const orders = writeOrders(ctx, rng, plan);
  const deals = writeDeals(ctx, rng, plan, orders);
  const firstOrder = orders.placedMs[0];
  const lastOrder = orders.placedMs[orders.placedMs.length - 1];

  let lifecycle: Lifecycle = 'prospect';
  let updatedMs: number | null = null;
  if (firstOrder !== undefined) {
    lifecycle = 'customer';
    addLifecycleEvent(ctx, plan, 'account.became_customer', Math.min(firstOrder, deals.wonMs ?? firstOrder), { from: 'prospect' });
    if (plan.rhythm === 'lapsing' && lastOrder !== undefined && rng.chance(0.5)) {
      lifecycle = 'lost';
      updatedMs = lastOrder + rng.between(120, 170) * DAY_MS;
      addLifecycleEvent(ctx, plan, 'account.lifecycle_changed', updatedMs, { from: 'customer', to: 'lost' });
    }
  } else if (deals.openCount === 0 && deals.lastLostMs !== null && rng.chance(0.5)) {
    lifecycle = 'lost';
    updatedMs = deals.lastLostMs + rng.between(1, 20) * DAY_MS;
    addLifecycleEvent(ctx, plan, 'account.lifecycle_changed', updatedMs, { from: 'prospect', to: 'lost' });
  }

  const earliest = Math.min(firstOrder ?? ctx.asOfMs, deals.earliestMs ?? ctx.asOfMs);
  const createdMs = earliest - rng.between(1, 60) * DAY_MS;
  writeAccount(ctx, rng, plan, {
    lifecycle,
    createdMs,
    updatedMs: Math.min(updatedMs ?? lastOrder ?? createdMs, ctx.asOfMs),
  });
  const target = Math.round(ctx.touchesPerAccount * rng.between(0.5, 1.5));
  writeRelationshipTouches(ctx, rng, plan, {
    budget: Math.max(0, target - deals.touches),
    sinceMs: createdMs,
    lifecycle,
    history: orders,
  });
}
