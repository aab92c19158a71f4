import { type Expression, type SqlBool, sql } from 'kysely';
import type { Db } from '../../platform/db.ts';
import { keysetPage, type Page, type PageKey } from '../../platform/paging.ts';
import { searchAccountIdsPage, searchAccounts } from './account-search.ts';
import { accountSummaries, type AccountSummary, latestScoringDate } from './accounts.queries.ts';
import { type AccountSort, type HealthBand, type ListAccountsQuery, listAccountsQuery } from './accounts.schema.ts';

/** A page of accounts and how many accounts match the filters in all, so the list can say "128 accounts", not "50+". */
export type AccountList = Page<AccountSummary> & { total: number };

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

/** The conditions of every filter in the query; the page and the total count share them. */
async function accountFilters(db: Db, query: Omit<ListAccountsQuery, 'sort'>): Promise<Expression<SqlBool>[] | null> {
  const where: Expression<SqlBool>[] = [];
  if (query.q) {
    const search = await searchAccounts(db, query.q);
    if (search.kind === 'ids' && search.ids.length === 0) return null;
    where.push(search.kind === 'ids' ? sql<SqlBool>`accounts.id = any(${search.ids}::uuid[])` : search.where);
  }
  if (query.owner_id) where.push(sql<SqlBool>`accounts.owner_id = ${query.owner_id}`);
  if (query.lifecycle) where.push(sql<SqlBool>`accounts.lifecycle = ${query.lifecycle}`);
  if (query.tag) where.push(sql<SqlBool>`accounts.tags @> array[${query.tag}]::text[]`);
  if (query.segment || query.health) {
    const [low, high] = query.health ? bandRange[query.health] : [0, 100];
    where.push(sql<SqlBool>`exists (select from account_scores s where s.account_id = accounts.id
      and s.as_of = (select max(as_of) from account_scores)
      and s.health between ${low} and ${high}
      ${query.segment ? sql`and s.segment = ${query.segment}` : sql``})`);
  }
  if (query.no_next_touch) {
    where.push(sql<SqlBool>`not exists (select from touches t where t.account_id = accounts.id and t.status = 'planned')`);
  }
  return where;
}

/**
 * Accounts filtered and sorted as the list asks, keyset-paged so deep pages cost what the first
 * does. `q` finds what searchAccounts finds. By name the page is read from the (lower(name), id)
 * index; the other orders compute their key per matching account.
 */
export async function listAccounts(db: Db, query: Omit<ListAccountsQuery, 'sort'> & { sort?: AccountSort }): Promise<AccountList> {
  const where = await accountFilters(db, query);
  if (where === null) return { items: [], total: 0 };
  const all = sql<SqlBool>`${sql.join(where.length > 0 ? where : [sql`true`], sql` and `)}`;
  const total = db.selectFrom('accounts').select((eb) => eb.fn.countAll<string>().as('n')).where(all).executeTakeFirstOrThrow();
  const [page, count] = await Promise.all([searchedByName(query) ? pageOfFoundAccounts(db, query) : keysetPage(accountSummaries(db, await latestScoringDate(db)).where(all), sortKeys[query.sort ?? 'name'], query), total]);
  return { ...page, total: Number(count.n) };
}

/** A search in name order with at most the owner and lifecycle filters: the page is cut from the search documents (decision 0021). */
const searchedByName = (query: Omit<ListAccountsQuery, 'sort'> & { sort?: AccountSort }): query is typeof query & { q: string } =>
  Boolean(query.q) && (query.sort ?? 'name') === 'name' && !query.tag && !query.segment && !query.health && !query.no_next_touch;

/** The same order and cursors as the name sort, so a page found this way continues either way. */
async function pageOfFoundAccounts(db: Db, query: Omit<ListAccountsQuery, 'sort'> & { q: string }): Promise<Page<AccountSummary>> {
  const page = await searchAccountIdsPage(db, query.q, { owner_id: query.owner_id, lifecycle: query.lifecycle }, query);
  if (page.items.length === 0) return { items: [] };
  const ids = page.items.map((a) => a.id);
  const items = await accountSummaries(db, await latestScoringDate(db)).where('accounts.id', 'in', ids).orderBy(sql`lower(accounts.name)`).orderBy('accounts.id').execute();
  return page.next ? { items, next: page.next } : { items };
}
