import { z } from 'zod';
import { type App, type AppContext, currentUser } from '../../platform/http.ts';
import { pageQuery } from '../../platform/paging.ts';
import { assertManager, redactCustomerLinks } from '../../platform/permissions.ts';
import { listOutbox } from './outbox.queries.ts';
import { pageBrand } from '../company/index.ts';
import { unsubscribePage } from './unsubscribe-page.ts';
import { checkUnsubscribeToken, unsubscribeByToken } from './unsubscribe.ts';

const tokenParams = z.object({ token: z.string().min(10).max(500) });
const outboxQuery = pageQuery.extend({
  status: z.enum(['queued', 'sending', 'sent', 'failed', 'suppressed']).optional(),
  account_id: z.string().uuid().optional(),
});

export function registerMessageRoutes(app: App, { db }: AppContext): void {
  app.get('/u/:token', { schema: { params: tokenParams, hide: true } }, async (request, reply) => {
    const result = await checkUnsubscribeToken(db, request.params.token);
    return reply.type('text/html; charset=utf-8').status(result.status === 'invalid' ? 404 : 200).send(unsubscribePage(request.params.token, result, false, await pageBrand(db)));
  });
  // Both the page's button and a mail client's one-click List-Unsubscribe-Post land here.
  app.post('/u/:token', { schema: { params: tokenParams, hide: true } }, async (request, reply) => {
    const result = await unsubscribeByToken(db, request.params.token);
    return reply.type('text/html; charset=utf-8').status(result.status === 'invalid' ? 404 : 200).send(unsubscribePage(request.params.token, result, true, await pageBrand(db)));
  });

  app.get('/api/v1/messages', { schema: { querystring: outboxQuery, tags: ['messages'] } }, async (request) => {
    const user = currentUser(request);
    assertManager(user, 'read the outbox');
    const page = await listOutbox(db, request.query);
    return { ...page, items: page.items.map((m) => ({ ...m, body_text: redactCustomerLinks(user, m.body_text) })) };
  });
}
