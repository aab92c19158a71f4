import { sql, type Transaction } from 'kysely';
import { addDays, now } from '../../platform/clock.ts';
import type { Db } from '../../platform/db.ts';
import type { Database } from '../../platform/db-schema.ts';
import { advanceCursor, pendingEvents, readEventsAfterCursor } from '../../platform/event-cursor.ts';
import type { MailLinks } from '../../platform/links.ts';
import { type StoredEvent, triggersOfEvent } from './event-triggers.ts';
import { type ActivePlaybook, enabledPlaybooks, playbooksFor } from './load-playbooks.ts';
import { lazyAssigneeResolver, type PlanningMode } from './assignees.ts';
import { type RunStart, startPlaybookRuns } from './start-run.ts';

/** The accounts among `accountIds` a playbook is for (its tags, if it names any), in one read. */
async function matchingAccounts(trx: Transaction<Database>, playbook: ActivePlaybook, accountIds: string[]): Promise<string[]> {
  const tags = playbook.config.tags_any;
  if (!tags?.length) return accountIds;
  const rows = await trx
    .selectFrom('accounts')
    .select('id')
    .where(sql<boolean>`id = any(${sql.val(accountIds)}::uuid[]) and tags && ${sql.val(tags)}::text[]`)
    .execute();
  const matching = new Set(rows.map((r) => r.id));
  return accountIds.filter((id) => matching.has(id));
}

/**
 * Events older than this are history (an import, the demo, a worker that was down for weeks): a
 * welcome card for an order from last year would embarrass, so they start nothing.
 */
export const maxTriggerAgeDays = 30;

/**
 * The runs one event triggers, in the order they start; `startPlaybookRuns` writes them. The
 * simulator replays history through this same function.
 */
export async function runsForEvent(trx: Transaction<Database>, event: StoredEvent, playbooks: ActivePlaybook[]): Promise<RunStart[]> {
  const decidedAt = now();
  // An order carries when it was placed (or delivered): an imported order from last year is history too.
  const { delivered_at: deliveredAt, placed_at: placedAt } = event.payload;
  const dated = typeof deliveredAt === 'string' ? deliveredAt : typeof placedAt === 'string' ? placedAt : null;
  const happenedAt = dated ? new Date(dated) : event.occurred_at;
  if (happenedAt < addDays(decidedAt, -maxTriggerAgeDays) || event.payload.start_playbooks === false) return [];
  const starts: RunStart[] = [];
  for (const occurrence of await triggersOfEvent(trx, event)) {
    for (const playbook of playbooksFor(playbooks, occurrence.trigger)) {
      const { min_score: min, max_score: max, once_per_account: once, purchase } = playbook.config;
      if (occurrence.score !== undefined && ((min !== undefined && occurrence.score < min) || (max !== undefined && occurrence.score > max))) continue;
      if (purchase && occurrence.purchase && purchase !== occurrence.purchase) continue;
      for (const accountId of await matchingAccounts(trx, playbook, occurrence.accountIds)) {
        starts.push({ playbook, accountId, triggerKey: once ? 'once' : occurrence.key, eventId: event.id, triggeredAt: event.occurred_at, context: occurrence.context, decidedAt });
      }
    }
  }
  return starts;
}

/**
 * Reads the next events after the playbooks' cursor and starts the runs they trigger, written
 * together in a few statements, in one transaction with the cursor move: a crash re-reads the batch,
 * and the runs' unique keys make that harmless. Only events of transactions older than every running one are read (ordered by
 * transaction, then id), so an event that commits late is never skipped. A second worker finds the
 * cursor locked and leaves the batch to the first. The worker always places by capacity; the
 * benchmark passes 'wanted_day' to time what the placement costs (decision 0025).
 */
export async function consumePlaybookEvents(db: Db, links: MailLinks, batchSize = 500, planning: PlanningMode = 'capacity'): Promise<{ events: number; runs: number }> {
  const playbooks = await enabledPlaybooks(db);
  return db.transaction().execute(async (trx) => {
    const rows = await readEventsAfterCursor(trx, 'playbooks', batchSize);
    if (!rows) return { events: 0, runs: 0 };
    const starts: RunStart[] = [];
    // A product launch may start a run for every interested customer: no spread of a huge array.
    for (const event of rows) for (const start of await runsForEvent(trx, event, playbooks)) starts.push(start);
    const runs = await startPlaybookRuns(trx, starts, { links, assignees: lazyAssigneeResolver(trx, planning) });
    await advanceCursor(trx, 'playbooks', rows);
    return { events: rows.length, runs };
  });
}

/** Events not yet read by the playbooks; some may wait for an older transaction elsewhere to end. */
export async function pendingPlaybookEvents(db: Db): Promise<number> {
  return pendingEvents(db, 'playbooks');
}
