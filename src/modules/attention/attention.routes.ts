import { z } from 'zod';
import { type App, type AppContext, requireRole } from '../../platform/http.ts';
import { pageOf, pageQuery } from '../../platform/paging.ts';
import { attentionGaps } from './attention.queries.ts';

const attentionQuery = pageQuery.extend({
  days: z.coerce.number().int().min(1).max(3650).default(60),
  owner_id: z.string().uuid().optional(),
});

// Response schema (decision 0032): the page is written by a serializer compiled from it.
const attentionPage = pageOf(
  z.object({
    account_id: z.string(),
    name: z.string(),
    owner_id: z.string().nullable(),
    owner_name: z.string().nullable(),
    last_touch_at: z.date().nullable(),
    days_since_touch: z.number().nullable(),
    next_touch_at: z.date().nullable(),
    revenue_12m: z.number(),
    reasons: z.array(z.enum(['no_touch', 'no_next_touch'])),
  }),
);

export function registerAttentionRoutes(app: App, { db }: AppContext): void {
  app.get('/api/v1/attention', { schema: { querystring: attentionQuery, response: { 200: attentionPage }, tags: ['attention'] } }, async (request) => {
    requireRole(request, ['admin', 'manager']);
    return attentionGaps(db, request.query);
  });
}
