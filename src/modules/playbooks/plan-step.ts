import type { Transaction } from 'kysely';
import { now } from '../../platform/clock.ts';
import type { Database } from '../../platform/db-schema.ts';
import { type MailLinks, queueEmail } from '../messages/queue-message.ts';
import { resolveAssignee } from './assignees.ts';
import { stepDueAt } from './due-dates.ts';
import type { PlaybookStep } from './playbooks.schema.ts';
import { renderTemplate, type TemplateContext } from './templates.ts';

type RunAccount = { id: string; name: string; owner_id: string | null; service_owner_id: string | null; owner_name: string | null; tags: string[]; interests: string[] };
type RunContact = { id: string; name: string; email: string | null; postal_address: string | null; newsletter_consent: boolean; unsubscribed_at: Date | null };

export type StepToPlan = {
  runId: string;
  step: PlaybookStep;
  stepKey?: string;
  from: Date;
  account: RunAccount;
  contacts: RunContact[];
  context: TemplateContext;
};

/** The first contact who may receive this email: never an unsubscribed one, and for news only with consent. */
function recipientFor(step: PlaybookStep, contacts: RunContact[]): RunContact | undefined {
  return contacts.find(
    (c) => c.email && !c.unsubscribed_at && (step.audience !== 'newsletter_consent' || c.newsletter_consent),
  );
}

/**
 * Turns one playbook step into a touch: a task for a person, or an email the worker sends at the due
 * time (a message queued in the same transaction). An email nobody may receive is recorded as a
 * skipped touch with the reason, so the timeline shows why nothing went out.
 */
export async function planStep(trx: Transaction<Database>, plan: StepToPlan, links: MailLinks): Promise<{ dueAt: Date; touchId: string | null }> {
  const { step, account } = plan;
  const automated = step.kind === 'email';
  const assignee = await resolveAssignee(trx, account, step.assignee);
  // An email due "at once" goes at once; anything later lands at the start of a working day.
  const dueAt = automated && step.offset_days === 0 ? plan.from : stepDueAt(plan.from, step.offset_days, assignee?.time_zone ?? 'UTC');
  if (step.kind === 'wait') return { dueAt, touchId: null };
  const recipient = automated ? recipientFor(step, plan.contacts) : plan.contacts[0];
  const context: TemplateContext = {
    ...plan.context,
    account: { name: account.name, tags: account.tags, interests: account.interests },
    owner: { name: account.owner_name ?? 'your account manager' },
    contact: recipient ? { name: recipient.name, postal_address: recipient.postal_address ?? '(no postal address on file)', email: recipient.email } : { name: account.name, postal_address: '(no postal address on file)' },
  };
  const subject = renderTemplate(step.subject, context) || step.key;
  const body = renderTemplate(step.body, context);
  const skipReason = automated && !recipient ? 'No contact may receive this email (none with an address, unsubscribed, or no consent)' : null;
  const touch = await trx
    .insertInto('touches')
    .values({
      account_id: account.id,
      kind: step.touch_kind,
      subject,
      notes: body || null,
      contact_id: recipient?.id ?? null,
      assignee_id: automated ? null : (assignee?.id ?? null),
      status: skipReason ? 'skipped' : 'planned',
      outcome: skipReason,
      due_at: dueAt,
      created_at: now(),
      playbook_run_id: plan.runId,
      step_key: plan.stepKey ?? step.key,
      recurrence_days: step.recurrence_days ?? null,
    })
    .onConflict((oc) => oc.columns(['account_id', 'playbook_run_id', 'step_key']).where('playbook_run_id', 'is not', null).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (touch && automated && recipient?.email) {
    await queueEmail(
      trx,
      { idempotencyKey: `touch:${touch.id}`, accountId: account.id, touchId: touch.id, contactId: recipient.id, to: recipient.email, subject, body, sendAfter: dueAt },
      links,
    );
  }
  return { dueAt, touchId: touch?.id ?? null };
}
