import { type App, type AppContext, currentUser, idParams } from '../../platform/http.ts';
import { accountOf, assertCanSellTo, assertCanWorkOnAccount } from '../../platform/permissions.ts';
import { getOrder, listOrders } from './orders.queries.ts';
import { listOrdersQuery, placeOrderBody, reorderBody, updateOrderStatusBody } from './orders.schema.ts';
import { changeOrderStatus, reorder } from './orders.service.ts';
import { placeOrder } from './place-order.ts';

export function registerOrderRoutes(app: App, { db }: AppContext): void {
  const tags = ['orders'];
  app.get('/api/v1/orders', { schema: { querystring: listOrdersQuery, tags } }, async (request) =>
    listOrders(db, request.query),
  );
  app.post('/api/v1/orders', { schema: { body: placeOrderBody, tags } }, async (request, reply) => {
    const user = currentUser(request);
    await assertCanSellTo(db, user, request.body.account_id);
    return reply.status(201).send(await placeOrder(db, request.body, { actorId: user.id }));
  });
  app.get('/api/v1/orders/:id', { schema: { params: idParams, tags } }, async (request) => getOrder(db, request.params.id));
  app.post(
    '/api/v1/orders/:id/status',
    { schema: { params: idParams, body: updateOrderStatusBody, tags } },
    async (request) => {
      const user = currentUser(request);
      // Shipping and delivery are after-sale work: the service team moves an order on too.
      await assertCanWorkOnAccount(db, user, await accountOf(db, 'orders', request.params.id));
      return changeOrderStatus(db, request.params.id, request.body.status, user.id);
    },
  );
  app.post('/api/v1/orders/:id/reorder', { schema: { params: idParams, body: reorderBody, tags } }, async (request, reply) => {
    const user = currentUser(request);
    await assertCanSellTo(db, user, await accountOf(db, 'orders', request.params.id));
    const order = await reorder(db, request.params.id, request.body.placed_at, user.id);
    return reply.status(201).send(order);
  });
}
