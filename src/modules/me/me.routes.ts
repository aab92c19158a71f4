import { z } from 'zod';
import { calendarDay, timeZoneName } from '../../platform/timestamps.ts';
import { touchKinds } from '../../platform/db-schema.ts';
import { type App, type AppContext, currentUser, idParams } from '../../platform/http.ts';
import { assertCanWorkOnAccount } from '../../platform/permissions.ts';
import { snoozeAccount, updateProfile, userProfile } from './me.service.ts';
import { myDay } from './my-day.queries.ts';

const snoozeBody = z.object({ days: z.number().int().min(1).max(365) });
const day = calendarDay;
const profileBody = z
  .object({
    name: z.string().trim().min(1).max(200),
    time_zone: timeZoneName,
    digest_enabled: z.boolean(),
    /** Time away, first and last day in the person's own time zone; null clears it. */
    away_from: day.nullable(),
    away_until: day.nullable(),
    away_backup_id: z.string().uuid().nullable(),
  })
  .partial()
  .refine((b) => Object.keys(b).length > 0, { message: 'send at least one field to change' })
  .refine((b) => (b.away_from === undefined) === (b.away_until === undefined), { path: ['away_until'], message: 'send the first and the last day away together' })
  .refine((b) => !b.away_from || !b.away_until || b.away_until >= b.away_from, { path: ['away_until'], message: 'the last day away must not be before the first' });

// Response schema (decision 0032): My day is written by a serializer compiled from it.
const dayTouch = z.object({
  id: z.string(),
  account_id: z.string(),
  account_name: z.string(),
  kind: z.enum(touchKinds),
  subject: z.string(),
  notes: z.string().nullable(),
  due_at: z.date().nullable(),
  deal_id: z.string().nullable(),
  deal_title: z.string().nullable(),
  deal_status: z.enum(['open', 'won', 'lost']).nullable(),
  contact_id: z.string().nullable(),
  contact_name: z.string().nullable(),
  contact_phone: z.string().nullable(),
  contact_email: z.string().nullable(),
  playbook_run_id: z.string().nullable(),
});
const myDayView = z.object({ date: z.string(), time_zone: z.string(), overdue: z.array(dayTouch), today: z.array(dayTouch), upcoming: z.array(dayTouch) });

export function registerMeRoutes(app: App, { db }: AppContext): void {
  const tags = ['me'];
  app.get('/api/v1/me', { schema: { tags } }, async (request) => userProfile(db, currentUser(request).id));
  app.patch('/api/v1/me', { schema: { body: profileBody, tags } }, async (request) => updateProfile(db, currentUser(request).id, request.body));
  app.get('/api/v1/me/day', { schema: { response: { 200: myDayView }, tags } }, async (request) => myDay(db, await userProfile(db, currentUser(request).id)));
  app.post('/api/v1/accounts/:id/snooze', { schema: { params: idParams, body: snoozeBody, tags: ['accounts'] } }, async (request) => {
    const user = currentUser(request);
    await assertCanWorkOnAccount(db, user, request.params.id);
    return snoozeAccount(db, request.params.id, request.body.days, user.id);
  });
}
