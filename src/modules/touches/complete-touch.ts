import type { Transaction } from 'kysely';
import { now } from '../../platform/clock.ts';
import type { Database } from '../../platform/db-schema.ts';
import { AppError } from '../../platform/errors.ts';
import { assertTouchReferences, planTouchInTransaction } from './plan-touch.ts';
import { markTouchDone } from './touch-transitions.ts';
import { type CompleteTouchInput, conversationKinds } from './touches.schema.ts';

type TouchToFinish = { account_id: string; id: string; kind: string; subject: string; deal_id: string | null };

/**
 * The "next step, always" rule: a call or meeting on an open deal ends with an agreed, dated next
 * step, or with the deal won or lost. Checked before anything is written, so a refusal stores nothing.
 */
async function assertNextStepAgreed(trx: Transaction<Database>, touch: TouchToFinish, input: CompleteTouchInput) {
  if (input.next_step && input.deal_outcome) {
    throw new AppError('invalid_input', 'Send either next_step or deal_outcome, not both', 'deal_outcome');
  }
  if (input.next_step && input.next_step.due_at.getTime() <= now().getTime()) {
    throw new AppError('unprocessable', 'The next step must be dated in the future', 'next_step.due_at');
  }
  if (!touch.deal_id) {
    if (input.next_step || input.deal_outcome) {
      throw new AppError('unprocessable', 'This touch is not on a deal; plan the follow-up as its own touch', input.next_step ? 'next_step' : 'deal_outcome');
    }
    return;
  }
  const deal = await trx.selectFrom('deals').select('status').where('account_id', '=', touch.account_id).where('id', '=', touch.deal_id).executeTakeFirstOrThrow();
  if (deal.status !== 'open') {
    if (input.deal_outcome) throw new AppError('conflict', `The deal is already ${deal.status}`, 'deal_outcome');
    return;
  }
  if (conversationKinds.includes(touch.kind) && !input.next_step && !input.deal_outcome) {
    throw new AppError(
      'unprocessable',
      'A call or meeting on an open deal must end with a next step (kind, assignee_id, due_at) or a deal_outcome',
      'next_step',
    );
  }
  if (input.next_step) {
    await assertTouchReferences(trx, { accountId: touch.account_id, assigneeId: input.next_step.assignee_id }, 'next_step.');
  }
}

/**
 * How a deal is won or lost when a conversation ends with the outcome. Deals own that change; the
 * touches module only calls it, so touches import nothing from deals (decision 0010).
 */
export type CloseDeal = (
  trx: Transaction<Database>,
  input: { dealId: string; status: 'won' | 'lost'; reason?: string | undefined; actorId: string },
) => Promise<unknown>;

/** Marks a touch done, then plans the agreed next step or closes the deal, all in the caller's transaction. */
export async function finishTouchInTransaction(
  trx: Transaction<Database>,
  touch: TouchToFinish,
  input: CompleteTouchInput & { doneAt?: Date | undefined },
  actorId: string,
  closeDeal?: CloseDeal,
) {
  await assertNextStepAgreed(trx, touch, input);
  if (input.deal_outcome && !closeDeal) throw new AppError('unprocessable', 'A deal cannot be closed from here', 'deal_outcome');
  const done = await markTouchDone(
    trx,
    { accountId: touch.account_id, touchId: touch.id },
    { doneAt: input.doneAt ?? now(), outcome: input.outcome ?? null, notes: input.notes },
    actorId,
  );
  if (!done) throw new AppError('conflict', 'The touch is no longer planned', 'status');
  const nextStep = input.next_step
    ? await planTouchInTransaction(trx, {
        accountId: touch.account_id,
        kind: input.next_step.kind,
        subject: input.next_step.subject ?? `Next step after: ${touch.subject}`,
        dealId: touch.deal_id ?? undefined,
        assigneeId: input.next_step.assignee_id,
        dueAt: input.next_step.due_at,
        actorId,
      })
    : null;
  const deal = input.deal_outcome && touch.deal_id && closeDeal
    ? await closeDeal(trx, { dealId: touch.deal_id, status: input.deal_outcome.status, reason: input.deal_outcome.reason, actorId })
    : null;
  return { touch: done, next_step: nextStep, deal };
}
