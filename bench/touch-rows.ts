import type { Lifecycle, TouchKind, TouchStatus } from '../src/platform/db-schema.ts';
import { DAY_MS } from '../src/platform/clock.ts';
import { type AccountPlan, daysAgo, type GenerationContext, iso, weekdayAhead } from './account-plan.ts';
import type { OrderHistory } from './order-rows.ts';
import type { Random } from './random.ts';

export type TouchSpec = {
  kind: TouchKind;
  subject: string;
  status: TouchStatus;
  assigneeId: string;
  createdMs: number;
  dueMs?: number | null;
  doneMs?: number | null;
  outcome?: string | null;
  notes?: string | null;
  dealId?: string | null;
  contactId?: string | null;
};

export function addTouch(ctx: GenerationContext, plan: AccountPlan, touch: TouchSpec): void {
  ctx.writers.touches.add({
    account_id: plan.id,
    id: ctx.ids.next(),
    kind: touch.kind,
    subject: touch.subject,
    notes: touch.notes ?? null,
    contact_id: touch.contactId ?? null,
    deal_id: touch.dealId ?? null,
    assignee_id: touch.assigneeId,
    status: touch.status,
    due_at: touch.dueMs == null ? null : iso(touch.dueMs),
    done_at: touch.doneMs == null ? null : iso(touch.doneMs),
    outcome: touch.outcome ?? null,
    created_by: touch.assigneeId,
    created_at: iso(touch.createdMs),
  });
}

type Script = { subjects: string[]; outcomes: string[]; service: boolean };

/** What each kind of relationship touch is about, and who does it: the salesperson or the service team. */
const scripts: Partial<Record<TouchKind, Script>> = {
  call: { subjects: ['Quarterly call', 'Reorder call', 'Courtesy call'], outcomes: ['Reached, happy with the last delivery', 'Left a voicemail', 'Asked for a quote on winter gear', 'Wants samples of the new line', 'Not the right moment, call again next month'], service: false },
  email: { subjects: ['New season catalogue', 'Invoice question', 'Delivery update'], outcomes: ['Replied with thanks', 'No reply yet', 'Forwarded to purchasing', 'Asked for the size chart'], service: false },
  meeting: { subjects: ['Visit at their site', 'Annual review', 'Fitting session'], outcomes: ['Walked the site, two new teams need kit', 'Agreed on a reorder rhythm', 'Met the new purchasing lead'], service: false },
  check_in: { subjects: ['How is the kit holding up?', 'After-delivery check-in'], outcomes: ['All fine', 'One jacket zip failed, replacement sent', 'Would like a care guide'], service: true },
  card: { subjects: ['Thank-you card', 'Anniversary card', 'Season greetings card'], outcomes: ['Card posted'], service: true },
  note: { subjects: ['Note', 'Internal note'], outcomes: ['Prefers calls before 10:00', 'Budget year starts in April', 'Owner is retiring next year'], service: false },
  survey: { subjects: ['NPS survey'], outcomes: ['Answered', 'No answer'], service: true },
  management_call: { subjects: ['Call from our managing director'], outcomes: ['Appreciated the call', 'Raised a pricing concern'], service: false },
};
const relationshipMix = { call: 0.28, email: 0.25, meeting: 0.08, check_in: 0.14, card: 0.06, note: 0.12, survey: 0.04, management_call: 0.03 } as const;

function scriptFor(kind: TouchKind): Script {
  const script = scripts[kind];
  if (!script) throw new Error(`no script for touch kind ${kind}`);
  return script;
}

/**
 * Touches outside deals, up to `budget`: done calls, emails, cards and check-ins over the account's
 * life, a thank-you card after the first delivery, and for customers a planned check-in (the
 * service team's queue) or an overdue task, so "My day" has both kinds of work.
 */
export function writeRelationshipTouches(
  ctx: GenerationContext,
  rng: Random,
  plan: AccountPlan,
  facts: { budget: number; sinceMs: number; lifecycle: Lifecycle; history: OrderHistory },
): void {
  let left = facts.budget;
  const contactId = () => rng.pick(plan.contacts).id;
  const firstOrder = facts.history.placedMs[0];
  if (left > 0 && firstOrder !== undefined && rng.chance(0.5)) {
    const doneMs = firstOrder + rng.between(4, 12) * DAY_MS;
    if (doneMs < ctx.asOfMs) {
      addTouch(ctx, plan, { kind: 'card', subject: 'Thank-you card for the first order', status: 'done', assigneeId: plan.serviceOwnerId, createdMs: doneMs - DAY_MS, dueMs: doneMs, doneMs, outcome: 'Card posted', contactId: contactId() });
      left--;
    }
  }
  if (left > 0 && facts.lifecycle === 'customer' && rng.chance(0.6)) {
    const dueMs = weekdayAhead(ctx, rng.between(1, 45));
    addTouch(ctx, plan, { kind: 'check_in', subject: 'Quarterly check-in', status: 'planned', assigneeId: plan.serviceOwnerId, createdMs: daysAgo(ctx, rng.between(1, 60)), dueMs, contactId: contactId() });
    left--;
  } else if (left > 0 && rng.chance(0.08)) {
    const dueMs = daysAgo(ctx, rng.between(1, 20));
    addTouch(ctx, plan, { kind: 'task', subject: 'Send the updated price list', status: 'planned', assigneeId: plan.ownerId, createdMs: dueMs - rng.between(3, 14) * DAY_MS, dueMs });
    left--;
  }
  const span = Math.max(ctx.asOfMs - 0.05 * DAY_MS - facts.sinceMs, DAY_MS);
  for (; left > 0; left--) {
    const kind = rng.weighted(relationshipMix);
    const script = scriptFor(kind);
    const at = facts.sinceMs + rng.next() * span;
    const skipped = rng.chance(0.06);
    addTouch(ctx, plan, {
      kind,
      subject: rng.pick(script.subjects),
      status: skipped ? 'skipped' : 'done',
      assigneeId: script.service ? plan.serviceOwnerId : plan.ownerId,
      createdMs: at - rng.between(0, 5) * DAY_MS,
      dueMs: at,
      doneMs: skipped ? null : at,
      outcome: skipped ? null : rng.pick(script.outcomes),
      notes: skipped ? 'Customer asked to skip this one' : null,
      contactId: kind === 'note' ? null : contactId(),
    });
  }
}
