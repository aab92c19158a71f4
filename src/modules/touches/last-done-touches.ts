import { sql } from 'kysely';
import type { Db } from '../../platform/db.ts';

/** Accounts with ids in (afterId, throughId]: one chunk of a pass over all accounts in id order. */
export type AccountIdRange = { afterId: string; throughId: string };

/**
 * For the health score: per account of the range, whole days from its last touch done by the end of
 * a UTC day to that day; accounts without one are absent. Nearly every account has one, so scoring
 * reads them a range at a time beside the range's orders, not all at once: a map of every account
 * raised the peak memory of a run of 1M accounts by 200-400 MB (decision 0045). Grouped by the
 * distribution column, Citus runs it on the shards.
 */
export async function lastDoneTouchAges(db: Db, chunk: { asOf: string; range: AccountIdRange }): Promise<Map<string, number>> {
  const { asOf, range } = chunk;
  const { rows } = await sql<{ account_id: string; days: number }>`
    select account_id, ${asOf}::date - (max(done_at) at time zone 'UTC')::date as days
    from touches
    where account_id > ${range.afterId}::uuid and account_id <= ${range.throughId}::uuid
      and status = 'done' and done_at < ((${asOf}::date + 1)::timestamp at time zone 'UTC')
    group by account_id`.execute(db);
  return new Map(rows.map((row) => [row.account_id, row.days]));
}
