import { sql, type Transaction } from 'kysely';
import { atTime } from '../../platform/clock.ts';
import type { Database } from '../../platform/db-schema.ts';
import { appendEvents } from '../../platform/events.ts';
import type { MailLinks } from '../../platform/links.ts';
import { billingAddressLine } from '../accounts/index.ts';
import { type EmailToQueue, queueEmails } from '../messages/index.ts';
import { planPlaybookTouches } from '../touches/index.ts';
import type { AssigneeResolver } from './assignees.ts';
import { type PlannedStep, planStep, type RunAccount, type RunContact } from './plan-step.ts';
import type { PlaybookStep } from './playbooks.schema.ts';
import type { TemplateContext } from './templates.ts';

export type PlaybookToRun = { id: string; name: string; version: number; steps: PlaybookStep[] };

export type RunStart = {
  playbook: PlaybookToRun;
  accountId: string;
  triggerKey: string;
  eventId: number | null;
  triggeredAt: Date;
  /** What the trigger knows (the product launched, the mention, the survey answer), for templates. */
  context: TemplateContext;
  /** The engine's "now" when it decided on the run; a simulation steps it from event to event. */
  decidedAt: Date;
};

export type BegunRun = RunStart & { runId: string };
export type RunAccounts = Map<string, { account: RunAccount; contacts: RunContact[] }>;
/** A begun run and what its steps became. */
export type PlannedRun = { run: BegunRun; planned: PlannedStep[] };

/**
 * Where started runs are kept and what they need to read: the tables in production; a simulation
 * keeps them in memory (`sandbox-runs.ts`), where every one of its later scans reads them.
 */
export type RunStore = {
  /** The runs that start, with their ids: one per key, and none for a key anyone took before. */
  begin(trx: Transaction<Database>, starts: RunStart[]): Promise<BegunRun[]>;
  accounts(trx: Transaction<Database>, accountIds: string[]): Promise<RunAccounts>;
  /** Writes what the runs planned: their touches, emails and `playbook.started` events. */
  record(trx: Transaction<Database>, plans: PlannedRun[], links: MailLinks): Promise<void>;
};

export type RunTools = { links: MailLinks; assignees: () => Promise<AssigneeResolver>; store?: RunStore };

/** Within a batch the first start of a key wins, as it would one by one. */
export function firstStartOfEachKey(starts: RunStart[]): RunStart[] {
  const firsts = new Map<string, RunStart>();
  for (const s of starts) {
    const key = runKey(s.accountId, s.playbook.id, s.triggerKey);
    if (!firsts.has(key)) firsts.set(key, s);
  }
  return [...firsts.values()];
}

const runKey = (accountId: string, playbookId: string, triggerKey: string) => `${accountId}|${playbookId}|${triggerKey}`;

// 500 runs of 7 columns, and the touches, messages and events they write a thousand at a time,
// stay well under PostgreSQL's 65,535 parameters a statement.
const runsPerStatement = 500;

/** One statement for the runs; a key already taken (earlier in the batch, or by anyone before) starts nothing. */
async function insertRuns(trx: Transaction<Database>, unique: RunStart[]): Promise<BegunRun[]> {
  if (unique.length === 0) return [];
  const rows = await trx
    .insertInto('playbook_runs')
    .values(
      unique.map((s) => ({
        account_id: s.accountId,
        playbook_id: s.playbook.id,
        playbook_version: s.playbook.version,
        trigger_key: s.triggerKey,
        event_id: s.eventId,
        steps: JSON.stringify(s.playbook.steps),
        started_at: s.triggeredAt,
      })),
    )
    .onConflict((oc) => oc.columns(['account_id', 'playbook_id', 'trigger_key']).doNothing())
    .returning(['id', 'account_id', 'playbook_id', 'trigger_key'])
    .execute();
  const idOf = new Map(rows.map((r) => [runKey(r.account_id, r.playbook_id, r.trigger_key), r.id]));
  return unique.flatMap((s) => {
    const runId = idOf.get(runKey(s.accountId, s.playbook.id, s.triggerKey));
    return runId ? [{ ...s, runId }] : [];
  });
}

/** The accounts of a batch of runs with their contacts (oldest first), in two reads. */
export async function loadRunAccounts(trx: Transaction<Database>, accountIds: string[]): Promise<RunAccounts> {
  const ids = sql.val([...new Set(accountIds)]);
  const accounts = await trx
    .selectFrom('accounts')
    .leftJoin('users as owner', 'owner.id', 'accounts.owner_id')
    .select(['accounts.id', 'accounts.name', 'accounts.owner_id', 'accounts.service_owner_id', 'accounts.tags', 'accounts.interests', 'accounts.billing', 'owner.name as owner_name'])
    .where(sql<boolean>`accounts.id = any(${ids}::uuid[])`)
    .execute();
  const contacts = await trx
    .selectFrom('contacts')
    .select(['account_id', 'id', 'name', 'email', 'postal_address', 'newsletter_consent', 'unsubscribed_at'])
    .where(sql<boolean>`account_id = any(${ids}::uuid[])`)
    .orderBy('account_id')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const byAccount = new Map(
    accounts.map(({ billing, ...account }) => [account.id, { account: { ...account, billing_address: billingAddressLine(billing) }, contacts: [] as RunContact[] }]),
  );
  for (const { account_id, ...contact } of contacts) byAccount.get(account_id)?.contacts.push(contact);
  return byAccount;
}

