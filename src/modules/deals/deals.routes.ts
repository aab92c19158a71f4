import { type App, type AppContext, currentUser, idParams, requireRole } from '../../platform/http.ts';
import { getDeal, listDeals, listStalledDeals } from './deals.queries.ts';
import { createDealBody, listDealsQuery, loseDealBody, stalledDealsQuery, updateDealBody } from './deals.schema.ts';
import { closeDeal, createDeal, deleteDeal, updateDeal } from './deals.service.ts';

export function registerDealRoutes(app: App, { db }: AppContext): void {
  const tags = ['deals'];
  app.get('/api/v1/deals', { schema: { querystring: listDealsQuery, tags } }, async (request) => listDeals(db, request.query));
  app.get('/api/v1/deals/stalled', { schema: { querystring: stalledDealsQuery, tags } }, async (request) =>
    listStalledDeals(db, request.query),
  );
  app.post('/api/v1/deals', { schema: { body: createDealBody, tags } }, async (request, reply) =>
    reply.status(201).send(await createDeal(db, request.body, currentUser(request).id)),
  );
  app.get('/api/v1/deals/:id', { schema: { params: idParams, tags } }, async (request) => getDeal(db, request.params.id));
  app.patch('/api/v1/deals/:id', { schema: { params: idParams, body: updateDealBody, tags } }, async (request) =>
    updateDeal(db, request.params.id, request.body, currentUser(request).id),
  );
  app.delete('/api/v1/deals/:id', { schema: { params: idParams, tags } }, async (request, reply) => {
    const user = requireRole(request, ['admin', 'manager']);
    await deleteDeal(db, request.params.id, user.id);
    return reply.status(204).send();
  });
  app.post('/api/v1/deals/:id/win', { schema: { params: idParams, tags } }, async (request) =>
    closeDeal(db, request.params.id, 'won', undefined, currentUser(request).id),
  );
  app.post('/api/v1/deals/:id/lose', { schema: { params: idParams, body: loseDealBody, tags } }, async (request) =>
    closeDeal(db, request.params.id, 'lost', request.body.reason, currentUser(request).id),
  );
}
