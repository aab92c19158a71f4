import { sql } from 'kysely';
import type { Db } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { keysetPage, type Page } from '../../platform/paging.ts';
import { searchAccountIdsPage } from './account-search.ts';
import type { ListAccountsQuery } from './accounts.schema.ts';

function accountSummaries(db: Db) {
  return db
    .selectFrom('accounts')
    .leftJoin('users as owner', 'owner.id', 'accounts.owner_id')
    .leftJoin('users as service_owner', 'service_owner.id', 'accounts.service_owner_id')
    .select((eb) => [
      'accounts.id',
      'accounts.name',
      'accounts.kind',
      'accounts.lifecycle',
      'accounts.external_id',
      'accounts.owner_id',
      'owner.name as owner_name',
      'accounts.service_owner_id',
      'service_owner.name as service_owner_name',
      'accounts.tags',
      'accounts.created_at',
      eb
        .selectFrom('orders')
        .select((o) => o.fn.max('orders.placed_at').as('m'))
        .whereRef('orders.account_id', '=', 'accounts.id')
        .as('last_order_at'),
    ]);
}

export type AccountSummary = Awaited<ReturnType<ReturnType<typeof accountSummaries>['executeTakeFirstOrThrow']>>;

/** Accounts by name, keyset-paged on (lower(name), id) so deep pages stay as fast as the first. */
export async function listAccounts(db: Db, query: ListAccountsQuery): Promise<Page<AccountSummary>> {
  if (query.q) return listFoundAccounts(db, query.q, query);
  let q = accountSummaries(db);
  if (query.owner_id) q = q.where('accounts.owner_id', '=', query.owner_id);
  if (query.lifecycle) q = q.where('accounts.lifecycle', '=', query.lifecycle);
  return keysetPage(
    q,
    [
      { by: sql`lower(accounts.name)`, type: 'text' },
      { by: 'accounts.id', type: 'uuid' },
    ],
    query,
  );
}

/** What `q` finds (see searchAccounts), in the same order and with the same cursors: the page is cut from the search documents first. */
async function listFoundAccounts(db: Db, text: string, query: ListAccountsQuery): Promise<Page<AccountSummary>> {
  const page = await searchAccountIdsPage(db, text, query, query);
  if (page.items.length === 0) return { items: [] };
  const items = await accountSummaries(db)
    .where(
      'accounts.id',
      'in',
      page.items.map((a) => a.id),
    )
    .orderBy(sql`lower(accounts.name)`)
    .orderBy('accounts.id')
    .execute();
  return page.next ? { items, next: page.next } : { items };
}

export async function getAccount(db: Db, id: string) {
  const account = await accountSummaries(db)
    .select(['accounts.interests', 'accounts.billing', 'accounts.preferences', 'accounts.updated_at'])
    .where('accounts.id', '=', id)
    .executeTakeFirst();
  if (!account) throw notFound('Account');
  const contacts = await db
    .selectFrom('contacts')
    .select(['id', 'name', 'email', 'phone', 'title', 'postal_address', 'newsletter_consent', 'unsubscribed_at'])
    .where('account_id', '=', id)
    .orderBy('name')
    .execute();
  return { ...account, contacts };
}

/** An account a request refers to by id in its body; a wrong id is the client's field to fix (422). */
export async function requireAccount(db: Db, id: string, field = 'account_id') {
  const account = await db
    .selectFrom('accounts')
    .select(['id', 'name', 'lifecycle', 'owner_id', 'service_owner_id', 'billing'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!account) throw new AppError('unprocessable', `No account with id ${id}`, field);
  return account;
}

export async function assertAccountExists(db: Db, id: string): Promise<void> {
  const row = await db.selectFrom('accounts').select('id').where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Account');
}
