import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type App, type AppContext, idParams, requireRole } from '../../platform/http.ts';
import { AppError } from '../../platform/errors.ts';
import { createIntegration, listIntegrations, receiveOrderWebhook, revokeIntegration } from './inbound.service.ts';

const integrationBody = z.object({ name: z.string().trim().min(1).max(100), format: z.enum(['afterclose', 'shopify']) });
const webhookQuery = z.object({ integration: z.string().max(100).optional() });

export function registerInboundWebhookRoutes(app: App, { db }: AppContext): void {
  const tags = ['webhooks'];
  app.get('/api/v1/webhooks/integrations', { schema: { tags } }, async (request) => {
    requireRole(request, ['admin']);
    return listIntegrations(db);
  });
  app.post('/api/v1/webhooks/integrations', { schema: { body: integrationBody, tags } }, async (request, reply) => {
    const user = requireRole(request, ['admin']);
    return reply.status(201).send(await createIntegration(db, request.body, user.id));
  });
  app.delete('/api/v1/webhooks/integrations/:id', { schema: { params: idParams, tags } }, async (request, reply) => {
    requireRole(request, ['admin']);
    await revokeIntegration(db, request.params.id);
    return reply.status(204).send();
  });

  // Authenticated by the HMAC signature of the raw body, not by a session: the body must reach the
  // check byte for byte, so this scope reads JSON as a Buffer instead of parsing it.
  app.register(async (scope) => {
    scope.removeContentTypeParser('application/json');
    scope.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/api/v1/webhooks/orders',
      { schema: { querystring: webhookQuery, tags, security: [] } },
      async (request, reply) => {
        // Any other body (text/plain, a form) would be checked as an empty one and read as a bad signature.
        if (request.body !== undefined && !Buffer.isBuffer(request.body)) {
          throw new AppError('unsupported_media_type', 'Send the order as JSON with Content-Type: application/json', 'content-type');
        }
        const body = request.body ?? Buffer.alloc(0);
        const result = await receiveOrderWebhook(db, { integrationId: request.query.integration, body, headers: request.headers });
        return reply.status(result.outcome === 'created' ? 201 : 200).send(result);
      },
    );
  });
}
