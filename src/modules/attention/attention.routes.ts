import { z } from 'zod';
import { type App, type AppContext, requireRole } from '../../platform/http.ts';
import { pageQuery } from '../../platform/paging.ts';
import { attentionGaps } from './attention.queries.ts';

const attentionQuery = pageQuery.extend({
  days: z.coerce.number().int().min(1).max(3650).default(60),
  owner_id: z.string().uuid().optional(),
});

export function registerAttentionRoutes(app: App, { db }: AppContext): void {
  app.get('/api/v1/attention', { schema: { querystring: attentionQuery, tags: ['attention'] } }, async (request) => {
    requireRole(request, ['admin', 'manager']);
    return attentionGaps(db, request.query);
  });
}
