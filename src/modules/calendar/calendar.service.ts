import { addDays, now } from '../../platform/clock.ts';
import type { Db } from '../../platform/db.ts';
import { hashSecret, newSecret } from '../users/index.ts';
import { type CalendarEvent, icalendar } from './ical.ts';

const kindLabels: Record<string, string> = {
  call: 'Call', meeting: 'Meeting', email: 'Email', card: 'Card', survey: 'Survey', check_in: 'Check-in', management_call: 'Management call',
  clipping: 'Clipping', referral_ask: 'Referral ask', task: 'Task', note: 'Note',
};

export async function calendarFeedStatus(db: Db, userId: string) {
  const feed = await db.selectFrom('calendar_feeds').select('created_at').where('user_id', '=', userId).where('revoked_at', 'is', null).executeTakeFirst();
  return { active: feed !== undefined, created_at: feed?.created_at ?? null };
}

/**
 * A new secret feed link for the user; the previous one stops working. Only the token's hash is
 * stored, so the link is shown this once.
 */
export async function createCalendarFeed(db: Db, userId: string, baseUrl: string) {
  const { secret, hash } = newSecret('acal_');
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('calendar_feeds').set({ revoked_at: now() }).where('user_id', '=', userId).where('revoked_at', 'is', null).execute();
    await trx.insertInto('calendar_feeds').values({ user_id: userId, token_hash: hash, created_at: now() }).execute();
  });
  return { url: `${baseUrl}/calendar/${secret}.ics` };
}

export async function revokeCalendarFeed(db: Db, userId: string): Promise<void> {
  await db.updateTable('calendar_feeds').set({ revoked_at: now() }).where('user_id', '=', userId).where('revoked_at', 'is', null).execute();
}

/**
 * The feed of the token's user, or null for an unknown or revoked token: planned touches assigned
 * to them from 30 days back (so an overdue call stays visible) to a year ahead.
 */
export async function calendarFeed(db: Db, token: string, baseUrl: string): Promise<string | null> {
  const feed = await db
    .selectFrom('calendar_feeds')
    .innerJoin('users', 'users.id', 'calendar_feeds.user_id')
    .select(['users.id', 'users.name'])
    .where('calendar_feeds.token_hash', '=', hashSecret(token))
    .where('calendar_feeds.revoked_at', 'is', null)
    .where('users.active', '=', true)
    .executeTakeFirst();
  if (!feed) return null;
  const at = now();
  const touches = await db
    .selectFrom('touches as t')
    .innerJoin('accounts as a', 'a.id', 't.account_id')
    .select(['t.id', 't.kind', 't.subject', 't.notes', 't.due_at', 't.created_at', 'a.id as account_id', 'a.name as account_name'])
    .where('t.assignee_id', '=', feed.id)
    .where('t.status', '=', 'planned')
    .where('t.due_at', '>=', addDays(at, -30))
    .where('t.due_at', '<=', addDays(at, 365))
    .orderBy('t.due_at')
    .limit(2000)
    .execute();
  const events: CalendarEvent[] = touches.flatMap((t) =>
    t.due_at
      ? [{
          uid: `${t.id}@afterclose`,
          start: t.due_at,
          minutes: t.kind === 'meeting' ? 60 : 30,
          summary: `${kindLabels[t.kind] ?? t.kind}: ${t.subject} (${t.account_name})`,
          description: [t.notes, `${baseUrl}/accounts/${t.account_id}`].filter(Boolean).join('\n\n'),
          url: `${baseUrl}/accounts/${t.account_id}`,
          stamp: t.created_at,
        }]
      : [],
  );
  return icalendar(`Afterclose: ${feed.name}`, events);
}
