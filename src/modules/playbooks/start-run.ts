import type { Transaction } from 'kysely';
import type { Database } from '../../platform/db-schema.ts';
import { appendEvent } from '../../platform/events.ts';
import type { MailLinks } from '../../platform/links.ts';
import { type EmailToQueue, queueEmails } from '../messages/index.ts';
import { planPlaybookTouches } from '../touches/index.ts';
import type { AssigneeResolver } from './assignees.ts';
import { type PlannedStep, planStep } from './plan-step.ts';
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
};

export type RunTools = { links: MailLinks; assignees: () => Promise<AssigneeResolver> };

async function loadRunAccount(trx: Transaction<Database>, accountId: string) {
  const account = await trx
    .selectFrom('accounts')
    .leftJoin('users as owner', 'owner.id', 'accounts.owner_id')
    .select(['accounts.id', 'accounts.name', 'accounts.owner_id', 'accounts.service_owner_id', 'accounts.tags', 'accounts.interests', 'owner.name as owner_name'])
    .where('accounts.id', '=', accountId)
    .executeTakeFirstOrThrow();
  const contacts = await trx
    .selectFrom('contacts')
    .select(['id', 'name', 'email', 'postal_address', 'newsletter_consent', 'unsubscribed_at'])
    .where('account_id', '=', accountId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return { account, contacts };
}

/** Writes a run's touches in one statement and queues the emails among them. */
async function writePlannedSteps(trx: Transaction<Database>, accountId: string, planned: PlannedStep[], links: MailLinks): Promise<number> {
  const touches = planned.flatMap((p) => (p.touch ? [p.touch] : []));
  if (touches.length === 0) return 0;
  const inserted = await planPlaybookTouches(trx, touches);
  const touchIdOf = new Map(inserted.map((t) => [t.step_key, t.id]));
  const emails: EmailToQueue[] = planned.flatMap((p) => {
    const touchId = p.touch?.step_key ? touchIdOf.get(p.touch.step_key) : undefined;
    if (!p.email || !touchId) return [];
    return [{ idempotencyKey: `touch:${touchId}`, accountId, touchId, contactId: p.email.contactId, to: p.email.to, subject: p.email.subject, body: p.email.body, sendAfter: p.dueAt, replyAs: p.email.replyAs }];
  });
  await queueEmails(trx, emails, links);
  return inserted.length;
}

/**
 * Starts one run of a playbook for one account and one triggering occurrence. The run's unique key
 * makes a second start a no-op, so re-processing an event or a second worker starts nothing twice.
 * Returns the number of touches planned, or null when the run already existed.
 */
export async function startPlaybookRun(trx: Transaction<Database>, start: RunStart, tools: RunTools): Promise<number | null> {
  const run = await trx
    .insertInto('playbook_runs')
    .values({
      account_id: start.accountId,
      playbook_id: start.playbook.id,
      playbook_version: start.playbook.version,
      trigger_key: start.triggerKey,
      event_id: start.eventId,
      steps: JSON.stringify(start.playbook.steps),
      started_at: start.triggeredAt,
    })
    .onConflict((oc) => oc.columns(['account_id', 'playbook_id', 'trigger_key']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!run) return null;
  const { account, contacts } = await loadRunAccount(trx, start.accountId);
  const resolveAssignee = await tools.assignees();
  const planned: PlannedStep[] = [];
  let previousDue = start.triggeredAt;
  for (const step of start.playbook.steps) {
    const from = step.offset_from === 'previous' ? previousDue : start.triggeredAt;
    const result = planStep({ runId: run.id, step, from, account, contacts, context: start.context }, resolveAssignee);
    previousDue = result.dueAt;
    planned.push(result);
  }
  const touches = await writePlannedSteps(trx, start.accountId, planned, tools.links);
  await appendEvent(trx, {
    type: 'playbook.started',
    accountId: start.accountId,
    subjectId: run.id,
    payload: { playbook_id: start.playbook.id, title: start.playbook.name, trigger_key: start.triggerKey, touches },
  });
  return touches;
}
