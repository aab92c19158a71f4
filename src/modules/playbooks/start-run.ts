import type { Transaction } from 'kysely';
import type { Database } from '../../platform/db-schema.ts';
import { appendEvent } from '../../platform/events.ts';
import type { MailLinks } from '../messages/queue-message.ts';
import { planStep } from './plan-step.ts';
import type { PlaybookStep } from './playbooks.schema.ts';
import type { TemplateContext } from './templates.ts';

export type PlaybookToRun = { id: string; version: number; steps: PlaybookStep[] };

export type RunStart = {
  playbook: PlaybookToRun;
  accountId: string;
  triggerKey: string;
  eventId: number | null;
  triggeredAt: Date;
  /** What the trigger knows (the product launched, the mention, the survey answer), for templates. */
  context: TemplateContext;
};

/**
 * Starts one run of a playbook for one account and one triggering occurrence. The run's unique key
 * makes a second start a no-op, so re-processing an event or a second worker starts nothing twice.
 * Returns the number of touches planned, or null when the run already existed.
 */
export async function startPlaybookRun(trx: Transaction<Database>, start: RunStart, links: MailLinks): Promise<number | null> {
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
  const account = await trx
    .selectFrom('accounts')
    .leftJoin('users as owner', 'owner.id', 'accounts.owner_id')
    .select(['accounts.id', 'accounts.name', 'accounts.owner_id', 'accounts.service_owner_id', 'accounts.tags', 'accounts.interests', 'owner.name as owner_name'])
    .where('accounts.id', '=', start.accountId)
    .executeTakeFirstOrThrow();
  const contacts = await trx
    .selectFrom('contacts')
    .select(['id', 'name', 'email', 'postal_address', 'newsletter_consent', 'unsubscribed_at'])
    .where('account_id', '=', start.accountId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  let planned = 0;
  let previousDue = start.triggeredAt;
  for (const step of start.playbook.steps) {
    const from = step.offset_from === 'previous' ? previousDue : start.triggeredAt;
    const result = await planStep(trx, { runId: run.id, step, from, account, contacts, context: start.context }, links);
    previousDue = result.dueAt;
    if (result.touchId) planned++;
  }
  await appendEvent(trx, {
    type: 'playbook.started',
    accountId: start.accountId,
    subjectId: run.id,
    payload: { playbook_id: start.playbook.id, trigger_key: start.triggerKey, touches: planned },
  });
  return planned;
}
