import type { Logger } from '../platform/log.ts';
import type { JobDefinition, Ticker, WorkerContext } from '../platform/jobs.ts';
import { claimJob, enqueueScheduledJobs, runClaimedJob } from './jobs.ts';

export type Worker = { stop(): Promise<void> };

/** What this worker runs: the CLI that assembles the process hands it the jobs and tickers of the modules. */
export type WorkerOptions = { registry: JobDefinition[]; tickers?: Ticker[]; idleMs?: number };

/** Runs due jobs and tickers until stopped; sleeps briefly when there is nothing to do. */
export function startWorker(ctx: WorkerContext, log: Logger, options: WorkerOptions): Worker {
  const { registry } = options;
  const tickers = options.tickers ?? [];
  let running = true;
  let wake: (() => void) | null = null;
  const queuedKeys = new Map<string, string>();
  const tick = async (): Promise<number> => {
    let done = 0;
    await enqueueScheduledJobs(ctx.db, registry, queuedKeys);
    for (let job = await claimJob(ctx.db); job && running; job = await claimJob(ctx.db)) {
      const result = await runClaimedJob(ctx, job, registry);
      // A finished job is routine; a retry or failure is worth a line at the default level.
      if (result === 'done') log.debug({ job: job.name, id: job.id, result }, 'job finished');
      else log.warn({ job: job.name, id: job.id, result }, 'job did not finish');
      done++;
    }
    for (const ticker of tickers) {
      if (running) done += await ticker.run(ctx);
    }
    return done;
  };
  const loop = (async () => {
    while (running) {
      let done = 0;
      try {
        done = await tick();
      } catch (error) {
        // A lost database connection must not end the worker; it retries on the next tick.
        log.error({ err: error }, 'worker tick failed');
      }
      if (done > 0) continue;
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, options.idleMs ?? 1000);
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
