import { sql, type Transaction } from 'kysely';
import { now } from '../../platform/clock.ts';
import type { Database } from '../../platform/db-schema.ts';
import type { Db } from '../../platform/db.ts';
import { markTouchSkipped } from '../touches/index.ts';

/** A planned playbook email that carries a customer link, due now, with the step it came from. */
export type DueLinkTouch = {
  account_id: string;
  id: string;
  subject: string;
  notes: string | null;
  contact_id: string;
  email: string;
  step: Record<string, unknown> | null;
  /** The payload of the event that started the run (the resolved issue, the survey answer). */
  trigger: Record<string, unknown> | null;
};

const linkTables = { survey: 'survey_invites', referral_ask: 'referral_links' } as const;

/**
 * Survey and referral-ask steps are mailed when they fall due rather than when their playbook
 * starts, so a link's validity counts from the day the customer receives it. Each touch is locked
 * while it is handled and skipped once its link exists, so two workers never mail it twice. A touch
 * whose contact left or unsubscribed is skipped with the reason. Returns how many were mailed.
 */
export async function mailDueLinkTouches(
  db: Db,
  kind: keyof typeof linkTables,
  mail: (trx: Transaction<Database>, touch: DueLinkTouch) => Promise<void>,
  batchSize = 200,
): Promise<number> {
  const table = sql.table(linkTables[kind]);
  const unlinked = sql`not exists (select 1 from ${table} l where l.account_id = t.account_id and l.touch_id = t.id)`;
  const { rows } = await sql<{ account_id: string; id: string }>`
    select t.account_id, t.id from touches t
    where t.kind = ${kind} and t.status = 'planned' and t.playbook_run_id is not null and t.due_at <= ${now()} and ${unlinked}
    order by t.due_at limit ${batchSize}`.execute(db);
  let mailed = 0;
  for (const candidate of rows) {
    mailed += await db.transaction().execute(async (trx) => {
      // The account is named in every subquery too: that is what keeps the lock on one shard on Citus.
      const { rows: locked } = await sql<Omit<DueLinkTouch, 'email' | 'contact_id' | 'trigger'> & { contact_id: string | null; email: string | null; unsubscribed_at: Date | null; playbook_run_id: string | null }>`
        select t.account_id, t.id, t.subject, t.notes, t.contact_id, c.email, c.unsubscribed_at,
          (select s from playbook_runs r, jsonb_array_elements(r.steps) s
            where r.account_id = ${candidate.account_id} and r.id = t.playbook_run_id and s->>'key' = split_part(t.step_key, '#', 1)) as step,
          t.playbook_run_id
        from touches t left join contacts c on c.account_id = t.account_id and c.id = t.contact_id
        where t.account_id = ${candidate.account_id} and t.id = ${candidate.id} and t.status = 'planned'
          and not exists (select 1 from ${table} l where l.account_id = ${candidate.account_id} and l.touch_id = t.id)
        for update of t skip locked`.execute(trx);
      const row = locked[0];
      if (!row) return 0;
      // The triggering event is read apart from the lock: on Citus the event log is on the
      // coordinator, and a row lock is taken on one shard only (decision 0028).
      const { playbook_run_id: runId, ...lockedTouch } = row;
      const { rows: triggers } = await sql<{ payload: DueLinkTouch['trigger'] }>`
        select e.payload from playbook_runs r join events e on e.id = r.event_id
        where r.account_id = ${row.account_id} and r.id = ${runId}`.execute(trx);
      const touch = { ...lockedTouch, trigger: triggers[0]?.payload ?? null };
      if (!touch.contact_id || !touch.email || touch.unsubscribed_at) {
        await markTouchSkipped(trx, { accountId: touch.account_id, touchId: touch.id }, 'No contact may receive this email (no address, or unsubscribed)', null);
        return 0;
      }
      await mail(trx, { ...touch, contact_id: touch.contact_id, email: touch.email });
      return 1;
    });
  }
  return mailed;
}
