import { now } from '../../platform/clock.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { changedFields, recordAudit } from '../../platform/audit.ts';
import { appendEvent } from '../../platform/events.ts';
import { requireAccount } from '../accounts/index.ts';
import { assertTouchReferences, planTouchInTransaction } from '../touches/index.ts';
import { requireActiveUser } from '../users/index.ts';
import { closeDealInTransaction } from './close-deal.ts';
import type { CreateDealInput, UpdateDealInput } from './deals.schema.ts';

export async function createDeal(db: Db, input: CreateDealInput, actorId: string) {
  return db.transaction().execute(async (trx) => {
    const ownerId = input.owner_id ?? actorId;
    await requireAccount(trx, input.account_id);
    await requireActiveUser(trx, ownerId, 'owner_id');
    if (input.next_step) {
      if (input.next_step.due_at.getTime() <= now().getTime()) {
        throw new AppError('unprocessable', 'The next step must be dated in the future', 'next_step.due_at');
      }
      await assertTouchReferences(trx, { accountId: input.account_id, assigneeId: input.next_step.assignee_id }, 'next_step.');
    }
    const at = now();
    const deal = await trx
      .insertInto('deals')
      .values({
        account_id: input.account_id,
        title: input.title,
        value: input.value,
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
    const before = await trx.selectFrom('deals').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!before) throw notFound('Deal');
    if (before.status !== 'open') throw new AppError('conflict', `The deal is already ${before.status}; it can no longer change`, 'status');
    if (input.owner_id) await requireActiveUser(trx, input.owner_id, 'owner_id');
    const deal = await trx
      .updateTable('deals')
      .set({ ...input, updated_at: now() })
      .where('account_id', '=', before.account_id)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    if (input.stage && input.stage !== before.stage) {
      await appendEvent(trx, { type: 'deal.stage_changed', accountId: before.account_id, subjectId: id, actorId, payload: { from: before.stage, to: input.stage } });
    }
    const { stage, ...others } = changedFields(before, { ...input });
    const entry = { actorId, entityType: 'deal', entityId: id, accountId: before.account_id } as const;
    if (stage) await recordAudit(trx, { ...entry, action: 'deal.stage_changed', changes: { stage } });
    if (Object.keys(others).length > 0) await recordAudit(trx, { ...entry, action: 'deal.updated', changes: others });
    return deal;
  });
}

export async function closeDeal(db: Db, id: string, status: 'won' | 'lost', reason: string | undefined, actorId: string) {
  return db.transaction().execute((trx) => closeDealInTransaction(trx, { dealId: id, status, reason, actorId }));
}

/** Removes a deal entered by mistake, with its touches; the account's history keeps a deal.deleted event. */
export async function deleteDeal(db: Db, id: string, actorId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const deal = await trx.deleteFrom('deals').where('id', '=', id).returning(['account_id', 'title']).executeTakeFirst();
    if (!deal) throw notFound('Deal');
    await appendEvent(trx, { type: 'deal.deleted', accountId: deal.account_id, subjectId: id, actorId, payload: { title: deal.title } });
    await recordAudit(trx, { actorId, action: 'deal.deleted', entityType: 'deal', entityId: id, accountId: deal.account_id, changes: { title: deal.title } });
  });
}
