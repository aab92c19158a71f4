import { sql, type Transaction } from 'kysely';
import type { Database } from '../../platform/db-schema.ts';
import { addDays, now } from '../../platform/clock.ts';
import type { Db } from '../../platform/db.ts';
import type { MailLinks } from '../../platform/links.ts';
import { type ActivePlaybook, enabledPlaybooks, playbooksFor } from './load-playbooks.ts';
import { lazyAssigneeResolver } from './assignees.ts';
import { startPlaybookRuns } from './start-run.ts';
import type { TemplateContext } from './templates.ts';

type Candidate = { account_id: string; key: string; context: TemplateContext };

const scanLimit = 2000;

/**
 * Customers nobody has touched for `days` days and with nothing planned; one run per silence. The
 * most value at risk (CLV × (1 − p(alive))) comes first, so it gets the earliest room in the owner's days.
 */
async function silentCustomers(db: Db, days: number): Promise<Candidate[]> {
  const at = now();
  const rows = await sql<{ account_id: string; last_touch: string }>`
    select a.id as account_id, coalesce(max(t.done_at), a.created_at)::date::text as last_touch
    from accounts a left join touches t on t.account_id = a.id and t.status = 'done'
    where a.lifecycle = 'customer' and (a.snoozed_until is null or a.snoozed_until < ${at})
      and not exists (select 1 from touches p where p.account_id = a.id and p.status = 'planned')
    group by a.id
    having coalesce(max(t.done_at), a.created_at) < ${addDays(at, -days)}
    order by coalesce((select s.clv * (1 - s.p_alive) from account_scores s where s.account_id = a.id order by s.as_of desc limit 1), 0) desc, a.id
    limit ${scanLimit}`.execute(db);
  return rows.rows.map((r) => ({ account_id: r.account_id, key: `silent-since:${r.last_touch}`, context: { trigger: { days } } }));
}

/**
 * Customers whose own typical time between orders (the median gap, from at least two gaps) has passed
 * since their last order; one run per last order. The last order is taken in the same pass over the
 * orders: a lookup per customer into the gaps cost a scan of all orders each (a weekly scan of the
 * simulator spent most of its time there).
 */
async function reorderDueCustomers(db: Db): Promise<Candidate[]> {
  const at = now();
  const rows = await sql<{ account_id: string; last_order_id: string; median_days: number; days_since: number }>`
    with gaps as (
      select account_id, id, placed_at,
        extract(epoch from placed_at - lag(placed_at) over (partition by account_id order by placed_at)) / 86400 as gap_days
      from orders where status <> 'cancelled'
    ), rhythm as (
      select account_id, percentile_cont(0.5) within group (order by gap_days) as median_days, count(gap_days) as gaps,
        max(placed_at) as last_at, (array_agg(id order by placed_at desc))[1] as last_order_id
      from gaps group by account_id
    )
    select r.account_id, r.last_order_id,
      round(r.median_days)::int as median_days, floor(extract(epoch from ${at}::timestamptz - r.last_at) / 86400)::int as days_since
    from rhythm r join accounts a on a.id = r.account_id
    where r.gaps >= 2 and r.last_at + make_interval(days => ceil(r.median_days)::int) <= ${at}
      and (a.snoozed_until is null or a.snoozed_until < ${at})
    limit ${scanLimit}`.execute(db);
  return rows.rows.map((r) => ({
    account_id: r.account_id,
    key: `after-order:${r.last_order_id}`,
    context: { trigger: { median_days: r.median_days, days_since: r.days_since } },
  }));
}

async function startRuns(db: Db, playbook: ActivePlaybook, candidates: Candidate[], links: MailLinks): Promise<number> {
  let started = 0;
  // Runs go in transactions of a few hundred: short locks, and one read of who is free per batch.
  // A simulation runs inside its own rolled-back transaction: the batches then join it.
  const inBatch = <T>(fn: (trx: Transaction<Database>) => Promise<T>) => (db.isTransaction ? fn(db as Transaction<Database>) : db.transaction().execute(fn));
  for (let i = 0; i < candidates.length; i += 200) {
    started += await inBatch(async (trx) => {
      const tools = { links, assignees: lazyAssigneeResolver(trx) };
      const slice = candidates.slice(i, i + 200);
      // A customer still overdue at the next scan has its run already: one read skips them all, where
      // a refused insert each cost a statement per customer per scan. The unique key still decides.
      const existing = await trx
        .selectFrom('playbook_runs')
        .select(['account_id', 'trigger_key'])
        .where('playbook_id', '=', playbook.id)
        .where('account_id', 'in', slice.map((c) => c.account_id))
        .execute();
      const begun = new Set(existing.map((r) => `${r.account_id}|${r.trigger_key}`));
      const decidedAt = now();
      const starts = slice
        .filter((c) => !begun.has(`${c.account_id}|${c.key}`))
        .map((c) => ({ playbook, accountId: c.account_id, triggerKey: c.key, eventId: null, triggeredAt: decidedAt, context: c.context, decidedAt }));
      return startPlaybookRuns(trx, starts, tools);
    });
  }
  return started;
}

/** The scheduled scan for triggers that are about time passing rather than something happening. */
export async function runTimeTriggers(db: Db, links: MailLinks): Promise<number> {
  const playbooks = await enabledPlaybooks(db);
  let started = 0;
  for (const playbook of playbooksFor(playbooks, 'no_touch_for_days')) {
    started += await startRuns(db, playbook, await silentCustomers(db, playbook.config.days ?? 60), links);
  }
  const reorder = playbooksFor(playbooks, 'reorder_due');
  if (reorder.length) {
    const due = await reorderDueCustomers(db);
    for (const playbook of reorder) started += await startRuns(db, playbook, due, links);
  }
  return started;
}
