import { type App, type AppContext, currentUser, idParams } from '../../api/http.ts';
import { completeTouchBody, listTouchesQuery, logTouchBody, planTouchBody, skipTouchBody, updateTouchBody } from './touches.schema.ts';
import { completeTouch, getTouch, listTouches, logTouch, planTouch, skipTouch, updateTouch } from './touches.service.ts';

export function registerTouchRoutes(app: App, { db }: AppContext): void {
  const tags = ['touches'];
  app.get('/api/v1/touches', { schema: { querystring: listTouchesQuery, tags } }, async (request) => listTouches(db, request.query));
  app.post('/api/v1/touches', { schema: { body: planTouchBody, tags } }, async (request, reply) =>
    reply.status(201).send(await planTouch(db, request.body, currentUser(request).id)),
  );
  app.post('/api/v1/touches/log', { schema: { body: logTouchBody, tags } }, async (request, reply) =>
    reply.status(201).send(await logTouch(db, request.body, currentUser(request).id)),
  );
  app.get('/api/v1/touches/:id', { schema: { params: idParams, tags } }, async (request) => getTouch(db, request.params.id));
  app.patch('/api/v1/touches/:id', { schema: { params: idParams, body: updateTouchBody, tags } }, async (request) =>
    updateTouch(db, request.params.id, request.body),
  );
  app.post('/api/v1/touches/:id/complete', { schema: { params: idParams, body: completeTouchBody, tags } }, async (request) =>
    completeTouch(db, request.params.id, request.body, currentUser(request).id),
  );
  app.post('/api/v1/touches/:id/skip', { schema: { params: idParams, body: skipTouchBody, tags } }, async (request) =>
    skipTouch(db, request.params.id, request.body.reason, currentUser(request).id),
  );
}
