import type { z } from 'zod';
import type { Db } from './db.ts';
import type { MailLinks } from './links.ts';

/** What a job or a worker tick may use: the database and how to link back to the app in emails. */
export type WorkerContext = { db: Db; links: MailLinks };

export type JobDefinition = {
  name: string;
  payload: z.ZodType<Record<string, unknown>>;
  run(ctx: WorkerContext, payload: Record<string, unknown>): Promise<void>;
  /** For scheduled jobs: the key of the run due now; one key is queued at most once, by any worker. */
  scheduleKey?: (at: Date) => string;
};

/** Work a worker does on every tick, returning how much it did (it ticks again at once while > 0). */
export type Ticker = { name: string; run(ctx: WorkerContext): Promise<number> };