/** A run's steps, in order: a step offset from the previous one follows that one's due time. */
function planRun(run: BegunRun, loaded: { account: RunAccount; contacts: RunContact[] }, resolveAssignee: AssigneeResolver): PlannedStep[] {
  const planned: PlannedStep[] = [];
  let previousDue = run.triggeredAt;
  for (const step of run.playbook.steps) {
    const from = step.offset_from === 'previous' ? previousDue : run.triggeredAt;
    const result = planStep({ runId: run.runId, step, from, account: loaded.account, contacts: loaded.contacts, context: run.context }, resolveAssignee);
    previousDue = result.dueAt;
    planned.push(result);
  }
  return planned;
}

/** The touches, emails and events of planned runs, written to the tables a statement per thousand rows. */
async function recordInTables(trx: Transaction<Database>, plans: PlannedRun[], links: MailLinks): Promise<void> {
  const written = await planPlaybookTouches(
    trx,
    plans.flatMap((p) => p.planned.flatMap((step) => (step.touch ? [step.touch] : []))),
  );
  const touchIdOf = new Map(written.map((t) => [`${t.playbook_run_id}|${t.step_key}`, t.id]));
  const emails: EmailToQueue[] = plans.flatMap(({ run, planned }) =>
    planned.flatMap((p) => {
      const touchId = p.touch?.step_key ? touchIdOf.get(`${run.runId}|${p.touch.step_key}`) : undefined;
      if (!p.email || !touchId) return [];
      const { email } = p;
      return [{ idempotencyKey: `touch:${touchId}`, accountId: run.accountId, touchId, contactId: email.contactId, to: email.to, subject: email.subject, body: email.body, sendAfter: p.dueAt, replyAs: email.replyAs, queuedAt: run.decidedAt }];
    }),
  );
  await queueEmails(trx, emails, links);
  const touchesOf = new Map<string, number>();
  for (const t of written) if (t.playbook_run_id) touchesOf.set(t.playbook_run_id, (touchesOf.get(t.playbook_run_id) ?? 0) + 1);
  await appendEvents(
    trx,
    plans.map(({ run }) => ({
      type: 'playbook.started' as const,
      accountId: run.accountId,
      subjectId: run.runId,
      payload: { playbook_id: run.playbook.id, title: run.playbook.name, trigger_key: run.triggerKey, touches: touchesOf.get(run.runId) ?? 0 },
      occurredAt: run.decidedAt,
    })),
  );
}

/** Production's store: the runs' unique key decides who starts, across workers and replays. */
const tableStore: RunStore = { begin: insertRuns, accounts: loadRunAccounts, record: recordInTables };

async function startChunk(trx: Transaction<Database>, starts: RunStart[], tools: RunTools): Promise<number> {
  const store = tools.store ?? tableStore;
  const begun = await store.begin(trx, firstStartOfEachKey(starts));
  const first = begun[0];
  if (!first) return 0;
  const loaded = await store.accounts(trx, begun.map((r) => r.accountId));
  // Who is free is read as of the first run, as when the runs were started one by one.
  const resolveAssignee = await atTime(first.decidedAt, () => tools.assignees());
  // Planned in the order the runs were decided: a task placed earlier in the batch fills its day
  // before the next run's tasks look for room.
  const plans = begun.map((run) => {
    const account = loaded.get(run.accountId);
    if (!account) throw new Error(`account ${run.accountId} of a playbook run vanished`);
    return { run, planned: atTime(run.decidedAt, () => planRun(run, account, resolveAssignee)) };
  });
  await store.record(trx, plans, tools.links);
  return begun.length;
}

/**
 * Starts a batch of runs, in order, with a handful of statements per few hundred runs: one insert
 * each for the runs, their touches, their emails and their events, and one read of the accounts and
 * contacts. A run's unique key (account, playbook, trigger key) makes a second start a no-op, so
 * re-processing an event or a second worker starts nothing twice; within a batch the first start of
 * a key wins, as it would one by one. Returns how many runs started.
 */
export async function startPlaybookRuns(trx: Transaction<Database>, starts: RunStart[], tools: RunTools): Promise<number> {
  let started = 0;
  for (let i = 0; i < starts.length; i += runsPerStatement) started += await startChunk(trx, starts.slice(i, i + runsPerStatement), tools);
  return started;
}
