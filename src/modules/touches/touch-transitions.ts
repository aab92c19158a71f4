import type { Transaction, Updateable } from 'kysely';
import { now } from '../../platform/clock.ts';
import type { Database, TouchKind } from '../../platform/db-schema.ts';
import { appendEvent } from '../../platform/events.ts';
import { refreshDealSteps } from './deal-steps.ts';
import { planNextOccurrence, resetCadencesOnContact } from './recurrence.ts';

type TouchRef = { accountId: string; touchId: string };

/** Moves a touch out of `planned`; undefined when it had already left it (a second worker, a retry). */
async function leavePlanned(trx: Transaction<Database>, ref: TouchRef, change: Updateable<Database['touches']>) {
  const row = await trx
    .updateTable('touches')
    .set(change)
    .where('account_id', '=', ref.accountId)
    .where('id', '=', ref.touchId)
    .where('status', '=', 'planned')
    .returningAll()
    .executeTakeFirst();
  if (row) await refreshDealSteps(trx, [row]);
  return row;
}

/**
 * The one way a planned touch becomes done: the row, the cadences this contact fulfils, the next
 * occurrence of a recurring step, and `touch.completed` — whether a person finished it or the
 * sender mailed it. Returns undefined when the touch was no longer planned (done twice is a no-op).
 */
export async function markTouchDone(
  trx: Transaction<Database>,
  ref: TouchRef,
  done: { doneAt: Date; outcome: string | null; notes?: string | undefined },
  actorId: string | null,
) {
  const row = await leavePlanned(trx, ref, { status: 'done', done_at: done.doneAt, outcome: done.outcome, ...(done.notes === undefined ? {} : { notes: done.notes }) });
  if (!row) return undefined;
  await resetCadencesOnContact(trx, row.account_id, row.kind, done.doneAt);
  await planNextOccurrence(trx, row, now());
  await appendEvent(trx, {
    type: 'touch.completed',
    accountId: row.account_id,
    subjectId: row.id,
    actorId,
    payload: { kind: row.kind, deal_id: row.deal_id, outcome: row.outcome },
  });
  return row;
}

/** A planned touch that will not happen: skipped with the reason; a recurring step still recurs. */
export async function markTouchSkipped(trx: Transaction<Database>, ref: TouchRef, reason: string | null, actorId: string | null) {
  const row = await leavePlanned(trx, ref, { status: 'skipped', outcome: reason });
  if (!row) return undefined;
  await planNextOccurrence(trx, row, now());
  await appendEvent(trx, { type: 'touch.skipped', accountId: row.account_id, subjectId: row.id, actorId, payload: { kind: row.kind, reason } });
  return row;
}

/** The sender's half of an email touch: sent is done (and recurs), not sent is skipped with why. */
export async function recordEmailDelivery(trx: Transaction<Database>, ref: TouchRef, delivery: { sent: true } | { sent: false; reason: string }) {
  return delivery.sent
    ? markTouchDone(trx, ref, { doneAt: now(), outcome: 'Email sent' }, null)
    : markTouchSkipped(trx, ref, delivery.reason, null);
}

/**
 * Planned touches that lost their purpose (the deal closed, the goal was met) are cancelled, never
 * deleted, so the timeline keeps what was planned. Either one touch or every planned touch of a deal.
 */
export async function cancelPlannedTouches(
  trx: Transaction<Database>,
  target: { accountId: string; touchId: string } | { accountId: string; dealId: string },
  reason: string,
): Promise<void> {
  let q = trx.updateTable('touches').set({ status: 'cancelled', outcome: reason }).where('account_id', '=', target.accountId).where('status', '=', 'planned');
  q = 'touchId' in target ? q.where('id', '=', target.touchId) : q.where('deal_id', '=', target.dealId);
  await refreshDealSteps(trx, await q.returning(['account_id', 'deal_id']).execute());
}

/**
 * Cancels a heads-up still planned for someone when its cause has gone: the note "Service issue at
 * …" the account owner got when the issue was opened, once service resolves it. Found by what it
 * was planned with (kind, due time, subject); one the person has since moved is theirs and stays.
 */
export async function cancelPlannedHeadsUp(
  trx: Transaction<Database>,
  match: { accountId: string; kind: TouchKind; dueAt: Date; subjectStartsWith: string },
  reason: string,
): Promise<void> {
  const escaped = match.subjectStartsWith.replace(/[\\%_]/g, (c) => `\\${c}`);
  await trx
    .updateTable('touches')
    .set({ status: 'cancelled', outcome: reason })
    .where('account_id', '=', match.accountId)
    .where('status', '=', 'planned')
    .where('kind', '=', match.kind)
    .where('due_at', '=', match.dueAt)
    .where('subject', 'like', `${escaped}%`)
    .execute();
}

/** What the customer answered (a survey score) is written on the touch that asked them. */
export async function recordTouchOutcome(trx: Transaction<Database>, ref: TouchRef, outcome: string): Promise<void> {
  await trx.updateTable('touches').set({ outcome }).where('account_id', '=', ref.accountId).where('id', '=', ref.touchId).execute();
}

/**
 * An erased contact's touches keep their kind, dates and status (the history still counts) but lose
 * the words that could identify them; what was still planned with them is cancelled.
 */
export async function anonymiseContactTouches(trx: Transaction<Database>, contact: { accountId: string; id: string }): Promise<void> {
  await cancelPlannedTouchesWithContact(trx, contact);
  await trx
    .updateTable('touches')
    .set({ subject: 'Touch with an erased contact', notes: null, outcome: null })
    .where('account_id', '=', contact.accountId)
    .where('contact_id', '=', contact.id)
    .execute();
}

async function cancelPlannedTouchesWithContact(trx: Transaction<Database>, contact: { accountId: string; id: string }): Promise<void> {
  const cancelled = await trx
    .updateTable('touches')
    .set({ status: 'cancelled' })
    .where('account_id', '=', contact.accountId)
    .where('contact_id', '=', contact.id)
    .where('status', '=', 'planned')
    .returning(['account_id', 'deal_id'])
    .execute();
  await refreshDealSteps(trx, cancelled);
}
