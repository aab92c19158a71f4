import { type Expression, type SqlBool, sql } from 'kysely';
import type { Db } from '../../platform/db.ts';
import { containsPattern } from '../../platform/search.ts';

/**
 * Below this many matching rows the matches are fetched by id and sorted; above it they are so
 * common that walking the accounts in name order finds a page of them after a few hundred rows.
 * Either way a search reads a bounded number of rows (bench: "account search").
 */
const FEW_MATCHES = 2000;

/** Trigrams need three characters; shorter text matches account names and tags only. */
const MIN_WIDE_SEARCH = 3;

export type AccountSearch = { kind: 'ids'; ids: string[] } | { kind: 'filter'; where: Expression<SqlBool> };

function searchTerms(text: string) {
  const pattern = containsPattern(text);
  const digits = text.replace(/\D/g, '');
  return { pattern, digitsPattern: digits.length >= MIN_WIDE_SEARCH ? `%${digits}%` : null };
}

const accountMatches = (text: string, pattern: string) =>
  sql<SqlBool>`(accounts.name ilike ${pattern} or account_tags_text(accounts.tags) ilike ${pattern} or accounts.external_id = ${text})`;

function contactMatches(pattern: string, digitsPattern: string | null) {
  const phone = digitsPattern ? sql`or (contacts.phone is not null and phone_digits(contacts.phone) like ${digitsPattern})` : sql``;
  return sql<SqlBool>`(contacts.name ilike ${pattern} or contacts.email ilike ${pattern} ${phone})`;
}

/**
 * What the account list's `q` matches: account names, tags and external ids, contact names, emails
 * and phones (digits only, so "030 1234" finds "+49 30 1234…"), and order numbers, anywhere in the
 * text. Each part is one trigram-indexed scan (db/migrations/0010_account_search.sql); their union
 * is read up to FEW_MATCHES rows to tell a rare search from a common one.
 */
export async function searchAccounts(db: Db, text: string): Promise<AccountSearch> {
  const { pattern, digitsPattern } = searchTerms(text);
  if (text.length < MIN_WIDE_SEARCH) return { kind: 'filter', where: accountMatches(text, pattern) };
  const { rows } = await sql<{ id: string }>`
    select accounts.id from accounts where ${accountMatches(text, pattern)}
    union all select contacts.account_id from contacts where ${contactMatches(pattern, digitsPattern)}
    union all select orders.account_id from orders where orders.number ilike ${pattern}
    limit ${FEW_MATCHES + 1}`.execute(db);
  if (rows.length <= FEW_MATCHES) return { kind: 'ids', ids: [...new Set(rows.map((r) => r.id))] };
  return {
    kind: 'filter',
    where: sql<SqlBool>`(${accountMatches(text, pattern)}
      or exists (select from contacts where contacts.account_id = accounts.id and ${contactMatches(pattern, digitsPattern)})
      or exists (select from orders where orders.account_id = accounts.id and orders.number ilike ${pattern}))`,
  };
}
