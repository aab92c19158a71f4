import { z } from 'zod';
import { addDays, now } from '../platform/clock.ts';
import type { JobDefinition } from '../platform/jobs.ts';

/** Housekeeping: expired sessions, old failed logins and jobs finished a week ago are of no further use. */
export const purgeExpiredSessions: JobDefinition = {
  name: 'sessions.purge_expired',
  payload: z.object({}),
  async run({ db }) {
    await db.deleteFrom('sessions').where('expires_at', '<', now()).execute();
    await db.deleteFrom('login_failures').where('failed_at', '<', addDays(now(), -1)).execute();
    // Scheduled jobs queue a row per period (some every minute); finished ones keep a week of history.
    await db.deleteFrom('jobs').where('status', '=', 'done').where('finished_at', '<', addDays(now(), -7)).execute();
  },
  scheduleKey: (at) => `sessions.purge_expired:${at.toISOString().slice(0, 13)}`,
};

