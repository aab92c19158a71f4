import type { Db } from '../../platform/db.ts';
import { containsPattern } from '../../platform/search.ts';

/** Deals whose title contains the text, open ones first (trigram index of 0017_global_search.sql). */
export async function findDeals(db: Db, text: string, limit: number) {
  return db
    .selectFrom('deals')
    .innerJoin('accounts', 'accounts.id', 'deals.account_id')
    .select(['deals.id', 'deals.account_id', 'accounts.name as account_name', 'deals.title', 'deals.stage', 'deals.status'])
    .where('deals.title', 'ilike', containsPattern(text))
    .orderBy((eb) => eb.case().when('deals.status', '=', 'open').then(0).else(1).end())
    .orderBy('deals.title')
    .orderBy('deals.id')
    .limit(limit)
    .execute();
}

export type DealMatch = Awaited<ReturnType<typeof findDeals>>[number];
