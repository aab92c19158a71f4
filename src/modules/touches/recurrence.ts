import { sql, type Transaction } from 'kysely';
import { addDays } from '../../platform/clock.ts';
import type { Database, TouchKind } from '../../platform/db-schema.ts';
import { refreshDealSteps } from './deal-steps.ts';

/** Kinds of touch a person does for the customer and the software never sends by itself. */
const conversations: TouchKind[] = ['call', 'meeting', 'check_in'];

/**
 * Which completed touches reset a recurring cadence when a step does not say: a conversation resets
 * the conversation cadences (a check-in call makes the next check-in due a full interval later); an
 * email, survey or referral ask keeps its own calendar, so a customer in regular contact is still
 * surveyed once a year; any other kind resets only on its own kind (a management call on a
 * management call).
 */
export function defaultResetsOn(kind: TouchKind): TouchKind[] {
  if (conversations.includes(kind)) return conversations;
  if (kind === 'email' || kind === 'survey' || kind === 'referral_ask') return [];
  return [kind];
}

/** A touch that just finished, with what its recurrence needs. */
export type FinishedTouch = {
  account_id: string;
  id: string;
  kind: TouchKind;
  subject: string;
  notes: string | null;
  contact_id: string | null;
  assignee_id: string | null;
  playbook_run_id: string | null;
  step_key: string | null;
  recurrence_days: number | null;
  resets_on: TouchKind[] | null;
  window_from: Date | null;
  window_until: Date | null;
};

function nextStepKey(stepKey: string): string {
  const [base, n] = stepKey.split('#');
  return `${base}#${Number(n ?? '1') + 1}`;
}

/**
 * A recurring step (the quarterly check-in) plans its next occurrence when the current one is done
 * or skipped: one interval after the latest contact that fulfils this cadence, or after now.
 */
export async function planNextOccurrence(trx: Transaction<Database>, touch: FinishedTouch, at: Date): Promise<void> {
  if (!touch.recurrence_days || !touch.playbook_run_id || !touch.step_key) return;
  const resetsOn = touch.resets_on ?? defaultResetsOn(touch.kind);
  const last = resetsOn.length
    ? await trx
        .selectFrom('touches')
        .select((eb) => eb.fn.max('done_at').as('at'))
        .where('account_id', '=', touch.account_id)
        .where('status', '=', 'done')
        .where('kind', 'in', resetsOn)
        .executeTakeFirst()
    : undefined;
  const from = last?.at && last.at > at ? last.at : at;
  const dueAt = addDays(from, touch.recurrence_days);
  // The next one may move as far as this one could, counted from its own due time.
  const slackMs = touch.window_from && touch.window_until ? touch.window_until.getTime() - touch.window_from.getTime() : null;
  await trx
    .insertInto('touches')
    .values({
      account_id: touch.account_id,
      kind: touch.kind,
      subject: touch.subject,
      notes: touch.notes,
      contact_id: touch.contact_id,
      assignee_id: touch.assignee_id,
      due_at: dueAt,
      window_from: slackMs === null ? null : dueAt,
      window_until: slackMs === null ? null : new Date(dueAt.getTime() + slackMs),
      created_at: at,
      playbook_run_id: touch.playbook_run_id,
      step_key: nextStepKey(touch.step_key),
      recurrence_days: touch.recurrence_days,
      resets_on: resetsOn,
    })
    .onConflict((oc) => oc.columns(['account_id', 'playbook_run_id', 'step_key']).where('playbook_run_id', 'is not', null).doNothing())
    .execute();
}

/**
 * Real contact resets only the cadences it fulfils: a planned recurring touch whose `resets_on`
 * names this kind is not due until one full interval after the contact.
 */
export async function resetCadencesOnContact(trx: Transaction<Database>, accountId: string, kind: TouchKind, doneAt: Date): Promise<void> {
  // Whole days of 86,400 seconds from an epoch: timestamptz + interval depends on the session's
  // time zone, and Citus refuses such a function on a column in an UPDATE (decision 0028).
  const oneIntervalAfter = sql<Date>`to_timestamp(${doneAt.getTime() / 1000}::float8 + recurrence_days * 86400)`;
  const moved = await trx
    .updateTable('touches')
    .set({ due_at: oneIntervalAfter })
    .where('account_id', '=', accountId)
    .where('status', '=', 'planned')
    .where('recurrence_days', 'is not', null)
    .where(sql<boolean>`${kind} = any(resets_on)`)
    .where('due_at', '<', oneIntervalAfter)
    .returning(['account_id', 'deal_id'])
    .execute();
  await refreshDealSteps(trx, moved);
}
