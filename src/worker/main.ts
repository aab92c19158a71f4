import type { Db } from '../platform/db.ts';
import type { Logger } from '../platform/log.ts';
import { claimJob, enqueueScheduledJobs, type JobDefinition, runClaimedJob } from './jobs.ts';
import { jobRegistry } from './registry.ts';

export type Worker = { stop(): Promise<void> };

/** Runs due jobs until stopped: claims one at a time, sleeps briefly when there is nothing to do. */
export function startWorker(db: Db, log: Logger, registry: JobDefinition[] = jobRegistry, idleMs = 1000): Worker {
  let running = true;
  let wake: (() => void) | null = null;
  const loop = (async () => {
    while (running) {
      try {
        await enqueueScheduledJobs(db, registry);
        let job = await claimJob(db);
        while (job && running) {
          const result = await runClaimedJob(db, job, registry);
          log.info({ job: job.name, id: job.id, result }, 'job finished');
          job = await claimJob(db);
        }
      } catch (error) {
        // A lost database connection must not end the worker; it retries on the next tick.
        log.error({ err: error }, 'worker tick failed');
      }
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, idleMs);
      });
    }
  })();
  return {
    async stop() {
      running = false;
      wake?.();
      await loop;
    },
  };
}
