import { sql, type Transaction } from 'kysely';
import { addDays } from '../../platform/clock.ts';
import type { Database, TouchKind } from '../../platform/db-schema.ts';

/** Touches that count as real contact with the customer and so reset a recurring cadence. */
const realContactKinds: TouchKind[] = ['call', 'meeting', 'email', 'check_in', 'management_call'];

type FinishedTouch = {
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
};

function nextStepKey(stepKey: string): string {
  const [base, n] = stepKey.split('#');
  return `${base}#${Number(n ?? '1') + 1}`;
}

/**
 * A recurring step (the quarterly check-in) plans its next occurrence when the current one is done
 * or skipped, due one interval after the last real contact with the account.
 */
export async function planNextOccurrence(trx: Transaction<Database>, touch: FinishedTouch, at: Date): Promise<void> {
  if (!touch.recurrence_days || !touch.playbook_run_id || !touch.step_key) return;
  const last = await trx
    .selectFrom('touches')
    .select((eb) => eb.fn.max('done_at').as('at'))
    .where('account_id', '=', touch.account_id)
    .where('status', '=', 'done')
    .where('kind', 'in', realContactKinds)
    .executeTakeFirst();
  const from = last?.at && last.at > at ? last.at : (last?.at ?? at);
  await trx
    .insertInto('touches')
    .values({
      account_id: touch.account_id,
      kind: touch.kind,
      subject: touch.subject,
      notes: touch.notes,
      contact_id: touch.contact_id,
      assignee_id: touch.assignee_id,
      due_at: addDays(from, touch.recurrence_days),
      created_at: at,
      playbook_run_id: touch.playbook_run_id,
      step_key: nextStepKey(touch.step_key),
      recurrence_days: touch.recurrence_days,
    })
    .onConflict((oc) => oc.columns(['account_id', 'playbook_run_id', 'step_key']).where('playbook_run_id', 'is not', null).doNothing())
    .execute();
}

/**
 * Cadences reset on real contact: after a call, meeting or email with the customer, a planned
 * recurring touch is not due until one full interval after that contact.
 */
export async function resetCadencesOnContact(trx: Transaction<Database>, accountId: string, kind: TouchKind, doneAt: Date): Promise<void> {
  if (!realContactKinds.includes(kind)) return;
  await trx
    .updateTable('touches')
    .set({ due_at: sql`${doneAt}::timestamptz + make_interval(days => recurrence_days)` })
    .where('account_id', '=', accountId)
    .where('status', '=', 'planned')
    .where('recurrence_days', 'is not', null)
    .where(sql<boolean>`due_at < ${doneAt}::timestamptz + make_interval(days => recurrence_days)`)
    .execute();
}
