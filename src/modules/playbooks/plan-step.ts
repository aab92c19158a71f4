import { now } from '../../platform/clock.ts';
import type { AssigneeResolver } from './assignees.ts';
import { stepWindowDays } from './capacity-placement.ts';
import { stepDueAt } from '../../platform/working-time.ts';
import { defaultResetsOn, type PlaybookTouch } from '../touches/index.ts';
import type { PlaybookStep } from './playbooks.schema.ts';
import { renderTemplate, type TemplateContext } from './templates.ts';

export type RunAccount = {
  id: string;
  name: string;
  owner_id: string | null;
  service_owner_id: string | null;
  owner_name: string | null;
  tags: string[];
  interests: string[];
  /** The account's own postal address (its billing details), for a contact who has none. */
  billing_address: string | null;
};
export type RunContact = { id: string; name: string; email: string | null; postal_address: string | null; newsletter_consent: boolean; unsubscribed_at: Date | null };

export type StepToPlan = {
  runId: string;
  step: PlaybookStep;
  stepKey?: string;
  from: Date;
  account: RunAccount;
  contacts: RunContact[];
  context: TemplateContext;
};

/** The touch a step becomes, and for an email the message the worker will send at the due time. */
export type PlannedStep = {
  dueAt: Date;
  touch: PlaybookTouch | null;
  email: { to: string; contactId: string; subject: string; body: string; replyAs: 'owner' | 'service_owner' } | null;
};

/** The first contact who may receive this email: never an unsubscribed one, and for news only with consent. */
function recipientFor(step: PlaybookStep, contacts: RunContact[]): RunContact | undefined {
  return contacts.find((c) => c.email && !c.unsubscribed_at && (step.audience !== 'newsletter_consent' || c.newsletter_consent));
}

/**
 * The person a run is about comes first: the contact who answered the survey or was mentioned is the
 * one the recovery call or the note is for, not whoever was entered first on the account.
 */
function aboutContactFirst(contacts: RunContact[], context: TemplateContext): RunContact[] {
  const id = context.trigger?.contact_id;
  const about = typeof id === 'string' ? contacts.find((c) => c.id === id) : undefined;
  return about ? [about, ...contacts.filter((c) => c !== about)] : contacts;
}

/**
 * Turns one playbook step into a touch: a task for a person, or an email the worker sends at the due
 * time. An email nobody may receive becomes a skipped touch with the reason, so the timeline shows
 * why nothing went out. Pure: the caller writes the rows, all of a run in one statement.
 */
export function planStep(plan: StepToPlan, resolveAssignee: AssigneeResolver): PlannedStep {
  const { step, account } = plan;
  // Surveys and referral asks are emails too; their modules mail them when due, each with a fresh link.
  const automated = step.kind === 'email' || step.kind === 'survey' || step.kind === 'referral_ask';
  const assignee = resolveAssignee(account, step.assignee);
  // An email due "at once" goes at once; anything later lands at the start of a working day.
  const wantedAt = automated && step.offset_days === 0 ? plan.from : stepDueAt(plan.from, step.offset_days, assignee?.time_zone ?? 'UTC');
  if (step.kind === 'wait') return { dueAt: wantedAt, touch: null, email: null };
  // Only a person's task takes room in a day; the software sends emails whatever the load.
  const placement = !automated && assignee ? assignee.place(wantedAt, stepWindowDays(step)) : { dueAt: wantedAt, flag: null, window: null, assigneeId: null };
  const dueAt = placement.dueAt;
  const contacts = aboutContactFirst(plan.contacts, plan.context);
  const recipient = automated ? recipientFor(step, contacts) : contacts[0];
  const noAddress = '(no postal address on file)';
  const context: TemplateContext = {
    ...plan.context,
    account: { name: account.name, tags: account.tags, interests: account.interests },
    owner: { name: account.owner_name ?? 'your account manager' },
    contact: recipient
      ? { name: recipient.name, postal_address: recipient.postal_address ?? account.billing_address ?? noAddress, email: recipient.email }
      : { name: account.name, postal_address: account.billing_address ?? noAddress },
  };
  const subject = renderTemplate(step.subject, context) || step.key;
  const body = renderTemplate(step.body, context);
  const skipReason = automated && !recipient ? 'No contact may receive this email (none with an address, unsubscribed, or no consent)' : null;
  // The survey and referral modules find their due emails by this kind.
  const kind = step.kind === 'survey' || step.kind === 'referral_ask' ? step.kind : step.touch_kind;
  return {
    dueAt,
    touch: {
      account_id: account.id,
      kind,
      subject,
      notes: body || null,
      contact_id: recipient?.id ?? null,
      assignee_id: automated ? null : placement.assigneeId,
      status: skipReason ? 'skipped' : 'planned',
      outcome: skipReason,
      due_at: dueAt,
      created_at: now(),
      playbook_run_id: plan.runId,
      step_key: plan.stepKey ?? step.key,
      recurrence_days: step.recurrence_days ?? null,
      resets_on: step.recurrence_days ? (step.resets_on ?? defaultResetsOn(kind)) : null,
      planning_flag: placement.flag,
      window_from: placement.window?.from ?? null,
      window_until: placement.window?.until ?? null,
    },
    email: step.kind === 'email' && recipient?.email ? { to: recipient.email, contactId: recipient.id, subject, body, replyAs: step.assignee === 'service_owner' ? 'service_owner' : 'owner' } : null,
  };
}
