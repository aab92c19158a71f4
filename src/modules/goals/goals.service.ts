import type { Transaction } from 'kysely';
import { now } from '../../platform/clock.ts';
import type { Database } from '../../platform/db-schema.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { appendEvent } from '../../platform/events.ts';
import { accountOfRow } from '../../platform/account-rows.ts';
import { cancelPlannedTouches } from '../touches/index.ts';
import { planGoalReviewsInTransaction } from './goal-reviews.ts';
import type { CreateGoalInput, ListGoalsQuery, UpdateGoalInput } from './goals.schema.ts';

export async function listGoals(db: Db, query: ListGoalsQuery) {
  let q = db
    .selectFrom('goals')
    .leftJoin('touches', (join) => join.onRef('touches.account_id', '=', 'goals.account_id').onRef('touches.id', '=', 'goals.review_touch_id'))
    .select(['goals.id', 'goals.account_id', 'goals.text', 'goals.measure', 'goals.target_on', 'goals.status', 'goals.achieved_at', 'goals.created_at',
      'goals.review_touch_id', 'touches.due_at as review_due_at', 'touches.status as review_status'])
    .where('goals.account_id', '=', query.account_id)
    // Open goals first, soonest target first; then achieved and dropped ones.
    .orderBy('goals.status', 'desc')
    .orderBy('goals.target_on', (ob) => ob.asc().nullsLast())
    .orderBy('goals.created_at');
  if (query.status) q = q.where('goals.status', '=', query.status);
  return { items: await q.execute() };
}

/** Records a goal the customer named in discovery; it is an event on their timeline. */
export async function createGoal(db: Db, input: CreateGoalInput, actorId: string) {
  return db.transaction().execute(async (trx) => {
    const account = await trx.selectFrom('accounts').select('id').where('id', '=', input.account_id).executeTakeFirst();
    if (!account) throw new AppError('unprocessable', `No account with id ${input.account_id}`, 'account_id');
    const at = now();
    const goal = await trx
      .insertInto('goals')
      .values({ account_id: input.account_id, text: input.text, measure: input.measure ?? null, target_on: input.target_on ?? null, created_by: actorId, created_at: at, updated_at: at })
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendEvent(trx, { type: 'goal.recorded', accountId: input.account_id, subjectId: goal.id, actorId, payload: { title: goal.text } });
    await planGoalReviewsInTransaction(trx, { accountId: goal.account_id, id: goal.id });
    return (await trx.selectFrom('goals').selectAll().where('account_id', '=', goal.account_id).where('id', '=', goal.id).executeTakeFirst()) ?? goal;
  });
}

async function lockGoal(trx: Transaction<Database>, id: string) {
  const accountId = await accountOfRow(trx, 'goals', id);
  if (!accountId) throw notFound('Goal');
  const goal = await trx.selectFrom('goals').selectAll().where('account_id', '=', accountId).where('id', '=', id).forUpdate().executeTakeFirst();
  if (!goal) throw notFound('Goal');
  return goal;
}

/** A review still planned for a goal that is met or dropped has nothing left to review. */
async function cancelPlannedReview(trx: Transaction<Database>, goal: { account_id: string; review_touch_id: string | null }, why: string) {
  if (!goal.review_touch_id) return;
  await cancelPlannedTouches(trx, { accountId: goal.account_id, touchId: goal.review_touch_id }, why);
}

/** Edits a goal; a new target date lets the review be planned again for the new date. */
export async function updateGoal(db: Db, id: string, input: UpdateGoalInput) {
  return db.transaction().execute(async (trx) => {
    const goal = await lockGoal(trx, id);
    if (goal.status === 'achieved') throw new AppError('conflict', 'The goal is already achieved', 'status');
    const retarget = input.target_on !== undefined && input.target_on !== goal.target_on;
    if (retarget || input.status === 'dropped') await cancelPlannedReview(trx, goal, retarget ? 'Target date changed' : 'Goal dropped');
    const updated = await trx
      .updateTable('goals')
      .set({ ...input, ...(retarget ? { review_touch_id: null } : {}), updated_at: now() })
      .where('account_id', '=', goal.account_id)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    if (!retarget) return updated;
    await planGoalReviewsInTransaction(trx, { accountId: goal.account_id, id });
    return trx.selectFrom('goals').selectAll().where('account_id', '=', goal.account_id).where('id', '=', id).executeTakeFirstOrThrow();
  });
}

export async function achieveGoal(db: Db, id: string, actorId: string) {
  return db.transaction().execute(async (trx) => {
    const goal = await lockGoal(trx, id);
    if (goal.status === 'achieved') throw new AppError('conflict', 'The goal is already achieved', 'status');
    const at = now();
    await cancelPlannedReview(trx, goal, 'Goal achieved');
    const achieved = await trx
      .updateTable('goals')
      .set({ status: 'achieved', achieved_at: at, updated_at: at })
      .where('account_id', '=', goal.account_id)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendEvent(trx, { type: 'goal.achieved', accountId: goal.account_id, subjectId: id, actorId, payload: { title: goal.text } });
    return achieved;
  });
}
