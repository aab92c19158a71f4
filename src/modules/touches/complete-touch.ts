import type { Transaction } from 'kysely';
import { now } from '../../platform/clock.ts';
import type { Database } from '../../platform/db-schema.ts';
import { AppError } from '../../platform/errors.ts';
import { appendEvent } from '../../platform/events.ts';
import { closeDealInTransaction } from '../deals/close-deal.ts';
import { planNextOccurrence, resetCadencesOnContact } from '../playbooks/recurrence.ts';
import { assertTouchReferences, planTouchInTransaction } from './plan-touch.ts';
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

/** Marks a touch done, then plans the agreed next step or closes the deal, all in the caller's transaction. */
export async function finishTouchInTransaction(
  trx: Transaction<Database>,
  touch: TouchToFinish,
  input: CompleteTouchInput & { doneAt?: Date | undefined },
  actorId: string,
) {
  await assertNextStepAgreed(trx, touch, input);
  const done = await trx
    .updateTable('touches')
    .set({
      status: 'done',
      done_at: input.doneAt ?? now(),
      outcome: input.outcome ?? null,
      ...(input.notes === undefined ? {} : { notes: input.notes }),
    })
    .where('account_id', '=', touch.account_id)
    .where('id', '=', touch.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await resetCadencesOnContact(trx, touch.account_id, done.kind, done.done_at ?? now());
  await planNextOccurrence(trx, done, now());
  await appendEvent(trx, {
    type: 'touch.completed',
    accountId: touch.account_id,
    subjectId: touch.id,
    actorId,
    payload: { kind: touch.kind, deal_id: touch.deal_id, outcome: input.outcome ?? null },
  });
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
  const deal = input.deal_outcome && touch.deal_id
    ? await closeDealInTransaction(trx, { dealId: touch.deal_id, status: input.deal_outcome.status, reason: input.deal_outcome.reason, actorId })
    : null;
  return { touch: done, next_step: nextStep, deal };
}
