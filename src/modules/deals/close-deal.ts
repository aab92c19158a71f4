import type { Transaction } from 'kysely';
import { now } from '../../platform/clock.ts';
import type { Database } from '../../platform/db-schema.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { recordAudit } from '../../platform/audit.ts';
import { appendEvent } from '../../platform/events.ts';
import { accountOfRow } from '../../platform/account-rows.ts';
import { recordWonDeal } from '../accounts/index.ts';
import { cancelPlannedTouches } from '../touches/index.ts';

export type CloseDealInput = { dealId: string; status: 'won' | 'lost'; reason?: string | undefined; actorId: string };

/**
 * Wins or loses an open deal inside the caller's transaction: its planned steps are cancelled, a won
 * deal makes the account a customer, and deal.won / deal.lost is recorded for the playbooks.
 */
export async function closeDealInTransaction(trx: Transaction<Database>, input: CloseDealInput) {
  const accountId = await accountOfRow(trx, 'deals', input.dealId);
  if (!accountId) throw notFound('Deal');
  const deal = await trx
    .selectFrom('deals')
    .select(['account_id', 'status', 'title', 'value'])
    .where('account_id', '=', accountId)
    .where('id', '=', input.dealId)
    .forUpdate()
    .executeTakeFirst();
  if (!deal) throw notFound('Deal');
  if (deal.status !== 'open') throw new AppError('conflict', `The deal is already ${deal.status}`, 'status');
  const at = now();
  const closed = await trx
    .updateTable('deals')
    .set({ status: input.status, closed_at: at, updated_at: at, lost_reason: input.status === 'lost' ? (input.reason ?? null) : null })
    .where('account_id', '=', deal.account_id)
    .where('id', '=', input.dealId)
    .returningAll()
    .executeTakeFirstOrThrow();
  await cancelPlannedTouches(trx, { accountId: deal.account_id, dealId: input.dealId }, `Deal ${input.status}`);
  const firstPurchase = input.status === 'won' ? await recordWonDeal(trx, { accountId: deal.account_id, dealOwnerId: closed.owner_id, actorId: input.actorId }) : null;
  await appendEvent(trx, {
    type: `deal.${input.status}`,
    accountId: deal.account_id,
    subjectId: input.dealId,
    actorId: input.actorId,
    payload: { title: deal.title, value: deal.value, reason: input.reason ?? null, ...(firstPurchase === null ? {} : { first_purchase: firstPurchase }) },
  });
  await recordAudit(trx, {
    actorId: input.actorId,
    action: `deal.${input.status}`,
    entityType: 'deal',
    entityId: input.dealId,
    accountId: deal.account_id,
    changes: { status: { before: deal.status, after: input.status }, ...(input.reason ? { reason: input.reason } : {}) },
  });
  return closed;
}
