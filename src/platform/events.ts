import { sql, type Transaction } from 'kysely';
import { now } from './clock.ts';
import type { Database } from './db-schema.ts';
import type { EventPayloads, EventType } from './event-catalogue.ts';

type EventOf<T extends EventType> = {
  type: T;
  accountId: string | null;
  subjectId?: string | null;
  actorId?: string | null;
  // A payload whose every field is optional may be left out.
} & (Partial<EventPayloads[T]> extends EventPayloads[T] ? { payload?: EventPayloads[T] } : { payload: EventPayloads[T] });

/** A domain event as written: its type comes from the catalogue, and so does its payload's shape. */
export type DomainEvent = { [T in EventType]: EventOf<T> }[EventType];

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

/**
 * Appends many domain events in one statement, in the given order, each at its own time when given
 * (a batch of playbook runs decided at different moments of a simulation).
 */
export async function appendEvents(trx: Transaction<Database>, events: (DomainEvent & { occurredAt?: Date })[]): Promise<void> {
  for (let i = 0; i < events.length; i += 1000) {
    await trx
      .insertInto('events')
      .values(
        events.slice(i, i + 1000).map((event) => ({
          type: event.type,
          account_id: event.accountId,
          subject_id: event.subjectId ?? null,
          actor_id: event.actorId ?? null,
          payload: JSON.stringify(event.payload ?? {}),
          occurred_at: event.occurredAt ?? now(),
        })),
      )
      .execute();
  }
}

/**
 * Erasing a person removes the named keys (an email address, a comment) from the payloads of the
 * events about them; the events themselves stay, so counts and the timeline keep their shape.
 */
export async function scrubEventPayloads(trx: Transaction<Database>, accountId: string, subjectIds: string[], keys: string[]): Promise<void> {
  if (subjectIds.length === 0 || keys.length === 0) return;
  await trx
    .updateTable('events')
    .set({ payload: sql`payload - ${sql.val(keys)}::text[]` })
    .where('account_id', '=', accountId)
    .where('subject_id', 'in', subjectIds)
    .execute();
}
