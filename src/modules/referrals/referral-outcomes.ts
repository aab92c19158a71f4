import { sql, type Transaction } from 'kysely';
import { z } from 'zod';
import { now } from '../../platform/clock.ts';
import type { Db } from '../../platform/db.ts';
import type { Database } from '../../platform/db-schema.ts';
import { reactToEvents } from '../../platform/event-cursor.ts';
import { notFound } from '../../platform/errors.ts';
import { appendEvent } from '../../platform/events.ts';
import type { JobDefinition, Ticker } from '../../platform/jobs.ts';
import { addBusinessDays } from '../../platform/working-time.ts';
import { planTouchInTransaction } from '../touches/index.ts';
import { referralDealOwner } from './record-referrals.ts';

const stillOpen = ['new', 'contacted', 'deal'] as const;

/**
 * Moves referrals along with what happened to the people referred: contacted once someone talked to
 * them, deal once their deal left the lead stage, won once a deal on their account was won (then the
 * referrer's salesperson gets a "thank the referrer" task, exactly once: the status update is the
 * claim), lost once their deal was lost with nothing else open. Won revenue on a referred account
 * is the referrer's attributed revenue, kept current as further deals are won there.
 */
export async function syncReferralOutcomes(db: Db): Promise<{ won: number }> {
  return db.transaction().execute((trx) => syncReferralOutcomesInTransaction(trx, null));
}

/** The same, for the referrals of some referred accounts (null: all), in the caller's transaction. */
async function syncReferralOutcomesInTransaction(trx: Transaction<Database>, referredAccountIds: string[] | null): Promise<{ won: number }> {
  const only = referredAccountIds ? sql`and r.referred_account_id = any(${referredAccountIds}::uuid[])` : sql``;
  const onlyDeals = referredAccountIds ? sql`and account_id = any(${referredAccountIds}::uuid[])` : sql``;
  const at = now();
  await sql`update referrals r set status = 'contacted', updated_at = ${at} where r.status = 'new' ${only} and exists (
    select 1 from touches t where t.account_id = r.referred_account_id and t.status = 'done' and t.kind in ('call', 'meeting', 'email'))`.execute(trx);
  await sql`update referrals r set status = 'deal', updated_at = ${at} from deals d
    where r.status in ('new', 'contacted') ${only} and d.account_id = r.referred_account_id and d.id = r.deal_id and d.status = 'open' and d.stage <> 'lead'`.execute(trx);
  const won = await sql<{ account_id: string; id: string; name: string; referrer_name: string; owner_id: string | null; revenue: number }>`
    update referrals r set status = 'won', won_at = w.first_won, updated_at = ${at}
    from (select account_id, min(closed_at) as first_won from deals where status = 'won' ${onlyDeals} group by account_id) w, accounts a
    where r.status in (${sql.join(stillOpen.map((s) => sql.lit(s)))}) ${only} and w.account_id = r.referred_account_id and a.id = r.account_id
    returning r.account_id, r.id, r.name, a.name as referrer_name, a.owner_id,
      (select coalesce(sum(value), 0) from deals where account_id = r.referred_account_id and status = 'won')::float8 as revenue`.execute(trx);
  await sql`update referrals r set status = 'lost', updated_at = ${at} from deals d
    where r.status in (${sql.join(stillOpen.map((s) => sql.lit(s)))}) ${only} and d.account_id = r.referred_account_id and d.id = r.deal_id and d.status = 'lost'
      and not exists (select 1 from deals o where o.account_id = r.referred_account_id and o.status = 'open')`.execute(trx);
  await sql`update referrals r set attributed_revenue = x.revenue from (
      select account_id, sum(value) as revenue from deals where status = 'won' ${onlyDeals} group by account_id) x
    where r.status = 'won' ${only} and x.account_id = r.referred_account_id and r.attributed_revenue <> x.revenue`.execute(trx);
  for (const referral of won.rows) {
    const owner = await referralDealOwner(trx, referral.owner_id);
    if (!owner) continue;
    const touch = await planTouchInTransaction(trx, {
      accountId: referral.account_id,
      kind: 'task',
      subject: `Thank ${referral.referrer_name}: ${referral.name}, whom they recommended, became a customer`,
      notes: `Won so far: ${referral.revenue}. A personal thank-you (a call, a card or a small gift) keeps referrals coming.`,
      assigneeId: owner.id,
      dueAt: addBusinessDays(at, 1, owner.time_zone),
      actorId: null,
    });
    await trx.updateTable('referrals').set({ thank_touch_id: touch.id }).where('account_id', '=', referral.account_id).where('id', '=', referral.id).execute();
    await appendEvent(trx, { type: 'referral.won', accountId: referral.account_id, subjectId: referral.id, payload: { title: `${referral.name} became a customer`, revenue: referral.revenue } });
  }
  return { won: won.rows.length };
}

/** Events that can move a referral: its people were talked to, or their deal moved or closed. */
const outcomeEvents = new Set(['touch.completed', 'deal.stage_changed', 'deal.won', 'deal.lost']);

/** On every worker tick: a referred deal won shows in the stats, and the thank-you is planned, within a minute. */
export const referralOutcomeTicker: Ticker = {
  name: 'referrals.outcomes',
  run: ({ db }) =>
    reactToEvents(db, 'referrals', async (trx, events) => {
      const accounts = [...new Set(events.filter((e) => outcomeEvents.has(e.type) && e.account_id).map((e) => e.account_id as string))];
      if (accounts.length) await syncReferralOutcomesInTransaction(trx, accounts);
    }),
};

/** A salesperson's own word on a referral (contacted, a real deal, lost); a won one stays won. */
export async function setReferralStatus(db: Db, id: string, status: 'contacted' | 'deal' | 'lost') {
  const referral = await db.selectFrom('referrals').select(['account_id', 'status']).where('id', '=', id).executeTakeFirst();
  if (!referral || referral.status === 'won') throw notFound('Open referral');
  return db
    .updateTable('referrals')
    .set({ status, updated_at: now() })
    .where('account_id', '=', referral.account_id)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Hourly: follow referred people's deals. */
export const syncReferralOutcomesJob: JobDefinition = {
  name: 'referrals.sync_outcomes',
  payload: z.object({}),
  async run({ db }) {
    await syncReferralOutcomes(db);
  },
  scheduleKey: (at) => `referrals.sync_outcomes:${at.toISOString().slice(0, 13)}`,
};
