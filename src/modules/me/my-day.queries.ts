import { DAY_MS, now } from '../../platform/clock.ts';
import type { Db } from '../../platform/db.ts';
import { preparedQuery } from '../../platform/prepared-query.ts';
import { localDate, zonedTime } from '../../platform/working-time.ts';

/** Midnight at the end of today in a time zone: "today" is the person's own day, not the server's. */
export function endOfLocalDay(at: Date, timeZone: string): Date {
  const tomorrow = new Date(Date.parse(`${localDate(at, timeZone)}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
  return zonedTime(tomorrow, 0, timeZone);
}

function plannedTouchesOf(db: Db, userId: string) {
  return db
    .selectFrom('touches')
    .innerJoin('accounts', 'accounts.id', 'touches.account_id')
    .leftJoin('deals', (join) => join.onRef('deals.account_id', '=', 'touches.account_id').onRef('deals.id', '=', 'touches.deal_id'))
    .leftJoin('contacts', (join) => join.onRef('contacts.account_id', '=', 'touches.account_id').onRef('contacts.id', '=', 'touches.contact_id'))
    .select([
      'touches.id',
      'touches.account_id',
      'accounts.name as account_name',
      'touches.kind',
      'touches.subject',
      'touches.notes',
      'touches.due_at',
      'touches.deal_id',
      'deals.title as deal_title',
      'deals.status as deal_status',
      'touches.contact_id',
      'contacts.name as contact_name',
      'contacts.phone as contact_phone',
      'contacts.email as contact_email',
      'touches.playbook_run_id',
    ])
    .where('touches.assignee_id', '=', userId)
    .where('touches.status', '=', 'planned')
    .orderBy('touches.due_at')
    .orderBy('touches.id');
}

export type DayTouch = Awaited<ReturnType<ReturnType<typeof plannedTouchesOf>['execute']>>[number];

// Prepared (decision 0038): My day is opened many times a day by every salesperson.
const plannedTouchesBefore = preparedQuery((db: Db, { userId, before }: { userId: string; before: Date }) =>
  plannedTouchesOf(db, userId).where('touches.due_at', '<', before).limit(500),
);

/**
 * A person's day: what is overdue, what is due today (in their own time zone), and the next week.
 * Reads the (assignee_id, due_at) index of planned touches only.
 */
export async function myDay(db: Db, user: { id: string; time_zone: string }) {
  const at = now();
  const today = localDate(at, user.time_zone);
  const startOfToday = zonedTime(today, 0, user.time_zone);
  const endOfToday = endOfLocalDay(at, user.time_zone);
  const weekEnd = new Date(endOfToday.getTime() + 7 * DAY_MS);
  const rows = await plannedTouchesBefore(db, { userId: user.id, before: weekEnd });
  const due = (t: DayTouch) => t.due_at?.getTime() ?? 0;
  return {
    date: today,
    time_zone: user.time_zone,
    overdue: rows.filter((t) => due(t) < startOfToday.getTime()),
    today: rows.filter((t) => due(t) >= startOfToday.getTime() && due(t) < endOfToday.getTime()),
    upcoming: rows.filter((t) => due(t) >= endOfToday.getTime()),
  };
}
