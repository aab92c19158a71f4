import { purgeExpiredSessions } from './housekeeping.ts';
import type { JobDefinition } from './jobs.ts';

/** Every job a worker knows; a module adds its jobs here. */
export const jobRegistry: JobDefinition[] = [purgeExpiredSessions];
