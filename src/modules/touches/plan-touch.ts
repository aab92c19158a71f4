import type { Insertable, Transaction } from 'kysely';
import { now } from '../../platform/clock.ts';
import type { Database, TouchKind } from '../../platform/db-schema.ts';
import { AppError } from '../../platform/errors.ts';
import { appendEvent } from '../../platform/events.ts';
import { refreshDealSteps } from './deal-steps.ts';

export type NewTouch = {
  accountId: string;
  kind: TouchKind;
  subject: string;
  notes?: string | undefined;
  dealId?: string | undefined;
  contactId?: string | undefined;
  /** Nobody for a touch the software carries out itself (a survey email). */
  assigneeId: string | null;
  dueAt: Date;
  actorId: string | null;
};

/** Checks that the deal, contact and assignee a touch names exist and belong together (422 naming the field). */
export async function assertTouchReferences(
  trx: Transaction<Database>,
  refs: { accountId: string; dealId?: string | undefined; contactId?: string | undefined; assigneeId?: string | undefined },
  prefix = '',
): Promise<void> {
  const account = await trx.selectFrom('accounts').select('id').where('id', '=', refs.accountId).executeTakeFirst();
  if (!account) throw new AppError('unprocessable', `No account with id ${refs.accountId}`, `${prefix}account_id`);
  if (refs.dealId) {
    const deal = await trx.selectFrom('deals').select('id').where('account_id', '=', refs.accountId).where('id', '=', refs.dealId).executeTakeFirst();
    if (!deal) throw new AppError('unprocessable', 'No deal with this id on the account', `${prefix}deal_id`);
  }
  if (refs.contactId) {
    const contact = await trx.selectFrom('contacts').select('id').where('account_id', '=', refs.accountId).where('id', '=', refs.contactId).executeTakeFirst();
    if (!contact) throw new AppError('unprocessable', 'No contact with this id on the account', `${prefix}contact_id`);
  }
  if (refs.assigneeId) {
    const user = await trx.selectFrom('users').select('id').where('id', '=', refs.assigneeId).where('active', '=', true).executeTakeFirst();
    if (!user) throw new AppError('unprocessable', 'No active user with this id', `${prefix}assignee_id`);
  }
}

export async function planTouchInTransaction(trx: Transaction<Database>, touch: NewTouch) {
  const row = await trx
    .insertInto('touches')
    .values({
      account_id: touch.accountId,
      kind: touch.kind,
      subject: touch.subject,
      notes: touch.notes ?? null,
      deal_id: touch.dealId ?? null,
      contact_id: touch.contactId ?? null,
      assignee_id: touch.assigneeId,
      due_at: touch.dueAt,
      created_by: touch.actorId,
      created_at: now(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await refreshDealSteps(trx, [row]);
  await appendEvent(trx, {
    type: 'touch.planned',
    accountId: touch.accountId,
    subjectId: row.id,
    actorId: touch.actorId,
    payload: { kind: touch.kind, deal_id: touch.dealId ?? null, due_at: touch.dueAt.toISOString() },
  });
  return row;
}

/** A playbook step's touch, as the playbook engine prepared it (one row per step of a run). */
export type PlaybookTouch = Insertable<Database['touches']> & { playbook_run_id: string; step_key: string };

/**
 * Writes the touches of a batch of playbook runs, a thousand rows a statement (PostgreSQL takes at
 * most 65,535 parameters). A step becomes at most one touch, so a run started twice plans nothing
 * twice; returns the touches written, by run and step key.
 */
export async function planPlaybookTouches(
  trx: Transaction<Database>,
  touches: PlaybookTouch[],
): Promise<{ id: string; playbook_run_id: string | null; step_key: string | null }[]> {
  const written: { id: string; playbook_run_id: string | null; step_key: string | null; account_id: string; deal_id: string | null }[] = [];
  for (let i = 0; i < touches.length; i += 1000) {
    const rows = await trx
      .insertInto('touches')
      .values(touches.slice(i, i + 1000))
      .onConflict((oc) => oc.columns(['account_id', 'playbook_run_id', 'step_key']).where('playbook_run_id', 'is not', null).doNothing())
      .returning(['id', 'playbook_run_id', 'step_key', 'account_id', 'deal_id'])
      .execute();
    written.push(...rows);
  }
  await refreshDealSteps(trx, written);
  return written.map(({ id, playbook_run_id, step_key }) => ({ id, playbook_run_id, step_key }));
}
