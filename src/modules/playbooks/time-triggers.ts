import { sql } from 'kysely';
import { addDays, now } from '../../platform/clock.ts';
import type { Db } from '../../platform/db.ts';
import type { MailLinks } from '../../platform/links.ts';
import { type ActivePlaybook, enabledPlaybooks, playbooksFor } from './load-playbooks.ts';
import { lazyAssigneeResolver } from './assignees.ts';
import { dueForReorder, dueForReorderNow, type ReorderDue, type ReorderWindow } from './reorder-rhythm.ts';
import { type RunStart, startPlaybookRuns } from './start-run.ts';
import type { TemplateContext } from './templates.ts';

type Candidate = { account_id: string; key: string; context: TemplateContext };

const defaultScanLimit = 2000;

/**
 * Customers nobody has touched for `days` days and with nothing planned; one run per silence. The
 * most value at risk (CLV × (1 − p(alive))) comes first, so it gets the earliest room in the owner's days.
 */
async function silentCustomers(db: Db, days: number, scanLimit: number): Promise<Candidate[]> {
  const at = now();
  const rows = await sql<{ account_id: string; last_touch: string }>`
    select a.id as account_id, coalesce(max(t.done_at), a.created_at)::date::text as last_touch
    from accounts a left join touches t on t.account_id = a.id and t.status = 'done'
    where a.lifecycle = 'customer' and (a.snoozed_until is null or a.snoozed_until < ${at})
      and not exists (select 1 from touches p where p.account_id = a.id and p.status = 'planned')
    group by a.id
    having coalesce(max(t.done_at), a.created_at) < ${addDays(at, -days)}
    order by coalesce((select s.clv * (1 - s.p_alive) from account_scores s where s.account_id = a.id order by s.as_of desc limit 1), 0) desc, a.id
    limit ${scanLimit}`.execute(db);
  return rows.rows.map((r) => ({ account_id: r.account_id, key: `silent-since:${r.last_touch}`, context: { trigger: { days } } }));
}

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
export type RunSink = { start(starts: RunStart[]): Promise<number>; settle(): Promise<void> };

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

/** The runs a playbook's candidates start now, in their order. */
async function runsToStart(db: Db, playbook: ActivePlaybook, candidates: Candidate[]): Promise<RunStart[]> {
  if (candidates.length === 0) return [];
  // A customer still overdue at the next scan has its run already: one read skips them all, where
  // a refused insert each cost a statement per customer per scan. The unique key still decides.
  const existing = await db
    .selectFrom('playbook_runs')
    .select(['account_id', 'trigger_key'])
    .where('playbook_id', '=', playbook.id)
    // One array parameter: a simulated week may weigh more due customers than a statement takes parameters.
    .where(sql<boolean>`account_id = any(${candidates.map((c) => c.account_id)}::uuid[])`)
    .execute();
  const begun = new Set(existing.map((r) => `${r.account_id}|${r.trigger_key}`));
  const decidedAt = now();
  return candidates
    .filter((c) => !begun.has(`${c.account_id}|${c.key}`))
    .map((c) => ({ playbook, accountId: c.account_id, triggerKey: c.key, eventId: null, triggeredAt: decidedAt, context: c.context, decidedAt }));
}

/**
 * What a simulation brings to its weekly scans: its program, the reorder windows of its period, and
 * where the runs go (held and written with the runs of its events). `scanLimit` caps the runs a scan
 * starts per playbook (2,000 unless a test needs a small one).
 */
export type TimeTriggerOptions = { playbooks?: ActivePlaybook[]; reorderWindows?: readonly ReorderWindow[]; runs?: RunSink; scanLimit?: number };

/** The scheduled scan for triggers that are about time passing rather than something happening. */
export async function runTimeTriggers(db: Db, links: MailLinks, options: TimeTriggerOptions = {}): Promise<number> {
  const playbooks = options.playbooks ?? (await enabledPlaybooks(db));
  const runs = options.runs ?? writeAtOnce(db, links);
  const scanLimit = options.scanLimit ?? defaultScanLimit;
  let started = 0;
  for (const playbook of playbooksFor(playbooks, 'no_touch_for_days')) {
    await runs.settle();
    started += await runs.start(await runsToStart(db, playbook, await silentCustomers(db, playbook.config.days ?? 60, scanLimit)));
  }
  const reorder = playbooksFor(playbooks, 'reorder_due');
  if (reorder.length) {
    // The runs of earlier scans held by a simulation go in first, so the reminded are left out here too.
    await runs.settle();
    const due = await reorderDueCustomers(db, reorder, options.reorderWindows, scanLimit);
    for (const playbook of reorder) started += await runs.start((await runsToStart(db, playbook, due)).slice(0, scanLimit));
  }
  return started;
}
