import { z } from 'zod';
import { type App, type AppContext, currentUser, idParams } from '../../platform/http.ts';
import { assertCanWorkOnAccount, assertCanWorkOnTouch, assertCanWorkOnTouches } from '../../platform/permissions.ts';
import type { CloseDeal } from './complete-touch.ts';
import { changeTouchesInBulk } from './bulk-touches.ts';
import { bulkTouchBody, completeTouchBody, listTouchesQuery, logTouchBody, planTouchBody, skipTouchBody, updateTouchBody } from './touches.schema.ts';
import { completeTouch, getTouch, listTouches, logTouch, planTouch, skipTouch, snoozeTouch, updateTouch } from './touches.service.ts';

const snoozeBody = z.object({ days: z.number().int().min(1).max(365) });

/**
 * Every /touches URL. Completing a conversation may win or lose its deal: the server that mounts
 * these routes passes how deals are closed, so this module imports no deal code.
 */
export function touchRoutes(closeDeal: CloseDeal) {
  return function registerTouchRoutes(app: App, { db }: AppContext): void {
    const tags = ['touches'];
    const timeZoneOf = async (userId: string) =>
      (await db.selectFrom('users').select('time_zone').where('id', '=', userId).executeTakeFirstOrThrow()).time_zone;
    app.get('/api/v1/touches', { schema: { querystring: listTouchesQuery, tags } }, async (request) => listTouches(db, request.query));
    app.post('/api/v1/touches', { schema: { body: planTouchBody, tags } }, async (request, reply) => {
      const user = currentUser(request);
      await assertCanWorkOnAccount(db, user, request.body.account_id);
      return reply.status(201).send(await planTouch(db, request.body, user.id));
    });
    app.post('/api/v1/touches/log', { schema: { body: logTouchBody, tags } }, async (request, reply) => {
      const user = currentUser(request);
      await assertCanWorkOnAccount(db, user, request.body.account_id);
      return reply.status(201).send(await logTouch(db, request.body, user.id, closeDeal));
    });
    app.post('/api/v1/touches/bulk', { schema: { body: bulkTouchBody, tags } }, async (request) => {
      const user = currentUser(request);
      await assertCanWorkOnTouches(db, user, request.body.touch_ids);
      return changeTouchesInBulk(db, request.body, { id: user.id, time_zone: await timeZoneOf(user.id) });
    });
    app.get('/api/v1/touches/:id', { schema: { params: idParams, tags } }, async (request) => getTouch(db, request.params.id));
    app.patch('/api/v1/touches/:id', { schema: { params: idParams, body: updateTouchBody, tags } }, async (request) => {
      await assertCanWorkOnTouch(db, currentUser(request), request.params.id);
      return updateTouch(db, request.params.id, request.body);
    });
    app.post('/api/v1/touches/:id/complete', { schema: { params: idParams, body: completeTouchBody, tags } }, async (request) => {
      const user = currentUser(request);
      await assertCanWorkOnTouch(db, user, request.params.id);
      return completeTouch(db, request.params.id, request.body, user.id, closeDeal);
    });
    app.post('/api/v1/touches/:id/skip', { schema: { params: idParams, body: skipTouchBody, tags } }, async (request) => {
      const user = currentUser(request);
      await assertCanWorkOnTouch(db, user, request.params.id);
      return skipTouch(db, request.params.id, request.body.reason, user.id);
    });
    app.post('/api/v1/touches/:id/snooze', { schema: { params: idParams, body: snoozeBody, tags } }, async (request) => {
      const user = currentUser(request);
      await assertCanWorkOnTouch(db, user, request.params.id);
      return snoozeTouch(db, request.params.id, request.body.days, { id: user.id, time_zone: await timeZoneOf(user.id) });
    });
  };
}
