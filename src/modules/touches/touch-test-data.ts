// A done touch written straight into the table for tests of what reads touches (scoring, health):
// there the contact's date matters, not how it was logged. It lives here because this module is
// the only writer of touch rows.

import type { Db } from '../../platform/db.ts';

export async function insertDoneTouch(db: Db, accountId: string, on: string): Promise<void> {
  await db
    .insertInto('touches')
    .values({ account_id: accountId, kind: 'call', subject: 'Check-in', status: 'done', done_at: `${on}T15:00:00Z`, created_at: `${on}T09:00:00Z` })
    .execute();
}
