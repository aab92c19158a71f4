import { sql, type Transaction } from 'kysely';
import { now } from '../../platform/clock.ts';
import type { Database } from '../../platform/db-schema.ts';
import type { Db } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { appendEvent } from '../../platform/events.ts';
import { addBusinessDays } from '../../platform/working-time.ts';
import { refreshAccountSearch } from '../accounts/index.ts';
import { planTouchInTransaction } from '../touches/index.ts';
import type { CreateReferralsInput, ReferredPerson } from './referrals.schema.ts';

export type ReferralSource = { referrerAccountId: string; referrerContactId: string | null; linkId: string | null; actorId: string | null };

/**
 * Who owns the new prospects: the referrer's own salesperson, who knows the relationship; if they
 * left, the salesperson with the fewest open deals, and failing that a manager. Never service.
 */
export async function referralDealOwner(trx: Transaction<Database>, ownerId: string | null) {
  return trx
    .selectFrom('users')
    // Counts grouped first, then joined: Citus runs no subquery per user row over a distributed table.
    .leftJoin(
      (eb) => eb.selectFrom('deals').select('owner_id').select((c) => c.fn.countAll<string>().as('n')).where('status', '=', 'open').groupBy('owner_id').as('load'),
      (join) => join.onRef('load.owner_id', '=', 'users.id'),
    )
    .select(['users.id', 'users.time_zone'])
    .where('users.active', '=', true)
    .where('users.role', 'in', ['sales', 'manager', 'admin'])
    .orderBy(sql`users.id = ${ownerId ?? '00000000-0000-0000-0000-000000000000'}::uuid`, 'desc')
    .orderBy(sql`users.role = 'sales'`, 'desc')
    .orderBy(sql`coalesce(load.n, 0)`)
    .orderBy('users.id')
    .limit(1)
    .executeTakeFirst();
}

/**
 * Each recommended person becomes a prospect account with a contact and a deal owned by the
 * referrer's salesperson, whose first call is planned for the next business day; the referral links
 * them to the referrer. One referral.received event tells the playbooks (a thank-you to the referrer).
 */
export async function recordReferralsInTransaction(trx: Transaction<Database>, source: ReferralSource, people: ReferredPerson[]) {
  const referrer = await trx.selectFrom('accounts').select(['id', 'name', 'owner_id']).where('id', '=', source.referrerAccountId).executeTakeFirstOrThrow();
  const owner = await referralDealOwner(trx, referrer.owner_id);
  if (!owner) throw new AppError('unprocessable', 'No active salesperson or manager can own the new prospects', 'account_id');
  const at = now();
  const created = [];
  for (const person of people) {
    const account = await trx
      .insertInto('accounts')
      .values({ name: person.company || person.name, kind: person.company ? 'company' : 'person', owner_id: owner.id, tags: ['referral'], created_at: at, updated_at: at })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendEvent(trx, { type: 'account.created', accountId: account.id, subjectId: account.id, actorId: source.actorId });
    const contact = await trx.insertInto('contacts').values({ account_id: account.id, name: person.name, email: person.email }).returning('id').executeTakeFirstOrThrow();
    await refreshAccountSearch(trx, [account.id]);
    const deal = await trx
      .insertInto('deals')
      .values({ account_id: account.id, title: `Referral from ${referrer.name}`, owner_id: owner.id, created_at: at, updated_at: at })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendEvent(trx, { type: 'deal.created', accountId: account.id, subjectId: deal.id, actorId: source.actorId, payload: { title: `Referral from ${referrer.name}` } });
    await planTouchInTransaction(trx, {
      accountId: account.id,
      kind: 'call',
      subject: `Call ${person.name}, recommended by ${referrer.name}`,
      notes: person.note,
      dealId: deal.id,
      contactId: contact.id,
      assigneeId: owner.id,
      dueAt: addBusinessDays(at, 1, owner.time_zone),
      actorId: source.actorId,
    });
    created.push(
      await trx
        .insertInto('referrals')
        .values({
          account_id: referrer.id,
          referrer_contact_id: source.referrerContactId,
          link_id: source.linkId,
          name: person.name,
          email: person.email,
          company: person.company ?? null,
          note: person.note ?? null,
          referred_account_id: account.id,
          deal_id: deal.id,
          created_at: at,
          updated_at: at,
        })
        .returningAll()
        .executeTakeFirstOrThrow(),
    );
  }
  await appendEvent(trx, {
    type: 'referral.received',
    accountId: referrer.id,
    actorId: source.actorId,
    payload: { title: `Recommended ${people.map((p) => p.name).join(', ')}`, names: people.map((p) => p.name), count: people.length, referral_ids: created.map((r) => r.id) },
  });
  return created;
}

/** Records referrals a colleague heard about (a call, a meeting), the same way as the public form. */
export async function createReferrals(db: Db, input: CreateReferralsInput, actorId: string) {
  return db.transaction().execute(async (trx) => {
    const account = await trx.selectFrom('accounts').select('id').where('id', '=', input.account_id).executeTakeFirst();
    if (!account) throw new AppError('unprocessable', `No account with id ${input.account_id}`, 'account_id');
    if (input.contact_id) {
      const contact = await trx.selectFrom('contacts').select('id').where('account_id', '=', input.account_id).where('id', '=', input.contact_id).executeTakeFirst();
      if (!contact) throw new AppError('unprocessable', 'No contact with this id on the account', 'contact_id');
    }
    const source = { referrerAccountId: input.account_id, referrerContactId: input.contact_id ?? null, linkId: null, actorId };
    return recordReferralsInTransaction(trx, source, input.people);
  });
}
