import { type Expression, type SqlBool, sql } from 'kysely';
import type { Db } from '../../platform/db.ts';
import { keysetPage, type Page, type PageKey, preparedKeysetPage } from '../../platform/paging.ts';
import { preparedQuery } from '../../platform/prepared-query.ts';
import { countUpToLimit, type SearchTotal, searchAccountIdsPage, searchAccounts } from './account-search.ts';
import { accountSummaries, type AccountSummary, latestScoringDate } from './accounts.queries.ts';
import { type AccountSort, type HealthBand, type ListAccountsQuery, listAccountsQuery } from './accounts.schema.ts';

/**
 * A page of accounts and how many accounts match the filters in all, so the list can say "128
 * accounts", not "50+". A search counts up to SEARCH_COUNT_LIMIT matches (`total_exact` false beyond).
 */
export type AccountList = Page<AccountSummary> & SearchTotal;

const lastOrderAt = sql`(select max(o.placed_at) from orders o where o.account_id = accounts.id)`;
const latestHealth = sql`(select s.health from account_scores s where s.account_id = accounts.id
  and s.as_of = (select max(as_of) from account_scores))`;

const byName: PageKey = { by: sql`lower(accounts.name)`, type: 'text' };
const byId: PageKey = { by: 'accounts.id', type: 'uuid' };

// Keys must never be null: an account without orders, a score or an owner sorts after those with one.
const sortKeys: Record<AccountSort, readonly PageKey[]> = {
  name: [byName, byId],
  last_order: [
    { by: sql`coalesce(${lastOrderAt}, '1970-01-01T00:00:00Z'::timestamptz)`, type: 'timestamptz', order: 'desc' },
    byName,
    byId,
  ],
  // Weakest first: the list is sorted by health to find who needs help.
  health: [
    { by: sql`coalesce(${latestHealth}, 101)`, type: 'bigint' },
    byName,
    byId,
  ],
  owner: [
    { by: sql`coalesce((select lower(u.name) from users u where u.id = accounts.owner_id), '~')`, type: 'text' },
    byName,
    byId,
  ],
};

const bandRange: Record<HealthBand, [number, number]> = { healthy: [70, 100], watch: [40, 69], at_risk: [0, 39] };

/** The list's filters and sort without its paging: what a download of the list as shown takes. */
export const accountListFilters = listAccountsQuery.omit({ limit: true, cursor: true }).strict();

/** The filters' values, as the prepared page and count take them: a filter not asked for is undefined. */
type FilterValues = {
  owner_id: string | undefined;
  lifecycle: ListAccountsQuery['lifecycle'];
  tag: string | undefined;
  segment: ListAccountsQuery['segment'];
  low: number | undefined;
  high: number | undefined;
  no_next_touch: true | undefined;
};

function filterValues(query: Omit<ListAccountsQuery, 'sort'>): FilterValues {
  const [low, high] = query.health ? bandRange[query.health] : query.segment ? [0, 100] : [undefined, undefined];
  return { owner_id: query.owner_id, lifecycle: query.lifecycle, tag: query.tag, segment: query.segment, low, high, no_next_touch: query.no_next_touch || undefined };
}

/** The conditions of the filters other than `q`; the page and the total count share them. */
function filterConditions(values: FilterValues): Expression<SqlBool>[] {
  const where: Expression<SqlBool>[] = [];
  if (values.owner_id) where.push(sql<SqlBool>`accounts.owner_id = ${values.owner_id}`);
  if (values.lifecycle) where.push(sql<SqlBool>`accounts.lifecycle = ${values.lifecycle}`);
  if (values.tag) where.push(sql<SqlBool>`accounts.tags @> array[${values.tag}]::text[]`);
  if (values.low !== undefined) {
    where.push(sql<SqlBool>`exists (select from account_scores s where s.account_id = accounts.id
      and s.as_of = (select max(as_of) from account_scores)
      and s.health between ${values.low} and ${values.high}
      ${values.segment ? sql`and s.segment = ${values.segment}` : sql``})`);
  }
  if (values.no_next_touch) {
    where.push(sql<SqlBool>`not exists (select from touches t where t.account_id = accounts.id and t.status = 'planned')`);
  }
  return where;
}

const allOf = (where: Expression<SqlBool>[]) => sql<SqlBool>`${sql.join(where.length > 0 ? where : [sql`true`], sql` and `)}`;

// The list as the app opens it, without a search: prepared once per sort and set of filters.
const countOfAccounts = preparedQuery((db: Db, values: FilterValues) =>
  db.selectFrom('accounts').select((eb) => eb.fn.countAll<string>().as('n')).where(allOf(filterConditions(values))),
);
const pageOf = (sort: AccountSort) =>
  preparedKeysetPage(sortKeys[sort], (db: Db, { scoredOn, ...values }: FilterValues & { scoredOn: string | null }) =>
    accountSummaries(db, scoredOn).where(allOf(filterConditions(values))),
  );
const pagesOfAccounts = { name: pageOf('name'), last_order: pageOf('last_order'), health: pageOf('health'), owner: pageOf('owner') };

/**
 * Accounts filtered and sorted as the list asks, keyset-paged so deep pages cost what the first
 * does. `q` finds what searchAccounts finds. By name the page is read from the (lower(name), id)
 * index; the other orders compute their key per matching account.
 */
export async function listAccounts(db: Db, query: Omit<ListAccountsQuery, 'sort'> & { sort?: AccountSort }): Promise<AccountList> {
  const values = filterValues(query);
  if (!query.q) {
    const total = countOfAccounts(db, values);
    const [page, [count]] = await Promise.all([pagesOfAccounts[query.sort ?? 'name'](db, { ...values, scoredOn: await latestScoringDate(db) }, query), total]);
    return { ...page, total: Number(count?.n ?? 0), total_exact: true };
  }
  if (searchedByName(query)) return pageOfFoundAccounts(db, query);
  const search = await searchAccounts(db, query.q);
  if (search.kind === 'ids' && search.ids.length === 0) return { items: [], total: 0, total_exact: true };
  const all = allOf([search.kind === 'ids' ? sql<SqlBool>`accounts.id = any(${search.ids}::uuid[])` : search.where, ...filterConditions(values)]);
  const [page, total] = await Promise.all([
    keysetPage(accountSummaries(db, await latestScoringDate(db)).where(all), sortKeys[query.sort ?? 'name'], query),
    countUpToLimit(db, sql`select 1 from accounts where ${all}`),
  ]);
  return { ...page, ...total };
}

/** A search in name order with at most the owner and lifecycle filters: the page is cut from the search documents (decision 0021). */
const searchedByName = (query: Omit<ListAccountsQuery, 'sort'> & { sort?: AccountSort }): query is typeof query & { q: string } =>
  Boolean(query.q) && (query.sort ?? 'name') === 'name' && !query.tag && !query.segment && !query.health && !query.no_next_touch;

/** The same order and cursors as the name sort, so a page found this way continues either way. */
async function pageOfFoundAccounts(db: Db, query: Omit<ListAccountsQuery, 'sort'> & { q: string }): Promise<AccountList> {
  const { items: found, next, ...total } = await searchAccountIdsPage(db, query.q, { owner_id: query.owner_id, lifecycle: query.lifecycle }, query);
  if (found.length === 0) return { items: [], ...total };
  const ids = found.map((a) => a.id);
  const items = await accountSummaries(db, await latestScoringDate(db)).where('accounts.id', 'in', ids).orderBy(sql`lower(accounts.name)`).orderBy('accounts.id').execute();
  return next ? { items, next, ...total } : { items, ...total };
}
