import type { Db } from '../../platform/db.ts';
import { containsPattern } from '../../platform/search.ts';

/** Issues whose subject contains the text, newest first (trigram index of 0017_global_search.sql). */
export async function findIssues(db: Db, text: string, limit: number) {
  return db
    .selectFrom('issues')
    .innerJoin('accounts', 'accounts.id', 'issues.account_id')
    .select(['issues.id', 'issues.account_id', 'accounts.name as account_name', 'issues.title', 'issues.status', 'issues.severity'])
    .where('issues.title', 'ilike', containsPattern(text))
    .orderBy('issues.created_at', 'desc')
    .orderBy('issues.id')
    .limit(limit)
    .execute();
}

export type IssueMatch = Awaited<ReturnType<typeof findIssues>>[number];
