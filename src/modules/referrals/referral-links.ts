import type { Transaction } from 'kysely';
import { addDays, now } from '../../platform/clock.ts';
import type { Database } from '../../platform/db-schema.ts';
import type { MailLinks } from '../../platform/links.ts';
import { type PublicLink, preparePublicLink } from '../customer-links/index.ts';
import { referralLinkDays } from './referrals.schema.ts';

/** A referral form link for an email about to be written; store it once the email's touch exists. */
export function prepareReferralLink(accountId: string, sendAt: Date, links: MailLinks): PublicLink {
  return preparePublicLink('referral', accountId, addDays(sendAt, referralLinkDays), links);
}

export async function storeReferralLink(trx: Transaction<Database>, link: PublicLink, refs: { contactId: string | null; touchId: string | null }): Promise<void> {
  await trx
    .insertInto('referral_links')
    .values({ account_id: link.accountId, id: link.id, contact_id: refs.contactId, touch_id: refs.touchId, token_hash: link.tokenHash, created_at: now(), expires_at: link.expiresAt })
    .execute();
}

/** Whether a playbook step's email asks for the referral form link. */
export function mentionsReferralLink(...templates: string[]): boolean {
  return templates.some((t) => /\{\{\s*links\.referral\s*\}\}/.test(t));
}
