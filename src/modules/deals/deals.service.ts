import { sql, type Transaction } from 'kysely';
import { companyCurrency } from '../company/index.ts';
import { now } from '../../platform/clock.ts';
import type { Database } from '../../platform/db-schema.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { changedFields, recordAudit } from '../../platform/audit.ts';
import { appendEvent } from '../../platform/events.ts';
import { accountOfRow } from '../../platform/account-rows.ts';
import { requireAccount } from '../accounts/index.ts';
import { assertTouchReferences, type NextStepInput, planTouchInTransaction } from '../touches/index.ts';
import { requireActiveUser } from '../users/index.ts';
import { closeDealInTransaction } from './close-deal.ts';
import type { CreateDealInput, UpdateDealInput } from './deals.schema.ts';

async function assertNextStepUsable(trx: Transaction<Database>, accountId: string, step: NextStepInput) {
  if (step.due_at.getTime() <= now().getTime()) {
    throw new AppError('unprocessable', 'The next step must be dated in the future', 'next_step.due_at');
  }
  await assertTouchReferences(trx, { accountId, assigneeId: step.assignee_id }, 'next_step.');
}

/** Whether the deal already has a step planned ahead; an overdue one does not count as agreed. */
async function hasUpcomingStep(trx: Transaction<Database>, accountId: string, dealId: string): Promise<boolean> {
  const step = await trx
    .selectFrom('touches')
    .select('id')
    .where('account_id', '=', accountId)
    .where('deal_id', '=', dealId)
    .where('status', '=', 'planned')
    .where('due_at', '>=', now())
    .executeTakeFirst();
  return step !== undefined;
}

export async function createDeal(db: Db, input: CreateDealInput, actorId: string) {
  return db.transaction().execute(async (trx) => {
    const ownerId = input.owner_id ?? actorId;
    await requireAccount(trx, input.account_id);
    await requireActiveUser(trx, ownerId, 'owner_id');
    if (input.next_step) await assertNextStepUsable(trx, input.account_id, input.next_step);
    const at = now();
    const deal = await trx
      .insertInto('deals')
      .values({
        account_id: input.account_id,
        title: input.title,
        value: input.value,
        currency: input.currency ?? (await companyCurrency(trx)),
        stage: input.stage,
        owner_id: ownerId,
        expected_close_on: input.expected_close_on ?? null,
        created_at: at,
        updated_at: at,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendEvent(trx, { type: 'deal.created', accountId: input.account_id, subjectId: deal.id, actorId, payload: { title: deal.title, value: deal.value } });
    await recordAudit(trx, {
      actorId,
      action: 'deal.created',
      entityType: 'deal',
      entityId: deal.id,
      accountId: deal.account_id,
      changes: { title: deal.title, value: deal.value, stage: deal.stage, owner_id: deal.owner_id },
    });
    if (input.next_step) {
      await planTouchInTransaction(trx, {
        accountId: input.account_id,
        kind: input.next_step.kind,
        subject: input.next_step.subject ?? `First step: ${deal.title}`,
        dealId: deal.id,
        assigneeId: input.next_step.assignee_id,
        dueAt: input.next_step.due_at,
        actorId,
      });
    }
    return deal;
  });
}

export async function updateDeal(db: Db, id: string, input: UpdateDealInput, actorId: string) {
  return db.transaction().execute(async (trx) => {
    const accountId = await accountOfRow(trx, 'deals', id);
    if (!accountId) throw notFound('Deal');
    const before = await trx.selectFrom('deals').selectAll().where('account_id', '=', accountId).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!before) throw notFound('Deal');
    if (before.status !== 'open') throw new AppError('conflict', `The deal is already ${before.status}; it can no longer change`, 'status');
    if (input.owner_id) await requireActiveUser(trx, input.owner_id, 'owner_id');
    const { next_step: nextStep, ...changes } = input;
    const moved = input.stage !== undefined && input.stage !== before.stage;
    if (nextStep) await assertNextStepUsable(trx, before.account_id, nextStep);
    else if (moved && !(await hasUpcomingStep(trx, before.account_id, id))) {
      throw new AppError('unprocessable', 'Moving a deal with nothing planned needs its next step: what, who and when', 'next_step');
    }
    const deal = await trx
      .updateTable('deals')
      .set({ ...changes, updated_at: now() })
      .where('account_id', '=', before.account_id)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    if (input.stage && input.stage !== before.stage) {
      await appendEvent(trx, { type: 'deal.stage_changed', accountId: before.account_id, subjectId: id, actorId, payload: { from: before.stage, to: input.stage } });
    }
    const { stage, ...others } = changedFields(before, { ...changes });
    const entry = { actorId, entityType: 'deal', entityId: id, accountId: before.account_id } as const;
    if (stage) await recordAudit(trx, { ...entry, action: 'deal.stage_changed', changes: { stage } });
    if (Object.keys(others).length > 0) await recordAudit(trx, { ...entry, action: 'deal.updated', changes: others });
    if (nextStep) {
      await planTouchInTransaction(trx, {
        accountId: before.account_id,
        kind: nextStep.kind,
        subject: nextStep.subject ?? `Next step: ${deal.title}`,
        dealId: id,
        assigneeId: nextStep.assignee_id,
        dueAt: nextStep.due_at,
        actorId,
      });
    }
    return deal;
  });
}

export async function closeDeal(db: Db, id: string, status: 'won' | 'lost', reason: string | undefined, actorId: string) {
  return db.transaction().execute((trx) => closeDealInTransaction(trx, { dealId: id, status, reason, actorId }));
}

/** Removes a deal entered by mistake, with its touches; the account's history keeps a deal.deleted event. */
export async function deleteDeal(db: Db, id: string, actorId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const accountId = await accountOfRow(trx, 'deals', id);
    if (!accountId) throw notFound('Deal');
    const found = await trx.selectFrom('deals').select('account_id').where('account_id', '=', accountId).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!found) throw notFound('Deal');
    // Invites, referral links and referrals that pointed at the deal or its touches keep their rows (decision 0028).
    await sql`select unlink_deal(${found.account_id}::uuid, ${id}::uuid)`.execute(trx);
    const deal = await trx.deleteFrom('deals').where('account_id', '=', found.account_id).where('id', '=', id).returning(['account_id', 'title']).executeTakeFirstOrThrow();
    await appendEvent(trx, { type: 'deal.deleted', accountId: deal.account_id, subjectId: id, actorId, payload: { title: deal.title } });
    await recordAudit(trx, { actorId, action: 'deal.deleted', entityType: 'deal', entityId: id, accountId: deal.account_id, changes: { title: deal.title } });
  });
}
