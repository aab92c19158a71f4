import type { Transaction } from 'kysely';
import { DAY_MS, now } from '../../platform/clock.ts';
import type { Database } from '../../platform/db-schema.ts';
import type { Db } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { appendEvent } from '../../platform/events.ts';
import { localDate, stepDueAt } from '../../platform/working-time.ts';
import { refreshDealSteps } from './deal-steps.ts';
import { markTouchSkipped } from './touch-transitions.ts';
import type { BulkTouchInput } from './touches.schema.ts';

type Trx = Transaction<Database>;
type Actor = { id: string; time_zone: string };
type LockedTouch = { id: string; account_id: string; subject: string; status: string; account_name: string };

const named = (t: LockedTouch) => `“${t.subject}” (${t.account_name})`;

/**
 * Every selected touch, locked; a missing or no longer planned one refuses the whole batch. Locked
 * one account at a time, in account order: on Citus a lock reaches one shard per statement.
 */
async function lockPlannedTouches(trx: Trx, ids: string[]): Promise<LockedTouch[]> {
  const owners = await trx.selectFrom('touches').select('account_id').distinct().where('id', 'in', ids).orderBy('account_id').execute();
  const touches: LockedTouch[] = [];
  for (const { account_id: accountId } of owners) {
    const locked = await trx
      .selectFrom('touches')
      .innerJoin('accounts', 'accounts.id', 'touches.account_id')
      .select(['touches.id', 'touches.account_id', 'touches.subject', 'touches.status', 'accounts.name as account_name'])
      .where('touches.account_id', '=', accountId)
      .where('accounts.id', '=', accountId)
      .where('touches.id', 'in', ids)
      .orderBy('touches.id')
      .forUpdate('touches')
      .execute();
    touches.push(...locked);
  }
  const missing = ids.length - touches.length;
  if (missing > 0) throw new AppError('not_found', `${missing} of the selected touches no longer exist: reload and try again`, 'touch_ids');
  const moved = touches.find((t) => t.status !== 'planned');
  if (moved) throw new AppError('conflict', `${named(moved)} is already ${moved.status}: nothing was changed`, 'touch_ids');
  return touches;
}

async function reassignTouches(trx: Trx, touches: LockedTouch[], assigneeId: string) {
  const user = await trx.selectFrom('users').select('id').where('id', '=', assigneeId).where('active', '=', true).executeTakeFirst();
  if (!user) throw new AppError('unprocessable', 'The colleague to hand these touches to is not an active user', 'assignee_id');
  await trx.updateTable('touches').set({ assignee_id: assigneeId }).where('id', 'in', touches.map((t) => t.id)).where('status', '=', 'planned').execute();
}

/** Due at the start of that working day in the person's zone, as snoozing one touch is. */
async function snoozeTouches(trx: Trx, touches: LockedTouch[], until: string, actor: Actor) {
  const days = Math.round((Date.parse(`${until}T00:00:00Z`) - Date.parse(`${localDate(now(), actor.time_zone)}T00:00:00Z`)) / DAY_MS);
  // Also refuses a date that does not exist (30 February parses to NaN days).
  if (!(days >= 1)) throw new AppError('unprocessable', 'Snooze until a day after today', 'until');
  const dueAt = stepDueAt(now(), days, actor.time_zone);
  const moved = await trx.updateTable('touches').set({ due_at: dueAt, snoozed_until: dueAt }).where('id', 'in', touches.map((t) => t.id)).returning(['account_id', 'deal_id']).execute();
  await refreshDealSteps(trx, moved);
  for (const t of touches) {
    await appendEvent(trx, { type: 'touch.snoozed', accountId: t.account_id, subjectId: t.id, actorId: actor.id, payload: { days } });
  }
}

async function skipTouches(trx: Trx, touches: LockedTouch[], reason: string | null, actorId: string) {
  for (const t of touches) {
    // Locked and planned above, so each one leaves `planned` here.
    await markTouchSkipped(trx, { accountId: t.account_id, touchId: t.id }, reason, actorId);
  }
}

/**
 * One change to many planned touches (My day's "select many"): reassign, snooze or skip, in one
 * transaction, so either every selected touch changes or none does and the answer names why.
 */
export async function changeTouchesInBulk(db: Db, input: BulkTouchInput, actor: Actor) {
  const ids = [...new Set(input.touch_ids)];
  return db.transaction().execute(async (trx) => {
    const touches = await lockPlannedTouches(trx, ids);
    if (input.action === 'reassign') await reassignTouches(trx, touches, input.assignee_id);
    else if (input.action === 'snooze') await snoozeTouches(trx, touches, input.until, actor);
    else await skipTouches(trx, touches, input.reason ?? null, actor.id);
    return { action: input.action, changed: touches.length };
  });
}

export type BulkTouchResult = Awaited<ReturnType<typeof changeTouchesInBulk>>;
