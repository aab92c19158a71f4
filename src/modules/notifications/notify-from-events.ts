import type { Insertable, Transaction } from 'kysely';
import type { Database } from '../../platform/db-schema.ts';
import { type CursorEvent, reactToEvents } from '../../platform/event-cursor.ts';
import type { Ticker } from '../../platform/jobs.ts';

type NewNotification = Insertable<Database['notifications']>;
type Trx = Transaction<Database>;

const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const accountLink = (event: CursorEvent) => (event.account_id ? `/accounts/${event.account_id}` : '/my-day');

async function nameOf(trx: Trx, userId: string | null): Promise<string | null> {
  if (!userId) return null;
  const user = await trx.selectFrom('users').select('name').where('id', '=', userId).executeTakeFirst();
  return user?.name ?? null;
}

async function managersAndAdmins(trx: Trx): Promise<string[]> {
  const rows = await trx.selectFrom('users').select('id').where('role', 'in', ['admin', 'manager']).where('active', '=', true).execute();
  return rows.map((r) => r.id);
}

/** An issue given to someone by someone else (a colleague, or the routing when it was opened). */
async function issueAssigned(trx: Trx, event: CursorEvent): Promise<NewNotification[]> {
  const assignee = text(event.payload.assignee_id);
  if (!assignee || assignee === event.actor_id || !event.subject_id) return [];
  const by = await nameOf(trx, event.actor_id);
  return [{
    user_id: assignee,
    account_id: event.account_id,
    source_event_id: event.id,
    kind: 'assigned',
    title: `Service issue for you: ${text(event.payload.title)}`,
    body: by ? `Assigned by ${by}` : null,
    link: `/service/issues/${event.subject_id}`,
  }];
}

/** A touch someone (or something, such as a referral won) planned for another person. */
async function touchPlanned(trx: Trx, event: CursorEvent): Promise<NewNotification[]> {
  if (!event.subject_id || !event.account_id) return [];
  const touch = await trx
    .selectFrom('touches')
    .innerJoin('accounts', 'accounts.id', 'touches.account_id')
    .select(['touches.assignee_id', 'touches.subject', 'accounts.name as account_name'])
    .where('touches.account_id', '=', event.account_id)
    .where('touches.id', '=', event.subject_id)
    .executeTakeFirst();
  if (!touch?.assignee_id || touch.assignee_id === event.actor_id) return [];
  const by = await nameOf(trx, event.actor_id);
  return [{
    user_id: touch.assignee_id,
    account_id: event.account_id,
    source_event_id: event.id,
    kind: 'assigned',
    title: `New task for you: ${touch.subject}`,
    body: by ? `${touch.account_name} · planned by ${by}` : touch.account_name,
    link: accountLink(event),
  }];
}

/**
 * The calls a survey answer starts (the recovery call after a detractor, the follow-up of a
 * passive): the person has a day or two. Other playbooks plan weeks ahead and show in My day.
 */
async function answerPlaybookStarted(trx: Trx, event: CursorEvent): Promise<NewNotification[]> {
  if (!event.account_id) return [];
  const touches = await trx
    .selectFrom('playbook_runs')
    .innerJoin('playbooks', 'playbooks.id', 'playbook_runs.playbook_id')
    .innerJoin('touches', (join) => join.onRef('touches.account_id', '=', 'playbook_runs.account_id').onRef('touches.playbook_run_id', '=', 'playbook_runs.id'))
    .innerJoin('accounts', 'accounts.id', 'playbook_runs.account_id')
    .select(['touches.assignee_id', 'touches.subject', 'accounts.name as account_name'])
    .where('playbook_runs.account_id', '=', event.account_id)
    .where('playbook_runs.playbook_id', '=', text(event.payload.playbook_id))
    .where('playbook_runs.trigger_key', '=', text(event.payload.trigger_key))
    .where('playbooks.trigger', '=', 'survey_answered')
    .where('touches.assignee_id', 'is not', null)
    .execute();
  // One notification per person and event: the unique key allows no more, and one says enough.
  const first = new Map(touches.map((t) => [t.assignee_id as string, t] as const));
  return [...first.entries()].map(([userId, touch]) => ({
    user_id: userId,
    account_id: event.account_id,
    source_event_id: event.id,
    kind: 'assigned' as const,
    title: `New task for you: ${touch.subject}`,
    body: touch.account_name,
    link: accountLink(event),
  }));
}

