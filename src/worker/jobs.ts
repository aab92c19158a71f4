import { sql } from 'kysely';
import { now } from '../platform/clock.ts';
import type { Db } from '../platform/db.ts';
import { isConnectionLost, retryWhileConnectionLost } from '../platform/db-faults.ts';
import type { JobDefinition, WorkerContext } from '../platform/jobs.ts';

/**
 * Queues each scheduled job for the current period. `queued` remembers the keys this worker already
 * queued, so an idle worker ticking every second writes only when a period begins.
 */
export async function enqueueScheduledJobs(db: Db, registry: JobDefinition[], queued = new Map<string, string>()): Promise<void> {
  const at = now();
  for (const job of registry) {
    const key = job.scheduleKey?.(at);
    if (!key || queued.get(job.name) === key) continue;
    await db
      .insertInto('jobs')
      .values({ name: job.name, key, payload: JSON.stringify({}), run_at: at })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
    queued.set(job.name, key);
  }
}

const leaseMinutes = 5;
const maxAttempts = 5;

/**
 * Claims one due job with FOR UPDATE SKIP LOCKED, so any number of workers never take the same job;
 * a job whose worker died is taken again when its lease runs out.
 */
export async function claimJob(db: Db) {
  const at = now();
  const leaseEnd = new Date(at.getTime() + leaseMinutes * 60_000);
  return db
    .updateTable('jobs')
    .set({ status: 'running', attempts: sql`attempts + 1`, locked_until: leaseEnd })
    .where('id', '=', (eb) =>
      eb
        .selectFrom('jobs')
        .select('id')
        .where((w) =>
          w.or([
            w.and([w('status', '=', 'queued'), w('run_at', '<=', at)]),
            w.and([w('status', '=', 'running'), w('locked_until', '<', at)]),
          ]),
        )
        .orderBy('run_at')
        .limit(1)
        .forUpdate()
        .skipLocked(),
    )
    .returningAll()
    .executeTakeFirst();
}

type ClaimedJob = NonNullable<Awaited<ReturnType<typeof claimJob>>>;

export async function runClaimedJob(ctx: WorkerContext, job: ClaimedJob, registry: JobDefinition[]): Promise<'done' | 'retry' | 'failed'> {
  const { db } = ctx;
  const definition = registry.find((d) => d.name === job.name);
  try {
    if (!definition) throw new Error(`No job named ${job.name} in this worker's registry`);
    await definition.run(ctx, definition.payload.parse(job.payload));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // A lost database connection is not the job's fault: run it again at once, without using up
    // one of its attempts, so a failover never turns into a failed job.
    const lost = isConnectionLost(error);
    const failed = !lost && job.attempts >= maxAttempts;
    // Exponential backoff: 30 s, 1 min, 2 min, 4 min …
    const retryAt = lost ? now() : new Date(now().getTime() + 30_000 * 2 ** (job.attempts - 1));
    await retryWhileConnectionLost(() =>
      db
        .updateTable('jobs')
        .set({ status: failed ? 'failed' : 'queued', last_error: message, run_at: retryAt, locked_until: null, finished_at: failed ? now() : null, ...(lost ? { attempts: job.attempts - 1 } : {}) })
        .where('id', '=', job.id)
        .execute(),
    );
    return failed ? 'failed' : 'retry';
  }
  // Outside the try: a connection lost while marking the job done must not queue it to run twice.
  await retryWhileConnectionLost(() =>
    db.updateTable('jobs').set({ status: 'done', finished_at: now(), locked_until: null }).where('id', '=', job.id).execute(),
  );
  return 'done';
}
