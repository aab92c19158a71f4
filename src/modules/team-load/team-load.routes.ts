import { z } from 'zod';
import { type App, type AppContext, requireRole } from '../../platform/http.ts';
import { applyRebalance, previewRebalance } from './rebalance.ts';
import { teamLoad } from './team-load.queries.ts';

const rebalanceBody = z.object({
  /** true: answer what would move and move nothing (the confirmation dialog); false: move. */
  preview: z.boolean().default(false),
});

export function registerTeamLoadRoutes(app: App, { db }: AppContext): void {
  app.get('/api/v1/team-load', { schema: { tags: ['team-load'] } }, async (request) => {
    requireRole(request, ['admin', 'manager']);
    return teamLoad(db);
  });

  app.post('/api/v1/team-load/rebalance', { schema: { body: rebalanceBody, tags: ['team-load'] } }, async (request) => {
    const user = requireRole(request, ['admin', 'manager']);
    return request.body.preview ? previewRebalance(db) : applyRebalance(db, user.id);
  });
}
