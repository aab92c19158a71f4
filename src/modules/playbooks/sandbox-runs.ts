import { randomUUID } from 'node:crypto';
import type { StoredEvent } from './event-triggers.ts';
import type { SimulatedTouch } from './simulate.ts';
import { type BegunRun, loadRunAccounts, type RunAccounts, type RunStore } from './start-run.ts';

/**
 * The runs a simulation starts, kept in memory instead of the tables (decision 0040). The replay
 * reads back only three things about them: which run keys are taken (a key starts one run), which
 * customers have something planned (the attention-gap scan), and in the end the touches planned.
 * All three are answered here; the program's playbooks are fresh copies, so no run in the tables
 * can hold a key of theirs. Emails and `playbook.started` events are not produced: a sandbox never
 * sends, and its report counts the email touches.
 */
export type SandboxRuns = {
  store: RunStore;
  /** The keys (`account|trigger key`) among these accounts that a playbook has started a run for. */
  begunKeys(playbookId: string, accountIds: readonly string[]): Set<string>;
  /** The touches planned, ordered by due time, account and step, as the report reads them. */
  touches(): SimulatedTouch[];
};

/** A survey answer of a detractor (score 0-6) started the run: its call is a recovery call. */
function byDetractor(event: StoredEvent | undefined): boolean {
  const score = event?.type === 'survey.answered' ? event.payload.score : undefined;
  return score !== undefined && score !== null && Number(score) <= 6;
}

export function sandboxRuns(events: ReadonlyMap<number, StoredEvent>, onPlanned: (accountId: string) => void): SandboxRuns {
  // Per playbook and account, the trigger keys begun (a run's unique key), which a scan also asks.
  const keysOf = new Map<string, Map<string, string[]>>();
  const accounts: RunAccounts = new Map();
  const touches: SimulatedTouch[] = [];
  const store: RunStore = {
    async begin(_trx, starts) {
      const begun: BegunRun[] = [];
      for (const start of starts) {
        let ofPlaybook = keysOf.get(start.playbook.id);
        if (!ofPlaybook) {
          ofPlaybook = new Map();
          keysOf.set(start.playbook.id, ofPlaybook);
        }
        const triggerKeys = ofPlaybook.get(start.accountId);
        if (triggerKeys?.includes(start.triggerKey)) continue;
        if (triggerKeys) triggerKeys.push(start.triggerKey);
        else ofPlaybook.set(start.accountId, [start.triggerKey]);
        begun.push({ ...start, runId: randomUUID() });
      }
      return begun;
    },
    // Accounts and contacts do not change inside the sandbox: each is read once per replay.
    async accounts(trx, accountIds) {
      const missing = [...new Set(accountIds)].filter((id) => !accounts.has(id));
      if (missing.length) for (const [id, loaded] of await loadRunAccounts(trx, missing)) accounts.set(id, loaded);
      return accounts;
    },
    async record(_trx, plans) {
      for (const { run, planned } of plans) {
        const steps = new Set<string>();
        for (const { touch } of planned) {
          // A step becomes at most one touch, as the tables' unique key on run and step makes it.
          if (!touch?.due_at || steps.has(touch.step_key)) continue;
          steps.add(touch.step_key);
          const status = touch.status ?? 'planned';
          if (status === 'planned') onPlanned(touch.account_id);
          const assignee = touch.assignee_id ?? null;
          touches.push({
            account_id: touch.account_id,
            kind: touch.kind,
            assignee_id: assignee,
            due_at: new Date(touch.due_at),
            status,
            recurrence_days: touch.recurrence_days ?? null,
            playbook_name: run.playbook.name,
            step_key: touch.step_key,
            detractor_recovery: assignee !== null && byDetractor(run.eventId === null ? undefined : events.get(run.eventId)),
          });
        }
      }
    },
  };
  return {
    store,
    begunKeys(playbookId, accountIds) {
      const begun = new Set<string>();
      const ofPlaybook = keysOf.get(playbookId);
      for (const accountId of accountIds) for (const triggerKey of ofPlaybook?.get(accountId) ?? []) begun.add(`${accountId}|${triggerKey}`);
      return begun;
    },
    touches() {
      const at = (s: string, t: string) => (s < t ? -1 : s > t ? 1 : 0);
      return [...touches].sort((a, b) => a.due_at.getTime() - b.due_at.getTime() || at(a.account_id, b.account_id) || at(a.step_key ?? '', b.step_key ?? ''));
    },
  };
}
