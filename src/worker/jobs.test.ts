import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb } from '../../tests/helpers/test-db.ts';
import { addDays, now, pinClock } from '../platform/clock.ts';
import type { DbHandle } from '../platform/db.ts';
import type { JobDefinition } from '../platform/jobs.ts';
import { claimJob, enqueueScheduledJobs, runClaimedJob } from './jobs.ts';

const jobRegistry = [purgeExpiredSessions];
import { purgeExpiredSessions } from './housekeeping.ts';

let handle: DbHandle;
const links = { publicUrl: 'http://localhost:3000', secret: 'test-secret' };
beforeAll(async () => {
  pinClock('2026-06-01T10:00:00Z');
  handle = await openTestDb();
});
afterAll(async () => {
  pinClock(null);
  await handle.close();
});

describe('job queue', () => {
  it('queues a scheduled job once per period however many workers ask, and purges expired sessions', async () => {
    const { db } = handle;
    const user = await db.selectFrom('users').select('id').executeTakeFirstOrThrow();
    await db.insertInto('sessions').values([
      { token_hash: 'old', user_id: user.id, created_at: addDays(now(), -30), expires_at: addDays(now(), -1) },
      { token_hash: 'live', user_id: user.id, created_at: now(), expires_at: addDays(now(), 1) },
    ]).execute();
    await db.insertInto('jobs').values({ name: 'old', key: 'old:1', payload: JSON.stringify({}), run_at: addDays(now(), -9), status: 'done', finished_at: addDays(now(), -8) }).execute();
    await Promise.all([enqueueScheduledJobs(db, jobRegistry), enqueueScheduledJobs(db, jobRegistry)]);
    const queued = await db.selectFrom('jobs').select(['id', 'key']).where('status', '=', 'queued').execute();
    expect(queued).toHaveLength(1);
    const job = await claimJob(db);
    expect(job?.name).toBe('sessions.purge_expired');
    expect(await claimJob(db)).toBeUndefined();
    expect(await runClaimedJob({ db, links }, job!, jobRegistry)).toBe('done');
    const sessions = await db.selectFrom('sessions').select('token_hash').execute();
    expect(sessions.map((s) => s.token_hash)).toEqual(['live']);
    expect(await db.selectFrom('jobs').select('key').where('key', '=', 'old:1').execute()).toEqual([]);
  });

  it('retries a failing job with backoff and takes back a job whose worker died', async () => {
    const { db } = handle;
    const flaky: JobDefinition = {
      name: 'test.flaky',
      payload: z.object({}),
      run: async () => {
        throw new Error('SMTP server said no');
      },
    };
    await db.insertInto('jobs').values({ name: 'test.flaky', payload: JSON.stringify({}), run_at: now() }).execute();
    const job = await claimJob(db);
    expect(await runClaimedJob({ db, links }, job!, [flaky])).toBe('retry');
    const row = await db.selectFrom('jobs').selectAll().where('id', '=', job!.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'queued', attempts: 1, last_error: 'SMTP server said no' });
    expect(row.run_at.getTime()).toBe(now().getTime() + 30_000);

    pinClock(addDays(now(), 1));
    const again = await claimJob(db);
    expect(again?.id).toBe(job!.id);
    // The worker holding it "dies": after the lease runs out another worker takes it over.
    pinClock(new Date(now().getTime() + 6 * 60_000));
    const takenOver = await claimJob(db);
    expect(takenOver).toMatchObject({ id: job!.id, attempts: 3 });
  });
});
