import { type Expression, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Db } from '../../platform/db.ts';
import { keyset, type Page, type PageKey, type PageRequest } from '../../platform/paging.ts';
import { containsPattern } from '../../platform/search.ts';

/**
 * A search counts its matches up to this many. Up to it, a search reads all of them with their sort
 * key, counts them and sorts them (one trigram index read, no account rows); more are so common
 * that walking the search documents in name order finds a page of them after a few hundred rows
 * (bench: "account search"), and counting them exactly would read most of the documents for a
 * number nobody needs: the list says "more than 5,000" (decision 0043). It is high enough that a
 * word many names begin with ("Highland …", bunched together in name order) is sorted rather than
 * walked to.
 */
export const SEARCH_COUNT_LIMIT = 5000;

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

/** Up to SEARCH_COUNT_LIMIT + 1 matches: more than SEARCH_COUNT_LIMIT says the search is a common one. */
async function readMatches(db: Db, text: string) {
  const { rows } = await sql<{ id: string }>`
    select account_search.account_id as id from account_search
    where ${documentMatches(text)} limit ${SEARCH_COUNT_LIMIT + 1}`.execute(db);
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
  if (matches.length <= SEARCH_COUNT_LIMIT) return { kind: 'ids', ids: matches.map((m) => m.id) };
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

/** How many accounts a search found: exact up to SEARCH_COUNT_LIMIT, else "more than" it. */
export type SearchTotal = { total: number; total_exact: boolean };

const countedUpTo = (counted: number): SearchTotal =>
  counted > SEARCH_COUNT_LIMIT ? { total: SEARCH_COUNT_LIMIT, total_exact: false } : { total: counted, total_exact: true };

/**
 * Matches counted up to the limit, for a search whose matches are many: reading further would
 * only make a number the list shows as "more than 5,000" exact. `matching` selects a column:
 * Citus cannot plan a subquery with an empty select list.
 */
export async function countUpToLimit(db: Db, matching: RawBuilder<unknown>): Promise<SearchTotal> {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from (${matching} limit ${SEARCH_COUNT_LIMIT + 1}) as counted`.execute(db);
  return countedUpTo(rows[0]?.n ?? 0);
}

/**
 * One page of the ids of the accounts `q` finds, in the account list's order (lower(name), id),
 * with the list's cursor and how many match. The sort key lives in the search document, so a page
 * is cut before a single account row is read. One statement reads up to SEARCH_COUNT_LIMIT + 1
 * matches and, when they are no more, counts them and sorts them into the page; more are walked to
 * in name order, where a common word is found in the next rows.
 */
export async function searchAccountIdsPage(db: Db, text: string, filters: SearchFilters, request: PageRequest): Promise<Page<{ id: string }> & SearchTotal> {
  const keys: PageKey[] = [
    { by: sql`page_rows.name_key`, type: 'text' },
    { by: sql`page_rows.account_id`, type: 'uuid' },
  ];
  const set = keyset(keys, request);
  const inFilters = accountFilters(filters);
  const filtered = Boolean(filters.owner_id || filters.lifecycle);
  /** `many`: more than SEARCH_COUNT_LIMIT documents match, so without filters there is nothing to count. */
  const walkInNameOrder = async (where: RawBuilder<unknown>, many: boolean) => {
    const [{ rows }, total] = await Promise.all([
      sql<{ id: string }>`select page_rows.account_id as id, ${sql.join(set.keyColumns)} from account_search as page_rows
        where ${where} and ${set.after} ${inFilters} order by ${set.orderBy} limit ${set.take}`.execute(db),
      many && !filtered ? countedUpTo(SEARCH_COUNT_LIMIT + 1) : countUpToLimit(db, sql`select 1 from account_search as page_rows where ${where} ${inFilters}`),
    ]);
    return { ...set.toPage(rows), ...total };
  };
  if (text.length < MIN_WIDE_SEARCH) return walkInNameOrder(nameBegins(sql<string>`page_rows.name_key`, text), false);
  const { rows } = await sql<{ matched: number; counted: number; id: string | null }>`
    with matches as materialized (
      select account_id, name_key from account_search where ${documentMatches(text)} limit ${SEARCH_COUNT_LIMIT + 1})
    select counts.matched, counts.counted, page.* from (
      select (select count(*)::int from matches) as matched,
        (select count(*)::int from matches as page_rows where true ${inFilters}) as counted) as counts
    left join lateral (
      select page_rows.account_id as id, ${sql.join(set.keyColumns)} from matches as page_rows
      where ${set.after} ${inFilters} order by ${set.orderBy} limit ${set.take}) as page on true`.execute(db);
  const first = rows[0];
  if (first && first.matched <= SEARCH_COUNT_LIMIT) {
    const found = rows.flatMap(({ matched: _, counted: __, id, ...keyColumns }) => (id === null ? [] : [{ id, ...keyColumns }]));
    return { ...set.toPage(found), ...countedUpTo(first.counted) };
  }
  return walkInNameOrder(documentMatches(text, 'page_rows'), true);
}
