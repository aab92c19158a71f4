import { z } from 'zod';
import { now } from '../../platform/clock.ts';
import type { Db } from '../../platform/db.ts';
import type { JobDefinition } from '../../platform/jobs.ts';
import { listStalledDeals } from '../deals/index.ts';
import type { MailLinks } from '../../platform/links.ts';
import { queueEmail } from '../messages/index.ts';
import { localDate } from '../../platform/working-time.ts';
import { type DayTouch, myDay } from './my-day.queries.ts';

const digestHour = 7;

function lines(title: string, items: string[]): string {
  return items.length ? `${title} (${items.length})\n${items.map((i) => `  - ${i}`).join('\n')}\n` : '';
}

// Emails are read by people, in their own zone: "Friday 4 December", never an ISO date.
const dayInWords = (at: Date, timeZone: string) => new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'long', day: 'numeric', month: 'long' }).format(at);
const touchLine = (timeZone: string) => (t: DayTouch) => `${t.subject} — ${t.account_name}${t.due_at ? ` (due ${dayInWords(t.due_at, timeZone)})` : ''}`;

async function customersWithoutNextTouch(db: Db, ownerId: string) {
  return db
    .selectFrom('accounts')
    .select('name')
    .where('owner_id', '=', ownerId)
    .where('lifecycle', '=', 'customer')
    .where((eb) => eb.or([eb('snoozed_until', 'is', null), eb('snoozed_until', '<=', now())]))
    .where((eb) => eb.not(eb.exists(eb.selectFrom('touches').select('touches.id').whereRef('touches.account_id', '=', 'accounts.id').where('touches.status', '=', 'planned'))))
    .orderBy('name')
    .limit(20)
    .execute();
}

/** One morning email per person who asked for it: overdue, today, stalled deals, customers with nothing planned. */
export async function queueDailyDigests(db: Db, links: MailLinks): Promise<number> {
  const at = now();
  const users = await db.selectFrom('users').select(['id', 'email', 'name', 'time_zone']).where('digest_enabled', '=', true).where('active', '=', true).execute();
  let queued = 0;
  for (const user of users) {
    const hour = Number(new Intl.DateTimeFormat('en-US', { timeZone: user.time_zone, hour: '2-digit', hourCycle: 'h23' }).format(at));
    if (hour < digestHour) continue;
    const day = await myDay(db, user);
    const stalled = await listStalledDeals(db, { owner_id: user.id, limit: 20 });
    const unplanned = await customersWithoutNextTouch(db, user.id);
    const body = [
      `Good morning ${user.name}, here is your day (${dayInWords(at, user.time_zone)}).\n`,
      lines('Overdue', day.overdue.map(touchLine(user.time_zone))),
      lines('Today', day.today.map(touchLine(user.time_zone))),
      lines('Stalled deals', stalled.items.map((d) => `${d.title} — ${d.account_name}, stalled ${d.days_stalled} days`)),
      lines('Customers with no next touch', unplanned.map((a) => a.name)),
      `Open My day: ${links.publicUrl.replace(/\/$/, '')}/my-day`,
    ].join('\n');
    const created = await db.transaction().execute((trx) =>
      queueEmail(trx, { idempotencyKey: `digest:${user.id}:${localDate(at, user.time_zone)}`, accountId: null, userId: user.id, to: user.email, subject: `Your day: ${day.overdue.length} overdue, ${day.today.length} today`, body, sendAfter: at }, links),
    );
    if (created) queued++;
  }
  return queued;
}

/** Hourly; each person's digest goes out once per local day after 7:00 (the idempotency key says so). */
export const dailyDigestJob: JobDefinition = {
  name: 'me.daily_digest',
  payload: z.object({}),
  async run({ db, links }) {
    await queueDailyDigests(db, links);
  },
  scheduleKey: (at) => `me.daily_digest:${at.toISOString().slice(0, 13)}`,
};
