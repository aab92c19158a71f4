
import { now } from '../../platform/clock.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { appendEvent } from '../../platform/events.ts';
import { stepDueAt } from '../../platform/working-time.ts';
import { keysetPage } from '../../platform/paging.ts';
import { accountOfRow } from '../../platform/account-rows.ts';
import { type CloseDeal, finishTouchInTransaction } from './complete-touch.ts';
import { refreshDealSteps } from './deal-steps.ts';
import { assertTouchReferences, planTouchInTransaction } from './plan-touch.ts';
import { markTouchSkipped } from './touch-transitions.ts';
import type { CompleteTouchInput, ListTouchesQuery, LogTouchInput, PlanTouchInput, UpdateTouchInput } from './touches.schema.ts';

export async function planTouch(db: Db, input: PlanTouchInput, actorId: string) {
  return db.transaction().execute(async (trx) => {
    const assigneeId = input.assignee_id ?? actorId;
    await assertTouchReferences(trx, { accountId: input.account_id, dealId: input.deal_id, contactId: input.contact_id, assigneeId });
    return planTouchInTransaction(trx, {
      accountId: input.account_id,
      kind: input.kind,
      subject: input.subject,
      notes: input.notes,
      dealId: input.deal_id,
      contactId: input.contact_id,
      assigneeId,
      dueAt: input.due_at,
      actorId,
    });
  });
}

/** Records a touch that already happened (a call just made), under the same next-step rule. */
export async function logTouch(db: Db, input: LogTouchInput, actorId: string, closeDeal: CloseDeal) {
  return db.transaction().execute(async (trx) => {
    const assigneeId = input.assignee_id ?? actorId;
    await assertTouchReferences(trx, { accountId: input.account_id, dealId: input.deal_id, contactId: input.contact_id, assigneeId });
    const doneAt = input.done_at ?? now();
    // A minute of grace for a client clock slightly ahead of ours; a logged touch has happened.
    if (doneAt.getTime() > now().getTime() + 60_000) throw new AppError('unprocessable', 'A touch that happened cannot be dated in the future', 'done_at');
    const planned = await planTouchInTransaction(trx, {
      accountId: input.account_id,
      kind: input.kind,
      subject: input.subject,
      notes: input.notes,
      dealId: input.deal_id,
      contactId: input.contact_id,
      assigneeId,
      dueAt: doneAt,
      actorId,
    });
    return finishTouchInTransaction(trx, planned, { ...input, doneAt }, actorId, closeDeal);
  });
}

async function lockPlannedTouch(trx: Parameters<typeof finishTouchInTransaction>[0], id: string) {
  const accountId = await accountOfRow(trx, 'touches', id);
  if (!accountId) throw notFound('Touch');
  const touch = await trx
    .selectFrom('touches')
    .select(['account_id', 'id', 'kind', 'subject', 'deal_id', 'status', 'due_at'])
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!touch) throw notFound('Touch');
  if (touch.status !== 'planned') throw new AppError('conflict', `The touch is already ${touch.status}`, 'status');
  return touch;
}

export async function completeTouch(db: Db, id: string, input: CompleteTouchInput, actorId: string, closeDeal: CloseDeal) {
  return db.transaction().execute(async (trx) => finishTouchInTransaction(trx, await lockPlannedTouch(trx, id), input, actorId, closeDeal));
}

export async function skipTouch(db: Db, id: string, reason: string | undefined, actorId: string) {
  return db.transaction().execute(async (trx) => {
    const touch = await lockPlannedTouch(trx, id);
    const skipped = await markTouchSkipped(trx, { accountId: touch.account_id, touchId: id }, reason ?? null, actorId);
    if (!skipped) throw new AppError('conflict', 'The touch is no longer planned', 'status');
    return skipped;
  });
}

/** Puts a planned touch off by N days: due at the start of that working day in the person's zone. */
export async function snoozeTouch(db: Db, id: string, days: number, user: { id: string; time_zone: string }) {
  return db.transaction().execute(async (trx) => {
    const touch = await lockPlannedTouch(trx, id);
    // Snoozing puts a touch off: one not yet due moves on from its own date, never nearer.
    const from = touch.due_at && touch.due_at.getTime() > now().getTime() ? touch.due_at : now();
    const until = stepDueAt(from, days, user.time_zone);
    const row = await trx
      .updateTable('touches')
      .set({ due_at: until, snoozed_until: until })
      .where('account_id', '=', touch.account_id)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await refreshDealSteps(trx, [row]);
    await appendEvent(trx, { type: 'touch.snoozed', accountId: touch.account_id, subjectId: id, actorId: user.id, payload: { days } });
    return row;
  });
}

export async function updateTouch(db: Db, id: string, input: UpdateTouchInput) {
  return db.transaction().execute(async (trx) => {
    const touch = await lockPlannedTouch(trx, id);
    await assertTouchReferences(trx, { accountId: touch.account_id, assigneeId: input.assignee_id });
    const row = await trx.updateTable('touches').set(input).where('account_id', '=', touch.account_id).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    await refreshDealSteps(trx, [row]);
    return row;
  });
}

export async function getTouch(db: Db, id: string) {
  const touch = await db.selectFrom('touches').selectAll().where('id', '=', id).executeTakeFirst();
  if (!touch) throw notFound('Touch');
  return touch;
}

/** Touches by due date (soonest first), keyset-paged on (timeline_at, id). */
export async function listTouches(db: Db, query: ListTouchesQuery) {
  let q = db.selectFrom('touches').selectAll();
  if (query.account_id) q = q.where('account_id', '=', query.account_id);
  if (query.deal_id) q = q.where('deal_id', '=', query.deal_id);
  if (query.assignee_id) q = q.where('assignee_id', '=', query.assignee_id);
  if (query.status) q = q.where('status', '=', query.status);
  return keysetPage(
    q,
    [
      { by: 'timeline_at', type: 'timestamptz' },
      { by: 'id', type: 'uuid' },
    ],
    query,
  );
}
