import { sql } from 'kysely';
import { z } from 'zod';
import { now } from '../../platform/clock.ts';
import type { Db } from '../../platform/db.ts';
import type { JobDefinition } from '../../platform/jobs.ts';
import { shiftDate, utcDate } from './as-of.ts';
import { scoreAccounts } from './score-accounts.ts';

const scoreJobPayload = z.object({ as_of: z.string().date().optional() });
const jobName = 'analytics.score_accounts';

/**
 * Scores every account once a day. The scheduled run scores the last complete UTC day, so what it
 * writes for that date never changes afterwards; an on-demand run names its date.
 */
export const scoreAccountsJob: JobDefinition = {
  name: jobName,
  payload: scoreJobPayload,
  async run({ db }, payload) {
    const { as_of } = scoreJobPayload.parse(payload);
    await scoreAccounts(db, { asOf: as_of ?? shiftDate(utcDate(now()), -1) });
  },
  scheduleKey: (at) => `${jobName}:${utcDate(at)}`,
};

/**
 * Queues a scoring run for a date, once: while one for that date is queued or running, asking again
 * returns that job; a finished one is queued again.
 */
export async function requestScoring(db: Db, asOf: string): Promise<{ job_id: number; as_of: string; status: string }> {
  const key = `${jobName}:on-demand:${asOf}`;
  const at = now();
  const requeued = await db
    .insertInto('jobs')
    .values({ name: jobName, key, payload: JSON.stringify({ as_of: asOf }), run_at: at })
    .onConflict((oc) =>
      oc
        .column('key')
        .doUpdateSet({ status: 'queued', run_at: at, attempts: 0, last_error: null, finished_at: null, locked_until: null })
        .where(sql<boolean>`jobs.status in ('done', 'failed')`),
    )
    .returning(['id', 'status'])
    .executeTakeFirst();
  const job = requeued ?? (await db.selectFrom('jobs').select(['id', 'status']).where('key', '=', key).executeTakeFirstOrThrow());
  return { job_id: job.id, as_of: asOf, status: job.status };
}
