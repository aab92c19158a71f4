import { sql, type Transaction } from 'kysely';
import { z } from 'zod';
import { now } from '../../platform/clock.ts';
import type { Db } from '../../platform/db.ts';
import type { Database, ReferralStatus } from '../../platform/db-schema.ts';
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

type ReferredFacts = {
  contacted: Set<string>;
  open: Set<string>;
  won: Map<string, { firstWon: Date; revenue: number }>;
  deals: Map<string, { status: string; stage: string }>;
};

/**
 * What happened on the referred accounts, read on their own: a referral lives with the referrer and
 * the people it brought are another account, usually on another shard on Citus, where a statement
 * may not join the two (decision 0028: rows of two accounts are read in two queries).
 */
async function readReferredFacts(trx: Transaction<Database>, accountIds: string[], dealIds: string[]): Promise<ReferredFacts> {
  const ids = sql`${accountIds}::uuid[]`;
  const [contacted, open, won, deals] = await Promise.all([
    sql<{ account_id: string }>`select distinct account_id from touches
      where account_id = any(${ids}) and status = 'done' and kind in ('call', 'meeting', 'email')`.execute(trx),
    sql<{ account_id: string }>`select distinct account_id from deals where account_id = any(${ids}) and status = 'open'`.execute(trx),
    sql<{ account_id: string; first_won: Date; revenue: number }>`select account_id, min(closed_at) as first_won, sum(value) as revenue
      from deals where account_id = any(${ids}) and status = 'won' group by account_id`.execute(trx),
    sql<{ id: string; status: string; stage: string }>`select id, status, stage from deals
      where account_id = any(${ids}) and id = any(${dealIds}::uuid[])`.execute(trx),
  ]);
  return {
    contacted: new Set(contacted.rows.map((r) => r.account_id)),
    open: new Set(open.rows.map((r) => r.account_id)),
    won: new Map(won.rows.map((r) => [r.account_id, { firstWon: r.first_won, revenue: r.revenue }])),
    deals: new Map(deals.rows.map((r) => [r.id, { status: r.status, stage: r.stage }])),
  };
}

type Referral = { account_id: string; id: string; name: string; status: ReferralStatus; referred_account_id: string; deal_id: string | null; attributed_revenue: number };

/** Where a referral stands now: each step may follow the one before, as people move from a call to a deal to a win. */
function nextStatus(r: Referral, facts: ReferredFacts): ReferralStatus {
  let status = r.status;
  const deal = r.deal_id ? facts.deals.get(r.deal_id) : undefined;
  if (status === 'new' && facts.contacted.has(r.referred_account_id)) status = 'contacted';
  if ((status === 'new' || status === 'contacted') && deal?.status === 'open' && deal.stage !== 'lead') status = 'deal';
  if (isOpen(status) && facts.won.has(r.referred_account_id)) status = 'won';
  if (isOpen(status) && deal?.status === 'lost' && !facts.open.has(r.referred_account_id)) status = 'lost';
  return status;
}

const isOpen = (status: ReferralStatus) => (stillOpen as readonly string[]).includes(status);

/** The same, for the referrals of some referred accounts (null: all), in the caller's transaction. */
async function syncReferralOutcomesInTransaction(trx: Transaction<Database>, referredAccountIds: string[] | null): Promise<{ won: number }> {
  let query = trx
    .selectFrom('referrals')
    .select(['account_id', 'id', 'name', 'status', 'referred_account_id', 'deal_id', 'attributed_revenue'])
    .where('status', 'in', [...stillOpen, 'won']);
  if (referredAccountIds) query = query.where('referred_account_id', 'in', referredAccountIds);
  const referrals: Referral[] = referredAccountIds?.length === 0 ? [] : await query.execute();
  if (referrals.length === 0) return { won: 0 };
  const facts = await readReferredFacts(
    trx,
    [...new Set(referrals.map((r) => r.referred_account_id))],
    referrals.flatMap((r) => (r.deal_id ? [r.deal_id] : [])),
  );
  const at = now();
  const wonNow: Referral[] = [];
  for (const r of referrals) {
    const status = nextStatus(r, facts);
    const won = facts.won.get(r.referred_account_id);
    const revenue = status === 'won' ? (won?.revenue ?? 0) : r.attributed_revenue;
    if (status === r.status && revenue === r.attributed_revenue) continue;
    // The old status in the filter is the claim: of two workers that saw the same win, one moves the
    // referral and plans the thank-you, the other finds it moved and does nothing.
    const moved = await trx
      .updateTable('referrals')
      .set({
        status,
        attributed_revenue: revenue,
        ...(status !== r.status ? { updated_at: at } : {}),
        ...(status === 'won' && r.status !== 'won' ? { won_at: won?.firstWon ?? at } : {}),
      })
      .where('account_id', '=', r.account_id)
      .where('id', '=', r.id)
      .where('status', '=', r.status)
      .executeTakeFirst();
    if (status === 'won' && r.status !== 'won' && moved.numUpdatedRows > 0n) wonNow.push({ ...r, attributed_revenue: revenue });
  }
  await thankReferrers(trx, wonNow, at);
  return { won: wonNow.length };
}

/** The referrer's salesperson thanks them, once per referral won. */
async function thankReferrers(trx: Transaction<Database>, won: Referral[], at: Date): Promise<void> {
  if (won.length === 0) return;
  const referrers = await trx.selectFrom('accounts').select(['id', 'name', 'owner_id']).where('id', 'in', [...new Set(won.map((r) => r.account_id))]).execute();
  const byId = new Map(referrers.map((a) => [a.id, a]));
  for (const referral of won) {
    const referrer = byId.get(referral.account_id);
    if (!referrer) continue;
    const owner = await referralDealOwner(trx, referrer.owner_id);
    if (!owner) continue;
    const touch = await planTouchInTransaction(trx, {
      accountId: referral.account_id,
      kind: 'task',
      subject: `Thank ${referrer.name}: ${referral.name}, whom they recommended, became a customer`,
      notes: `Won so far: ${referral.attributed_revenue}. A personal thank-you (a call, a card or a small gift) keeps referrals coming.`,
      assigneeId: owner.id,
      dueAt: addBusinessDays(at, 1, owner.time_zone),
      actorId: null,
    });
    await trx.updateTable('referrals').set({ thank_touch_id: touch.id }).where('account_id', '=', referral.account_id).where('id', '=', referral.id).execute();
    await appendEvent(trx, {
      type: 'referral.won',
      accountId: referral.account_id,
      subjectId: referral.id,
      payload: { title: `${referral.name} became a customer`, revenue: referral.attributed_revenue },
    });
  }
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
