import { dailyDigestJob } from '../modules/me/digest.ts';
import { scanTimeTriggers } from '../modules/playbooks/playbooks.jobs.ts';
import { scoreAccountsJob } from '../modules/analytics/analytics.jobs.ts';
import { purgeExpiredSessions } from './housekeeping.ts';
import type { JobDefinition } from './jobs.ts';

/** Every job a worker knows; a module adds its jobs here. */
export const jobRegistry: JobDefinition[] = [purgeExpiredSessions, scanTimeTriggers, dailyDigestJob, scoreAccountsJob];
