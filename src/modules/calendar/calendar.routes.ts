import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { type App, type AppContext, currentUser } from '../../platform/http.ts';
import { notFound } from '../../platform/errors.ts';
import { calendarFeed, calendarFeedStatus, createCalendarFeed, revokeCalendarFeed } from './calendar.service.ts';

const feedParams = z.object({ token: z.string().min(10).max(200) });

export function registerCalendarRoutes(app: App, { db, env }: AppContext): void {
  const baseUrl = (request: FastifyRequest) => env.PUBLIC_URL?.replace(/\/$/, '') ?? `${request.protocol}://${request.host}`;
  const tags = ['calendar'];
  app.get('/api/v1/me/calendar-feed', { schema: { tags } }, async (request) => calendarFeedStatus(db, currentUser(request).id));
  app.post('/api/v1/me/calendar-feed', { schema: { tags } }, async (request, reply) =>
    reply.status(201).send(await createCalendarFeed(db, currentUser(request).id, baseUrl(request))),
  );
  app.delete('/api/v1/me/calendar-feed', { schema: { tags } }, async (request, reply) => {
    await revokeCalendarFeed(db, currentUser(request).id);
    return reply.status(204).send();
  });
  // Calendar apps fetch this without a session: the secret token in the path is the credential.
  app.get('/calendar/:token.ics', { schema: { params: feedParams, hide: true } }, async (request, reply) => {
    const feed = await calendarFeed(db, request.params.token, baseUrl(request));
    if (feed === null) throw notFound('Calendar feed');
    return reply.type('text/calendar; charset=utf-8').header('cache-control', 'private, max-age=300').send(feed);
  });
}
