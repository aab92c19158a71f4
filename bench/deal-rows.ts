import type { DealStage, TouchKind } from '../src/platform/db-schema.ts';
import { DAY_MS } from '../src/platform/clock.ts';
import { type AccountPlan, daysAgo, type GenerationContext, iso, weekdayAhead } from './account-plan.ts';
import type { OrderHistory } from './order-rows.ts';
import type { Random } from './random.ts';
import { addTouch } from './touch-rows.ts';

type DealSpec = { status: 'open' | 'won' | 'lost'; stage: DealStage; createdMs: number; closedMs: number | null };
export type DealFacts = { touches: number; earliestMs: number | null; wonMs: number | null; lastLostMs: number | null; openCount: number };

const titles = ['Workwear rollout', 'Winter jackets for the crew', 'Safety boots framework deal', 'Hi-vis refresh', 'Team uniforms', 'Spring range order', 'Gloves and boots restock'];
const lostReasons = ['Price', 'Chose a competitor', 'No budget this year', 'Timing', 'Went silent'];
const stageMix = { lead: 0.34, qualified: 0.26, proposal: 0.22, negotiation: 0.18 } as const;
const steps: Record<DealStage, { kind: TouchKind; subject: string }> = {
  lead: { kind: 'call', subject: 'Qualify needs and budget' },
  qualified: { kind: 'meeting', subject: 'Present samples' },
  proposal: { kind: 'call', subject: 'Follow up on the proposal' },
  negotiation: { kind: 'email', subject: 'Send final terms' },
};
const history: { kind: TouchKind; subject: string; outcome: string }[] = [
  { kind: 'call', subject: 'Discovery call', outcome: 'Needs kit for 12 people by autumn' },
  { kind: 'meeting', subject: 'Site visit', outcome: 'Measured the team, sizes noted' },
  { kind: 'email', subject: 'Sent the proposal', outcome: 'Proposal opened twice' },
  { kind: 'call', subject: 'Proposal review', outcome: 'Asked for a volume discount' },
  { kind: 'meeting', subject: 'Negotiation meeting', outcome: 'Close on terms, waiting for sign-off' },
];
/** How far a deal got decides how many conversations it already had. */
const doneByStage: Record<DealStage, [number, number]> = { lead: [0, 1], qualified: [1, 2], proposal: [2, 3], negotiation: [2, 5] };

function planDeals(ctx: GenerationContext, rng: Random, plan: AccountPlan, orders: OrderHistory): DealSpec[] {
  const open = (): DealSpec => ({ status: 'open', stage: rng.weighted(stageMix), createdMs: daysAgo(ctx, rng.between(3, 160)), closedMs: null });
  const lost = (maxDaysAgo: number): DealSpec => {
    const closedMs = daysAgo(ctx, rng.between(7, maxDaysAgo));
    return { status: 'lost', stage: rng.weighted(stageMix), createdMs: closedMs - rng.between(14, 120) * DAY_MS, closedMs };
  };
  const firstOrder = orders.placedMs[0];
  // Prospects are pure pipeline; a won deal would have made them customers.
  if (firstOrder === undefined) return [rng.chance(0.75) ? open() : lost(300), ...(rng.chance(0.3) ? [lost(500)] : [])];
  const company = plan.kind === 'company';
  const deals: DealSpec[] = [];
  if (rng.chance(company ? 0.7 : 0.15)) {
    // The sale that started the relationship closes shortly before the first order.
    const closedMs = firstOrder - rng.between(0, 10) * DAY_MS;
    deals.push({ status: 'won', stage: rng.chance(0.7) ? 'negotiation' : 'proposal', createdMs: closedMs - rng.between(14, 90) * DAY_MS, closedMs });
  }
  if (rng.chance(company ? 0.3 : 0.08)) deals.push(open());
  if (rng.chance(company ? 0.1 : 0.03) || (plan.rhythm === 'lapsing' && rng.chance(0.3))) deals.push(lost(150));
  return deals;
}

