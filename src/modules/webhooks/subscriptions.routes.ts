import { type App, type AppContext, idParams, requireRole } from '../../platform/http.ts';
import { createSubscriptionBody, deliveriesQuery, updateSubscriptionBody, webhookEventTypes } from './subscriptions.schema.ts';
import { createSubscription, deleteSubscription, listDeliveries, listSubscriptions, updateSubscription } from './subscriptions.service.ts';

const managers = ['admin', 'manager'] as const;

export function registerWebhookSubscriptionRoutes(app: App, { db }: AppContext): void {
  const tags = ['webhooks'];
  app.get('/api/v1/webhooks/event-types', { schema: { tags } }, async () => ({ items: webhookEventTypes }));
  app.get('/api/v1/webhooks/subscriptions', { schema: { tags } }, async (request) => {
    requireRole(request, [...managers]);
    return listSubscriptions(db);
  });
  app.post('/api/v1/webhooks/subscriptions', { schema: { body: createSubscriptionBody, tags } }, async (request, reply) => {
    const user = requireRole(request, [...managers]);
    return reply.status(201).send(await createSubscription(db, request.body, user.id));
  });
  app.patch('/api/v1/webhooks/subscriptions/:id', { schema: { params: idParams, body: updateSubscriptionBody, tags } }, async (request) => {
    requireRole(request, [...managers]);
    return updateSubscription(db, request.params.id, request.body);
  });
  app.delete('/api/v1/webhooks/subscriptions/:id', { schema: { params: idParams, tags } }, async (request, reply) => {
    requireRole(request, [...managers]);
    await deleteSubscription(db, request.params.id);
    return reply.status(204).send();
  });
  app.get(
    '/api/v1/webhooks/subscriptions/:id/deliveries',
    { schema: { params: idParams, querystring: deliveriesQuery, tags } },
    async (request) => {
      requireRole(request, [...managers]);
      return listDeliveries(db, request.params.id, request.query);
    },
  );
}
