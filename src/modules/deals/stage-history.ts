import type { Db } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';
import type { DealStage } from '../../platform/db-schema.ts';
import { dealStages } from './deals.schema.ts';

export type StageHistoryEntry = {
  stage: DealStage | 'won' | 'lost';
  entered_at: Date;
  by_name: string | null;
};

// Payloads are stored JSON: a stage is trusted only when it is one the app knows.
const stageIn = (value: unknown): DealStage | null => dealStages.find((stage) => stage === value) ?? null;

const dealEvents = ['deal.created', 'deal.stage_changed', 'deal.won', 'deal.lost'] as const;

/**
 * The stages a deal went through, oldest first, read from the event log that records every move in
 * the same transaction as the move itself. deal.created does not name the first stage: it is the
 * `from` of the first move, or the current stage when the deal never moved.
 */
export async function getDealStageHistory(db: Db, dealId: string): Promise<StageHistoryEntry[]> {
  const deal = await db.selectFrom('deals').select(['account_id', 'stage', 'created_at']).where('id', '=', dealId).executeTakeFirst();
  if (!deal) throw notFound('Deal');
  const events = await db
    .selectFrom('events')
    .leftJoin('users', 'users.id', 'events.actor_id')
    .select(['events.type', 'events.payload', 'events.occurred_at', 'users.name as by_name'])
    .where('events.account_id', '=', deal.account_id)
    .where('events.subject_id', '=', dealId)
    .where('events.type', 'in', dealEvents)
    .orderBy('events.occurred_at')
    .orderBy('events.id')
    .execute();
  const created = events.find((e) => e.type === 'deal.created');
  const moves = events.filter((e) => e.type === 'deal.stage_changed');
  const firstStage = stageIn(moves[0]?.payload.from) ?? deal.stage;
  const history: StageHistoryEntry[] = [
    { stage: firstStage, entered_at: created?.occurred_at ?? deal.created_at, by_name: created?.by_name ?? null },
  ];
  for (const event of events) {
    const movedTo = event.type === 'deal.stage_changed' ? stageIn(event.payload.to) : null;
    if (movedTo) history.push({ stage: movedTo, entered_at: event.occurred_at, by_name: event.by_name });
    if (event.type === 'deal.won' || event.type === 'deal.lost') {
      history.push({ stage: event.type === 'deal.won' ? 'won' : 'lost', entered_at: event.occurred_at, by_name: event.by_name });
    }
  }
  return history;
}
