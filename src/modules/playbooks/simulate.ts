import type { Transaction } from 'kysely';
import { addDays, DAY_MS, now, withClock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db.ts';
import type { Database } from '../../platform/db-schema.ts';
import type { MailLinks } from '../../platform/links.ts';
import { lazyAssigneeResolver, type PlanningMode } from './assignees.ts';
import { runsForEvent } from './consume-events.ts';
import type { StoredEvent } from './event-triggers.ts';
import { enabledPlaybooks } from './load-playbooks.ts';
import type { SimulatedPlaybook } from './simulation.schema.ts';
import { type RunStart, startPlaybookRuns } from './start-run.ts';
import { reorderWindows } from './reorder-rhythm.ts';
import { sandboxRuns } from './sandbox-runs.ts';
import { trackSilences } from './silent-customers.ts';
import { runTimeTriggers } from './time-triggers.ts';

/** One touch the program would have planned, as production writes it. */
export type SimulatedTouch = {
  account_id: string;
  kind: string;
  assignee_id: string | null;
  due_at: Date;
  status: string;
  recurrence_days: number | null;
  playbook_name: string;
  step_key: string | null;
  /** The run was started by a survey answer of a detractor (score 0-6). */
  detractor_recovery: boolean;
};

export type Program = { kind: 'current' } | { kind: 'edited'; playbooks: SimulatedPlaybook[] };

/** The events that can start a run; every other event is skipped before the engine sees it. */
const triggeringEvents = ['deal.won', 'order.placed', 'order.delivered', 'order.late', 'mention.recorded', 'survey.answered', 'issue.resolved', 'referral.received', 'product.launched'];

class SandboxRolledBack extends Error {
  constructor(readonly touches: SimulatedTouch[]) {
    super('simulation sandbox rolled back');
  }
}

/**
 * Puts the program in place inside the sandbox: the live playbooks are switched off and the program's
 * playbooks are copies with fresh ids, so a run production already started never blocks a simulated one.
 * Copies keep the order of the originals (by creation), which decides who gets work first.
 */
async function installProgram(trx: Transaction<Database>, program: Program): Promise<void> {
  const live = await trx.selectFrom('playbooks').select(['id', 'name', 'description', 'trigger', 'trigger_config', 'steps', 'enabled', 'created_at']).orderBy('created_at').execute();
  await trx.updateTable('playbooks').set({ enabled: false }).where('enabled', '=', true).execute();
  const createdOf = new Map(live.map((p) => [p.id, p.created_at]));
  const copies =
    program.kind === 'current'
      ? live.filter((p) => p.enabled).map((p) => ({ ...p, trigger_config: JSON.stringify(p.trigger_config), steps: JSON.stringify(p.steps) }))
      : program.playbooks
          .filter((p) => p.enabled)
          .map((p, i) => ({
            name: p.name,
            description: p.description,
            trigger: p.trigger,
            trigger_config: JSON.stringify(p.trigger_config),
            steps: JSON.stringify(p.steps),
            created_at: (p.id ? createdOf.get(p.id) : undefined) ?? addDays(new Date('2999-01-01T00:00:00Z'), i),
          }));
  if (copies.length === 0) return;
  await trx
    .insertInto('playbooks')
    .values(copies.map((c) => ({ name: c.name, description: c.description, trigger: c.trigger, trigger_config: c.trigger_config, steps: c.steps, created_at: c.created_at, enabled: true })))
    .execute();
}

/** How far a replay is: `week` of `weeks` weekly scans done. May throw to stop the replay (the asker left). */
export type OnWeek = (week: number, weeks: number) => void;

async function replay(trx: Transaction<Database>, from: Date, to: Date, links: MailLinks, clock: { at: Date }, onWeek: OnWeek, planning: PlanningMode): Promise<SimulatedTouch[]> {
  const playbooks = await enabledPlaybooks(trx);
  const events: StoredEvent[] = await trx
    .selectFrom('events')
    .select(['id', 'type', 'account_id', 'subject_id', 'payload', 'occurred_at'])
    .where('type', 'in', triggeringEvents)
    .where('occurred_at', '>=', from)
    .where('occurred_at', '<', to)
    .orderBy('occurred_at')
    .orderBy('id')
    .execute();
  // One resolver for the whole replay, as for one batch of the event consumer: loads stay in memory,
  // and the tasks of the scans and of the events fill the same days.
  const silences = await trackSilences(trx);
  // Only a survey answer tells the report something about its runs (a detractor's recovery call).
  const answers = new Map(events.filter((e) => e.type === 'survey.answered').map((e) => [e.id, e]));
  const sandbox = sandboxRuns(answers, (accountId) => silences.notePlanned(accountId));
  const tools = { links, assignees: lazyAssigneeResolver(trx, planning), store: sandbox.store };
  // The runs of a week's events and scans are started together, each with the moment it was decided,
  // before the next scan reads them: the same touches as one by one. They are kept in memory, not
  // in the tables (decision 0040), and the weekly attention-gap scan filters the customers' silences
  // read once instead of aggregating every touch again.
  let pending: RunStart[] = [];
  const runs = {
    async start(starts: RunStart[]) {
      for (const start of starts) pending.push(start);
      return starts.length;
    },
    async settle() {
      await startPlaybookRuns(trx, pending, tools);
      pending = [];
    },
    begunKeys: async (playbookId: string, accountIds: readonly string[]) => sandbox.begunKeys(playbookId, accountIds),
  };
  // The reorder rhythm is read once for the period, as of each order: a weekly scan then sees only
  // the orders placed up to its own clock, never a later one.
  const windows = await reorderWindows(trx, { from, to });
  const scanning = { playbooks, reorderWindows: windows, silences, runs };
  // The accounts the replay may start runs for, read in one go rather than a few new ones per batch.
  const likely = new Set(silences.accountIds);
  for (const e of events) if (e.account_id) likely.add(e.account_id);
  for (const w of windows) likely.add(w.accountId);
  await sandbox.store.accounts(trx, [...likely]);
  // Time triggers are scanned weekly, between the events of that week, as the hourly job would see them.
  let nextScan = from;
  let week = 0;
  const weeks = Math.ceil((to.getTime() - from.getTime()) / (7 * DAY_MS));
  const scanUntil = async (at: Date) => {
    while (nextScan <= at && nextScan < to) {
      clock.at = nextScan;
      await runTimeTriggers(trx, links, scanning);
      nextScan = addDays(nextScan, 7);
      onWeek(++week, weeks);
    }
  };
  for (const event of events) {
    await scanUntil(event.occurred_at);
    clock.at = event.occurred_at;
    await runs.start(await runsForEvent(trx, event, playbooks));
  }
  await scanUntil(to);
  await runs.settle();
  return sandbox.touches();
}

/**
 * Replays the triggering events of [from, to) and a weekly scan of the time triggers through the
 * production engine, inside a transaction that is always rolled back: the live tables never see a
 * simulated run, touch, message or event (docs/decisions/0026-playbook-simulator.md). The clock the
 * engine reads is stepped through the period for this call only.
 */
export async function simulateProgram(
  db: Db,
  program: Program,
  period: { from: Date; to: Date },
  links: MailLinks,
  onWeek: OnWeek = () => {},
  planning: PlanningMode = 'capacity',
): Promise<SimulatedTouch[]> {
  const clock = { at: period.from };
  try {
    await withClock(clock, () =>
      db.transaction().execute(async (trx) => {
        await installProgram(trx, program);
        throw new SandboxRolledBack(await replay(trx, period.from, period.to, links, clock, onWeek, planning));
      }),
    );
  } catch (error) {
    if (error instanceof SandboxRolledBack) return error.touches;
    throw error;
  }
  throw new Error('the simulation sandbox must always roll back');
}

/** The default period: the twelve months up to today. */
export function lastTwelveMonths(): { from: Date; to: Date } {
  const to = now();
  return { from: addDays(to, -365), to };
}
