import { sql } from 'kysely';
import type { Db } from '../../platform/db.ts';
import { containsPattern } from '../../platform/search.ts';

/** Digits are compared alone, so "030 1234" finds "+49 30 1234…"; fewer than three match too much. */
const MIN_PHONE_DIGITS = 3;

/**
 * Contacts whose name, email or phone contains the text, for global search: each condition is one
 * of the trigram indexes of db/migrations/0010_account_search.sql.
 */
export async function findContacts(db: Db, text: string, limit: number) {
  const pattern = containsPattern(text);
  const digits = text.replace(/\D/g, '');
  return db
    .selectFrom('contacts')
    .innerJoin('accounts', 'accounts.id', 'contacts.account_id')
    .select(['contacts.id', 'contacts.account_id', 'accounts.name as account_name', 'contacts.name', 'contacts.email', 'contacts.phone'])
    .where((eb) => {
      const matches = [eb('contacts.name', 'ilike', pattern), eb('contacts.email', 'ilike', pattern)];
      if (digits.length >= MIN_PHONE_DIGITS) {
        matches.push(eb.and([eb('contacts.phone', 'is not', null), sql<boolean>`phone_digits(contacts.phone) like ${`%${digits}%`}`]));
      }
      return eb.or(matches);
    })
    .orderBy('contacts.name')
    .orderBy('contacts.id')
    .limit(limit)
    .execute();
}

export type ContactMatch = Awaited<ReturnType<typeof findContacts>>[number];
