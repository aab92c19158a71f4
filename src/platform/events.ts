import type { Transaction } from 'kysely';
import { now } from './clock.ts';
import type { Database } from './db-schema.ts';

export type DomainEvent = {
  type: string;
  accountId: string | null;
  subjectId?: string | null;
  actorId?: string | null;
  payload?: Record<string, unknown>;
};

/** Appends a domain event inside the caller's transaction, so the change and its event commit together. */
export async function appendEvent(trx: Transaction<Database>, event: DomainEvent): Promise<void> {
  await trx
    .insertInto('events')
    .values({
      type: event.type,
      account_id: event.accountId,
      subject_id: event.subjectId ?? null,
      actor_id: event.actorId ?? null,
      payload: JSON.stringify(event.payload ?? {}),
      occurred_at: now(),
    })
    .execute();
}
