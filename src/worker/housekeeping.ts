import { z } from 'zod';
import { addDays, now } from '../platform/clock.ts';
import type { JobDefinition } from './jobs.ts';

/** Housekeeping: expired sessions and old failed logins are of no further use. */
export const purgeExpiredSessions: JobDefinition = {
  name: 'sessions.purge_expired',
  payload: z.object({}),
  async run({ db }) {
    await db.deleteFrom('sessions').where('expires_at', '<', now()).execute();
    await db.deleteFrom('login_failures').where('failed_at', '<', addDays(now(), -1)).execute();
  },
  scheduleKey: (at) => `sessions.purge_expired:${at.toISOString().slice(0, 13)}`,
};

