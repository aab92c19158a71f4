import { sql } from 'kysely';
import type { Db } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { preparedQuery } from '../../platform/prepared-query.ts';

/**
 * The as-of date of the newest scores, whose view every page and list shows: read once, on its own
 * (on Citus from every shard's as_of index), so the account's own query stays on its shard.
 */
const newestScores = preparedQuery((db: Db) => db.selectFrom('account_scores').select(sql<string | null>`max(as_of)::text`.as('as_of')));

export async function latestScoringDate(db: Db): Promise<string | null> {
  const [row] = await newestScores(db, {});
  return row?.as_of ?? null;
}

/**
 * Accounts with their owners, last order and latest scores. `onlyAccount` names the one account a
 * page shows: its subqueries then say so too, which is what lets Citus keep the query on one shard.
 */
export function accountSummaries(db: Db, scoredOn: string | null, onlyAccount?: string) {
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
        .$if(onlyAccount !== undefined, (q) => q.where('orders.account_id', '=', onlyAccount ?? ''))
        .as('last_order_at'),
      // The latest scoring run's view; null until the account has been scored (it has no orders yet).
      scoredOn === null
        ? sql<number | null>`null::smallint`.as('health')
        : eb
            .selectFrom('account_scores')
            .select('account_scores.health')
            .whereRef('account_scores.account_id', '=', 'accounts.id')
            .$if(onlyAccount !== undefined, (q) => q.where('account_scores.account_id', '=', onlyAccount ?? ''))
            .where(sql<boolean>`account_scores.as_of = ${scoredOn}::date`)
            .as('health'),
      scoredOn === null
        ? sql<string | null>`null::text`.as('segment')
        : eb
            .selectFrom('account_scores')
            .select('account_scores.segment')
            .whereRef('account_scores.account_id', '=', 'accounts.id')
            .$if(onlyAccount !== undefined, (q) => q.where('account_scores.account_id', '=', onlyAccount ?? ''))
            .where(sql<boolean>`account_scores.as_of = ${scoredOn}::date`)
            .as('segment'),
    ]);
}

export type AccountSummary = Awaited<ReturnType<ReturnType<typeof accountSummaries>['executeTakeFirstOrThrow']>>;

const accountPage = preparedQuery((db: Db, { id, scoredOn }: { id: string; scoredOn: string | null }) =>
  accountSummaries(db, scoredOn, id)
    .select(['accounts.interests', 'accounts.billing', 'accounts.preferences', 'accounts.updated_at'])
    .where('accounts.id', '=', id),
);

const accountContacts = preparedQuery((db: Db, { id }: { id: string }) =>
  db
    .selectFrom('contacts')
    .select(['id', 'name', 'email', 'phone', 'title', 'postal_address', 'newsletter_consent', 'unsubscribed_at'])
    .where('account_id', '=', id)
    .orderBy('name'),
);

export async function getAccount(db: Db, id: string) {
  const [account] = await accountPage(db, { id, scoredOn: await latestScoringDate(db) });
  if (!account) throw notFound('Account');
  const contacts = await accountContacts(db, { id });
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

// Prepared: the timeline, a hot read, asks it first on every page.
const accountIdOf = preparedQuery((db: Db, { id }: { id: string }) => db.selectFrom('accounts').select('id').where('id', '=', id));

export async function assertAccountExists(db: Db, id: string): Promise<void> {
  const [row] = await accountIdOf(db, { id });
  if (!row) throw notFound('Account');
}
