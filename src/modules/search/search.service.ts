import type { Db } from '../../platform/db.ts';
import { listAccounts } from '../accounts/index.ts';
import { findContacts } from '../contacts/index.ts';
import { findDeals } from '../deals/index.ts';
import { findIssues } from '../issues/index.ts';
import { findOrders } from '../orders/index.ts';
import type { SearchQuery } from './search.schema.ts';

/**
 * Everything the search box finds, grouped by kind. Accounts match as the account list's search
 * does (names, tags, contacts' emails and phones, order numbers); the other groups name the record
 * itself. The groups are read one after another: PGlite has a single session, and each is an index read.
 */
export async function searchEverything(db: Db, { q, limit }: SearchQuery) {
  const accounts = (await listAccounts(db, { q, limit })).items.map((a) => ({ id: a.id, name: a.name, lifecycle: a.lifecycle, tags: a.tags }));
  const contacts = await findContacts(db, q, limit);
  const deals = await findDeals(db, q, limit);
  const orders = await findOrders(db, q, limit);
  const issues = await findIssues(db, q, limit);
  return { query: q, accounts, contacts, deals, orders, issues };
}

export type SearchResults = Awaited<ReturnType<typeof searchEverything>>;
