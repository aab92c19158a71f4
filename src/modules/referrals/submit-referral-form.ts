import { now } from '../../platform/clock.ts';
import type { Db } from '../../platform/db.ts';
import { type LinkCheck, readPublicLink, tokenMatches } from '../customer-links/index.ts';
import { recordReferralsInTransaction } from './record-referrals.ts';
import type { ReferredPerson } from './referrals.schema.ts';

export type ReferralLinkState = { status: 'invalid' | 'expired' | 'used' | 'open' };
export type ReferralSubmitResult = ReferralLinkState | { status: 'thanks'; count: number } | { status: 'form_error'; message: string };

async function linkState(db: Db, link: LinkCheck, token: string, lock: boolean) {
  if (!link.ok) return { state: { status: link.reason } as const };
  let q = db.selectFrom('referral_links').selectAll().where('account_id', '=', link.accountId).where('id', '=', link.id);
  if (lock) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row || !tokenMatches(token, row.token_hash)) return { state: { status: 'invalid' } as const };
  if (row.used_at) return { state: { status: 'used' } as const };
  if (row.expires_at < now()) return { state: { status: 'expired' } as const };
  return { state: { status: 'open' } as const, row };
}

export async function checkReferralLink(db: Db, token: string): Promise<ReferralLinkState> {
  return (await linkState(db, await readPublicLink(db, 'referral', token), token, false)).state;
}

/** Records the people a customer recommended through their link, once; the link is then used up. */
export async function submitReferralForm(db: Db, token: string, form: { people: ReferredPerson[]; error: string | null }): Promise<ReferralSubmitResult> {
  const link = await readPublicLink(db, 'referral', token);
  return db.transaction().execute(async (trx): Promise<ReferralSubmitResult> => {
    const { state, row } = await linkState(trx, link, token, true);
    if (state.status !== 'open' || !row) return state;
    if (form.error) return { status: 'form_error', message: form.error };
    await trx.updateTable('referral_links').set({ used_at: now() }).where('account_id', '=', row.account_id).where('id', '=', row.id).execute();
    const source = { referrerAccountId: row.account_id, referrerContactId: row.contact_id, linkId: row.id, actorId: null };
    const created = await recordReferralsInTransaction(trx, source, form.people);
    return { status: 'thanks', count: created.length };
  });
}
