import { sql, type Transaction } from 'kysely';
import { z } from 'zod';
import { addDays, now } from '../../platform/clock.ts';
import type { Db } from '../../platform/db.ts';
import type { Database } from '../../platform/db-schema.ts';
import type { JobDefinition } from '../../platform/jobs.ts';
import { addBusinessDays } from '../../platform/working-time.ts';
import { planTouchInTransaction } from '../touches/index.ts';
import { goalReviewLeadDays } from './goals.schema.ts';

type DueGoal = { account_id: string; id: string; text: string; measure: string | null; target_on: string; account_name: string; assignee_id: string | null; time_zone: string | null };

/**
 * Plans one review touch for each open goal whose target date is 30 days away or less: the
 * account's owner (else its service owner) checks with the customer how far they are. The goals are
 * locked and the touch id is stored on the goal in one transaction, so reruns and a second worker
 * plan nothing twice. Returns how many reviews were planned.
 */
export async function planGoalReviews(db: Db, batchSize = 500): Promise<number> {
  return db.transaction().execute((trx) => planGoalReviewsInTransaction(trx, null, batchSize));
}

/**
 * The same for one goal just recorded or moved (null: every goal), in the caller's transaction, so a
 * goal due within 30 days has its review at once; the daily job is only the safety net.
 */
export async function planGoalReviewsInTransaction(trx: Transaction<Database>, target: { accountId: string; id: string } | null, batchSize = 500): Promise<number> {
  const at = now();
  const due = sql`g.status = 'open' and g.review_touch_id is null and g.target_on <= ${addDays(at, goalReviewLeadDays).toISOString().slice(0, 10)}::date`;
  // Candidates first, then each goal locked by (account_id, id): on Citus a row lock is taken on
  // one shard per statement (decision 0028). A goal another worker holds is skipped, as before.
  const { rows: candidates } = target
    ? { rows: [{ account_id: target.accountId, id: target.id }] }
    : await sql<{ account_id: string; id: string }>`select g.account_id, g.id from goals g where ${due} order by g.target_on limit ${batchSize}`.execute(trx);
  const rows: DueGoal[] = [];
  for (const candidate of candidates) {
    const { rows: locked } = await sql<DueGoal>`
      select g.account_id, g.id, g.text, g.measure, g.target_on, a.name as account_name, u.id as assignee_id, u.time_zone
      from goals g join accounts a on a.id = g.account_id
        left join lateral (select id, time_zone from users where active and id in (a.owner_id, a.service_owner_id)
          order by id = a.owner_id desc limit 1) u on true
      where ${due} and g.account_id = ${candidate.account_id} and a.id = ${candidate.account_id} and g.id = ${candidate.id}
      for update of g skip locked`.execute(trx);
    rows.push(...locked);
  }
  let planned = 0;
  for (const goal of rows) {
    if (!goal.assignee_id) continue;
    const touch = await planTouchInTransaction(trx, {
      accountId: goal.account_id,
      kind: 'check_in',
      subject: `Review the goal of ${goal.account_name}: ${goal.text}`,
      notes: `Target date ${goal.target_on}${goal.measure ? `, measured by: ${goal.measure}` : ''}. How far are they, and what can we do to help them get there?`,
      assigneeId: goal.assignee_id,
      dueAt: addBusinessDays(at, 1, goal.time_zone ?? 'UTC'),
      actorId: null,
    });
    await trx.updateTable('goals').set({ review_touch_id: touch.id, updated_at: at }).where('account_id', '=', goal.account_id).where('id', '=', goal.id).execute();
    planned++;
  }
  return planned;
}

/** Daily: goals coming due get their review touch. */
export const planGoalReviewsJob: JobDefinition = {
  name: 'goals.plan_reviews',
  payload: z.object({}),
  async run({ db }) {
    await planGoalReviews(db);
  },
  scheduleKey: (at) => `goals.plan_reviews:${at.toISOString().slice(0, 10)}`,
};
