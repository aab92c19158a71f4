import { type Expression, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Db } from '../../platform/db.ts';
import { keyset, type Page, type PageKey, type PageRequest } from '../../platform/paging.ts';
import { containsPattern } from '../../platform/search.ts';

/**
 * Up to this many matching accounts a search reads all of them with their sort key and sorts them
 * (one trigram index read, no account rows); more are so common that walking the search documents
 * in name order finds a page of them after a few hundred rows (bench: "account search"). It is
 * high enough that a word many names begin with ("Highland …", bunched together in name order)
 * is sorted rather than walked to.
 */
const FEW_MATCHES = 5000;

/**
 * A common word (a tag on every tenth account) fills a page within the first rows in name order:
 * so many are read before counting the matches, which would read thousands of them.
 */
const WALK_FIRST = 1000;

/** Trigrams need three characters; shorter text finds the accounts whose name begins with it. */
const MIN_WIDE_SEARCH = 3;

export type AccountSearch = { kind: 'ids'; ids: string[] } | { kind: 'filter'; where: Expression<SqlBool> };

/**
 * Names that begin with the text: in name order, from the text up to the text with its last
 * letter one further ("bo" up to "bp"), which the name index reads as one range.
 */
function nameBegins(name: Expression<string>, text: string) {
  const from = sql<string>`lower(${text})`;
  return sql<SqlBool>`(${name} >= ${from} and ${name} < left(${from}, -1) || chr(ascii(right(${from}, 1)) + 1))`;
}

/**
 * The search document (db/migrations/0020_account_search_document.sql) holds the text, its phones
 * the digits, or the account's external id is the text exactly.
 */
function documentMatches(text: string, row: 'account_search' | 'page_rows' = 'account_search') {
  const digits = text.replace(/\D/g, '');
  const search = sql.raw(row);
  const phones = digits.length >= MIN_WIDE_SEARCH ? sql`or ${search}.phones like ${`%${digits}%`}` : sql``;
  return sql<SqlBool>`(${search}.document like lower(${containsPattern(text)}) ${phones}
    or ${search}.account_id = (select accounts.id from accounts where accounts.external_id = ${text}))`;
}

/** Up to FEW_MATCHES + 1 matches with their sort key: more than FEW_MATCHES says the search is a common one. */
async function readMatches(db: Db, text: string) {
  const { rows } = await sql<{ id: string; name_key: string }>`
    select account_search.account_id as id, account_search.name_key from account_search
    where ${documentMatches(text)} limit ${FEW_MATCHES + 1}`.execute(db);
  return rows;
}

/**
 * What the account list's `q` matches: account names, tags and external ids, contact names, emails
 * and phones (digits only, so "030 1234" finds "+49 30 1234…"), and order numbers, anywhere in the
 * text, from one trigram-indexed document per account (decision 0021). One or two characters find
 * the accounts whose name begins with them. The answer is the matching ids when there are few, or
 * a condition on `accounts` when there are many.
 */
export async function searchAccounts(db: Db, text: string): Promise<AccountSearch> {
  if (text.length < MIN_WIDE_SEARCH) return { kind: 'filter', where: nameBegins(sql<string>`lower(accounts.name)`, text) };
  const matches = await readMatches(db, text);
  if (matches.length <= FEW_MATCHES) return { kind: 'ids', ids: matches.map((m) => m.id) };
  return { kind: 'filter', where: sql<SqlBool>`exists (select from account_search where account_search.account_id = accounts.id and ${documentMatches(text)})` };
}

export type SearchFilters = { owner_id?: string | undefined; lifecycle?: string | undefined };

/**
 * The account list's owner and lifecycle filters, on the account a search row belongs to. An
 * uncorrelated `in`, not a correlated `exists`: the page rows may be a cut (`limit`) of the search
 * documents or a list of ids, which Citus cannot correlate a distributed subquery with; the set of
 * the owner's accounts it reads once, and one server plans either as the same semi-join.
 */
function accountFilters(filters: SearchFilters): RawBuilder<unknown> {
  const conditions = [
    ...(filters.owner_id ? [sql`accounts.owner_id = ${filters.owner_id}`] : []),
    ...(filters.lifecycle ? [sql`accounts.lifecycle = ${filters.lifecycle}`] : []),
  ];
  if (conditions.length === 0) return sql``;
  return sql`and page_rows.account_id in (select accounts.id from accounts where ${sql.join(conditions, sql` and `)})`;
}

/**
 * One page of the ids of the accounts `q` finds, in the account list's order (lower(name), id),
 * with the list's cursor. The sort key lives in the search document, so a page is cut before a
 * single account row is read: a common word is found in the next rows in name order, few matches
 * are sorted as read, and many bunched together are walked to in name order.
 */
export async function searchAccountIdsPage(db: Db, text: string, filters: SearchFilters, request: PageRequest): Promise<Page<{ id: string }>> {
  const keys: PageKey[] = [
    { by: sql`page_rows.name_key`, type: 'text' },
    { by: sql`page_rows.account_id`, type: 'uuid' },
  ];
  const set = keyset(keys, request);
  const page = (from: RawBuilder<unknown>, where: RawBuilder<unknown>) =>
    sql<{ id: string }>`select page_rows.account_id as id, ${sql.join(set.keyColumns)} from ${from}
      where ${where} and ${set.after} ${accountFilters(filters)} order by ${set.orderBy} limit ${set.take}`.execute(db);
  if (text.length < MIN_WIDE_SEARCH) {
    const { rows } = await page(sql`account_search as page_rows`, nameBegins(sql<string>`page_rows.name_key`, text));
    return set.toPage(rows);
  }
  const nextInOrder = sql`(select * from account_search as page_rows where ${set.after} order by ${set.orderBy} limit ${WALK_FIRST}) as page_rows`;
  const common = await page(nextInOrder, documentMatches(text, 'page_rows'));
  if (common.rows.length === set.take) return set.toPage(common.rows);
  const matches = await readMatches(db, text);
  if (matches.length <= FEW_MATCHES) {
    const ids = matches.map((m) => m.id);
    const nameKeys = matches.map((m) => m.name_key);
    const { rows } = await page(sql`unnest(${ids}::uuid[], ${nameKeys}::text[]) as page_rows (account_id, name_key)`, sql`true`);
    return set.toPage(rows);
  }
  const { rows } = await page(sql`account_search as page_rows`, documentMatches(text, 'page_rows'));
  return set.toPage(rows);
}
