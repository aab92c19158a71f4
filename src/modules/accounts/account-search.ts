import { type Expression, type SqlBool, sql } from 'kysely';
import type { Db } from '../../platform/db.ts';
import { containsPattern } from '../../platform/search.ts';

/**
 * Below this many matching rows the matches are fetched by id and sorted; above it they are so
 * common that walking the accounts in name order finds a page of them after a few hundred rows.
 * Either way a search reads a bounded number of rows (bench: "account search").
 */
const FEW_MATCHES = 2000;

/** Trigrams need three characters; shorter text finds the accounts whose name begins with it. */
const MIN_WIDE_SEARCH = 3;

export type AccountSearch = { kind: 'ids'; ids: string[] } | { kind: 'filter'; where: Expression<SqlBool> };

/** A LIKE pattern for text at the start, with the user's % and _ taken literally. */
const prefixPattern = (text: string) => `${text.replace(/[\\%_]/g, '\\$&')}%`;

/** The account_search document (db/migrations/0020_account_search_document.sql) holds the text, or its phones the digits. */
function documentMatches(text: string) {
  const digits = text.replace(/\D/g, '');
  const phones = digits.length >= MIN_WIDE_SEARCH ? sql`or account_search.phones like ${`%${digits}%`}` : sql``;
  return sql<SqlBool>`(account_search.document like lower(${containsPattern(text)}) ${phones})`;
}

/**
 * What the account list's `q` matches: account names, tags and external ids, contact names, emails
 * and phones (digits only, so "030 1234" finds "+49 30 1234…"), and order numbers, anywhere in the
 * text, from one trigram-indexed document per account (decision 0021). One or two characters find
 * the accounts whose name begins with them, read in name order from the name index.
 */
export async function searchAccounts(db: Db, text: string): Promise<AccountSearch> {
  if (text.length < MIN_WIDE_SEARCH) {
    return { kind: 'filter', where: sql<SqlBool>`lower(accounts.name) like lower(${prefixPattern(text)})` };
  }
  const { rows } = await sql<{ id: string }>`
    select account_search.account_id as id from account_search where ${documentMatches(text)}
    union all select accounts.id from accounts where accounts.external_id = ${text}
    limit ${FEW_MATCHES + 1}`.execute(db);
  if (rows.length <= FEW_MATCHES) return { kind: 'ids', ids: [...new Set(rows.map((r) => r.id))] };
  return {
    kind: 'filter',
    where: sql<SqlBool>`(accounts.external_id = ${text}
      or exists (select from account_search where account_search.account_id = accounts.id and ${documentMatches(text)}))`,
  };
}
