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
  // One row of two aligned lists (the aggregates of one row see the rows in the same order) rather
  // than a row per account: 10,000 `pg` row objects a chunk cost Node far more than the statement
  // costs the server. The inner statement is still grouped by account, so Citus pushes it down.
  const { rows } = await sql<{ account_ids: string | null; days: string | null }>`
    select string_agg(account_id::text, ',') as account_ids, string_agg(days::text, ',') as days
    from (
      select account_id, ${asOf}::date - (max(done_at) at time zone 'UTC')::date as days
      from touches
      where account_id > ${range.afterId}::uuid and account_id <= ${range.throughId}::uuid
        and status = 'done' and done_at < ((${asOf}::date + 1)::timestamp at time zone 'UTC')
      group by account_id
    ) touched`.execute(db);
  const accountIds = rows[0]?.account_ids?.split(',') ?? [];
  const days = rows[0]?.days?.split(',') ?? [];
  return new Map(accountIds.map((accountId, index) => [accountId, Number(days[index])]));
}
