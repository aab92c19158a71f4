import { sql } from 'kysely';
import { now } from '../../platform/clock.ts';
import type { Db } from '../../platform/db.ts';
import type { MailLinks } from '../../platform/links.ts';
import { type ActivePlaybook, enabledPlaybooks, playbooksFor } from './load-playbooks.ts';
import { lazyAssigneeResolver } from './assignees.ts';
import { dueForReorder, dueForReorderNow, type ReorderDue, type ReorderWindow } from './reorder-rhythm.ts';
import { type SilenceTracker, type SilentCustomer, silentCustomersNow } from './silent-customers.ts';
import { type RunStart, startPlaybookRuns } from './start-run.ts';
import type { TemplateContext } from './templates.ts';

type Candidate = { account_id: string; key: string; context: TemplateContext };

const defaultScanLimit = 2000;

/**
 * Customers whose own typical time between orders has passed since their last order; one run per
 * last order. The hourly job reads each customer's current window; a simulation passes the reorder
 * windows of its whole period, read once. Either way the limit counts only customers not yet reminded.
 */
async function reorderDueCustomers(db: Db, playbooks: ActivePlaybook[], windows: readonly ReorderWindow[] | undefined, scanLimit: number): Promise<Candidate[]> {
  const at = now();
  const due: ReorderDue[] = windows ? dueForReorder(windows, at) : await dueForReorderNow(db, at, playbooks.map((p) => p.id), scanLimit);
  return due.map((d) => ({
    account_id: d.accountId,
    key: d.key,
    context: { trigger: { median_days: d.medianDays, days_since: d.daysSince } },
  }));
}

/**
 * Where the runs of a scan go. The hourly job writes them at once; a simulation holds them with the
 * runs of its events and writes them all together, `settle` writing what it holds before a scan
 * that reads the touches (so that scan sees every run decided before it).
 */
export type RunSink = {
  start(starts: RunStart[]): Promise<number>;
  settle(): Promise<void>;
  /** The keys (`account|trigger key`) among these accounts a playbook has begun runs for; the tables when not given. */
  begunKeys?(playbookId: string, accountIds: readonly string[]): Promise<Set<string>>;
};

function writeAtOnce(db: Db, links: MailLinks): RunSink {
  return {
    async start(starts) {
      let started = 0;
      // Runs go in transactions of a few hundred: short locks, and one read of who is free per batch.
      for (let i = 0; i < starts.length; i += 200) {
        const slice = starts.slice(i, i + 200);
        started += await db.transaction().execute((trx) => startPlaybookRuns(trx, slice, { links, assignees: lazyAssigneeResolver(trx) }));
      }
      return started;
    },
    settle: async () => {},
  };
}

/** The keys a playbook has begun among these accounts, from the runs table. */
async function begunInTables(db: Db, playbookId: string, accountIds: readonly string[]): Promise<Set<string>> {
  const existing = await db
    .selectFrom('playbook_runs')
    .select(['account_id', 'trigger_key'])
    .where('playbook_id', '=', playbookId)
    // One array parameter: a simulated week may weigh more due customers than a statement takes parameters.
    .where(sql<boolean>`account_id = any(${accountIds}::uuid[])`)
    .execute();
  return new Set(existing.map((r) => `${r.account_id}|${r.trigger_key}`));
}

/** The runs a playbook's candidates start now, in their order. */
async function runsToStart(db: Db, runs: RunSink, playbook: ActivePlaybook, candidates: Candidate[]): Promise<RunStart[]> {
  if (candidates.length === 0) return [];
  // A customer still overdue at the next scan has its run already: one read skips them all, where
  // a refused insert each cost a statement per customer per scan. The unique key still decides.
  const accountIds = candidates.map((c) => c.account_id);
  const begun = runs.begunKeys ? await runs.begunKeys(playbook.id, accountIds) : await begunInTables(db, playbook.id, accountIds);
  const decidedAt = now();
  return candidates
    .filter((c) => !begun.has(`${c.account_id}|${c.key}`))
    .map((c) => ({ playbook, accountId: c.account_id, triggerKey: c.key, eventId: null, triggeredAt: decidedAt, context: c.context, decidedAt }));
}

/**
 * What a simulation brings to its weekly scans: its program, the reorder windows of its period, the
 * customers' silences read once (`trackSilences`), and where the runs go (held and written with the runs of its events). `scanLimit` caps the runs a scan
 * starts per playbook (2,000 unless a test needs a small one).
 */
export type TimeTriggerOptions = { playbooks?: ActivePlaybook[]; reorderWindows?: readonly ReorderWindow[]; silences?: SilenceTracker; runs?: RunSink; scanLimit?: number };

/** The scheduled scan for triggers that are about time passing rather than something happening. */
export async function runTimeTriggers(db: Db, links: MailLinks, options: TimeTriggerOptions = {}): Promise<number> {
  const playbooks = options.playbooks ?? (await enabledPlaybooks(db));
  const runs = options.runs ?? writeAtOnce(db, links);
  const scanLimit = options.scanLimit ?? defaultScanLimit;
  let started = 0;
  for (const playbook of playbooksFor(playbooks, 'no_touch_for_days')) {
    await runs.settle();
    const days = playbook.config.days ?? 60;
    const silent: SilentCustomer[] = options.silences ? options.silences.silentAt(now(), days, scanLimit) : await silentCustomersNow(db, days, scanLimit);
    const candidates = silent.map((c) => ({ account_id: c.accountId, key: `silent-since:${c.lastTouch}`, context: { trigger: { days } } }));
    started += await runs.start(await runsToStart(db, runs, playbook, candidates));
  }
  const reorder = playbooksFor(playbooks, 'reorder_due');
  if (reorder.length) {
    // The runs of earlier scans held by a simulation go in first, so the reminded are left out here too.
    await runs.settle();
    const due = await reorderDueCustomers(db, reorder, options.reorderWindows, scanLimit);
    for (const playbook of reorder) started += await runs.start((await runsToStart(db, runs, playbook, due)).slice(0, scanLimit));
  }
  return started;
}