/** The open deal's next step: mostly planned ahead, sometimes overdue, sometimes forgotten (a stalled deal). */
function writeNextStep(ctx: GenerationContext, rng: Random, plan: AccountPlan, dealId: string, deal: DealSpec, lastMs: number): number {
  const next = rng.weighted({ planned: 0.7, overdue: 0.15, none: 0.15 });
  if (next === 'none') return 0;
  // An overdue step still falls after the deal was opened (every open deal is at least 3 days old).
  const dueMs = next === 'planned' ? weekdayAhead(ctx, rng.between(1, 21)) : Math.max(daysAgo(ctx, rng.between(1, 30)), deal.createdMs + DAY_MS / 2);
  const createdMs = Math.max(deal.createdMs, Math.min(lastMs, dueMs - DAY_MS));
  addTouch(ctx, plan, { ...steps[deal.stage], status: 'planned', assigneeId: plan.ownerId, createdMs, dueMs, dealId, contactId: rng.pick(plan.contacts).id });
  return 1;
}

function writeDeal(ctx: GenerationContext, rng: Random, plan: AccountPlan, deal: DealSpec): number {
  const id = ctx.ids.next();
  const endMs = deal.closedMs ?? daysAgo(ctx, 0.2);
  const [least, most] = deal.status === 'open' ? doneByStage[deal.stage] : [1, 4];
  const doneTimes = Array.from({ length: rng.int(least, most) }, () => rng.between(deal.createdMs, endMs)).sort((a, b) => a - b);
  doneTimes.forEach((doneMs, i) => {
    const step = history[Math.min(i, history.length - 1)]!;
    addTouch(ctx, plan, { ...step, status: 'done', assigneeId: plan.ownerId, createdMs: doneMs, dueMs: doneMs, doneMs, dealId: id, contactId: rng.pick(plan.contacts).id });
  });
  const lastMs = doneTimes[doneTimes.length - 1] ?? deal.createdMs;
  let touches = doneTimes.length;
  if (deal.status === 'open') touches += writeNextStep(ctx, rng, plan, id, deal, lastMs);
  else if (deal.closedMs !== null && rng.chance(0.25)) {
    // Closing a deal cancels its planned steps (close-deal.ts); keep a few of those on record.
    const dueMs = deal.closedMs + rng.between(2, 14) * DAY_MS;
    addTouch(ctx, plan, { ...steps[deal.stage], status: 'cancelled', assigneeId: plan.ownerId, createdMs: Math.max(deal.createdMs, deal.closedMs - 3 * DAY_MS), dueMs, outcome: `Deal ${deal.status}`, dealId: id });
    touches++;
  }
  const value = (plan.kind === 'company' ? rng.int(16, 800) : rng.int(2, 30)) * 50;
  const title = rng.pick(titles);
  const reason = deal.status === 'lost' ? rng.pick(lostReasons) : null;
  const expectedMs = deal.closedMs ?? deal.createdMs + rng.between(30, 120) * DAY_MS;
  ctx.writers.deals.add({
    account_id: plan.id,
    id,
    title,
    owner_id: plan.ownerId,
    value: value.toFixed(2),
    stage: deal.stage,
    status: deal.status,
    expected_close_on: iso(expectedMs).slice(0, 10),
    closed_at: deal.closedMs === null ? null : iso(deal.closedMs),
    lost_reason: reason,
    created_at: iso(deal.createdMs),
    updated_at: iso(deal.closedMs ?? lastMs),
  });
  if (deal.status !== 'open' && deal.closedMs !== null) {
    ctx.writers.events.add({
      account_id: plan.id,
      type: `deal.${deal.status}`,
      subject_id: id,
      actor_id: plan.ownerId,
      payload: JSON.stringify({ title, value, reason }),
      occurred_at: iso(deal.closedMs),
    });
  }
  return touches;
}

/** Writes the account's deals, their conversations and next steps, and deal.won / deal.lost as close-deal.ts does. */
export function writeDeals(ctx: GenerationContext, rng: Random, plan: AccountPlan, orders: OrderHistory): DealFacts {
  const deals = planDeals(ctx, rng, plan, orders);
  let touches = 0;
  for (const deal of deals) touches += writeDeal(ctx, rng, plan, deal);
  const closed = (status: DealSpec['status']) => deals.filter((d) => d.status === status).map((d) => d.closedMs ?? 0);
  return {
    touches,
    earliestMs: deals.length ? Math.min(...deals.map((d) => d.createdMs)) : null,
    wonMs: closed('won').length ? Math.min(...closed('won')) : null,
    lastLostMs: closed('lost').length ? Math.max(...closed('lost')) : null,
    openCount: deals.filter((d) => d.status === 'open').length,
  };
}
