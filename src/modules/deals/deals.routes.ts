import { type App, type AppContext, type AuthUser, currentUser, idParams, requireRole } from '../../platform/http.ts';
import { accountOf, assertCanSellTo } from '../../platform/permissions.ts';
import { getDeal, listDeals, listStalledDeals } from './deals.queries.ts';
import { createDealBody, dealPage, listDealsQuery, loseDealBody, stalledDealsQuery, updateDealBody } from './deals.schema.ts';
import { getDealStageHistory } from './stage-history.ts';
import { closeDeal, createDeal, deleteDeal, updateDeal } from './deals.service.ts';

export function registerDealRoutes(app: App, { db }: AppContext): void {
  const tags = ['deals'];
  const dealSeller = async (dealId: string, user: AuthUser) => {
    await assertCanSellTo(db, user, await accountOf(db, 'deals', dealId));
    return user;
  };
  app.get('/api/v1/deals', { schema: { querystring: listDealsQuery, response: { 200: dealPage }, tags } }, async (request) => listDeals(db, request.query));
  app.get('/api/v1/deals/stalled', { schema: { querystring: stalledDealsQuery, response: { 200: dealPage }, tags } }, async (request) =>
    listStalledDeals(db, request.query),
  );
  app.post('/api/v1/deals', { schema: { body: createDealBody, tags } }, async (request, reply) => {
    const user = currentUser(request);
    await assertCanSellTo(db, user, request.body.account_id);
    return reply.status(201).send(await createDeal(db, request.body, user.id));
  });
  app.get('/api/v1/deals/:id', { schema: { params: idParams, tags } }, async (request) => getDeal(db, request.params.id));
  app.get('/api/v1/deals/:id/stage-history', { schema: { params: idParams, tags } }, async (request) =>
    getDealStageHistory(db, request.params.id),
  );
  app.patch('/api/v1/deals/:id', { schema: { params: idParams, body: updateDealBody, tags } }, async (request) => {
    const user = await dealSeller(request.params.id, currentUser(request));
    return updateDeal(db, request.params.id, request.body, user.id);
  });
  app.delete('/api/v1/deals/:id', { schema: { params: idParams, tags } }, async (request, reply) => {
    const user = requireRole(request, ['admin', 'manager']);
    await deleteDeal(db, request.params.id, user.id);
    return reply.status(204).send();
  });
  app.post('/api/v1/deals/:id/win', { schema: { params: idParams, tags } }, async (request) => {
    const user = await dealSeller(request.params.id, currentUser(request));
    return closeDeal(db, request.params.id, 'won', undefined, user.id);
  });
  app.post('/api/v1/deals/:id/lose', { schema: { params: idParams, body: loseDealBody, tags } }, async (request) => {
    const user = await dealSeller(request.params.id, currentUser(request));
    return closeDeal(db, request.params.id, 'lost', request.body.reason, user.id);
  });
}