/** An NPS answer of 0 to 6 on an account: its owner hears of it at once. */
async function detractorAnswered(trx: Trx, event: CursorEvent): Promise<NewNotification[]> {
  const score = Number(event.payload.score);
  if (event.payload.kind !== 'nps' || !(score <= 6) || !event.account_id) return [];
  const account = await trx.selectFrom('accounts').select(['name', 'owner_id']).where('id', '=', event.account_id).executeTakeFirst();
  if (!account?.owner_id) return [];
  const comment = text(event.payload.comment);
  return [{
    user_id: account.owner_id,
    account_id: event.account_id,
    source_event_id: event.id,
    kind: 'detractor',
    title: `${account.name} rated us ${score} of 10`,
    body: comment ? `“${comment}”` : 'No comment given',
    link: accountLink(event),
  }];
}

/** An import that failed, or left rows behind: whoever ran it, or the managers for a CLI import. */
async function importFailed(trx: Trx, event: CursorEvent): Promise<NewNotification[]> {
  const failedRows = Number(event.payload.failed) || 0;
  if (event.payload.status !== 'failed' && failedRows === 0) return [];
  const file = text(event.payload.file_name);
  const title = event.payload.status === 'failed'
    ? `The import of ${file} failed`
    : `${failedRows} ${failedRows === 1 ? 'row' : 'rows'} of ${file} could not be imported`;
  const users = event.actor_id ? [event.actor_id] : await managersAndAdmins(trx);
  return users.map((userId) => ({
    user_id: userId,
    account_id: null,
    source_event_id: event.id,
    kind: 'import_failed' as const,
    title,
    body: 'The import page lists what went wrong, row by row.',
    link: '/import',
  }));
}

async function webhookDisabled(trx: Trx, event: CursorEvent): Promise<NewNotification[]> {
  return (await managersAndAdmins(trx)).map((userId) => ({
    user_id: userId,
    account_id: null,
    source_event_id: event.id,
    kind: 'webhook_failing' as const,
    title: `A webhook stopped: ${text(event.payload.url)} kept failing`,
    body: text(event.payload.reason) || null,
    link: '/webhooks',
  }));
}

const notifiers: Record<string, (trx: Trx, event: CursorEvent) => Promise<NewNotification[]>> = {
  'issue.created': issueAssigned,
  'issue.assigned': issueAssigned,
  'touch.planned': touchPlanned,
  'playbook.started': answerPlaybookStarted,
  'survey.answered': detractorAnswered,
  'import.completed': importFailed,
  'webhook.disabled': webhookDisabled,
};

/** Turns a batch of events into notifications; the unique (event, person) key makes a re-read harmless. */
export async function notifyFromEvents(trx: Trx, events: CursorEvent[]): Promise<void> {
  const rows: NewNotification[] = [];
  for (const event of events) {
    const notify = notifiers[event.type];
    // Dated when it happened, not when the worker got to it: the panel reads like the timeline.
    if (notify) rows.push(...(await notify(trx, event)).map((row) => ({ ...row, created_at: event.occurred_at })));
  }
  if (rows.length === 0) return;
  await trx
    .insertInto('notifications')
    .values(rows)
    .onConflict((oc) => oc.columns(['source_event_id', 'user_id']).doNothing())
    .execute();
}

/** On every worker tick: what happened in the last seconds reaches the bell of whom it concerns. */
export const notificationTicker: Ticker = {
  name: 'notifications.from_events',
  run: ({ db }) => reactToEvents(db, 'notifications', notifyFromEvents),
};
