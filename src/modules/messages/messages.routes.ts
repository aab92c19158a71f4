import { sql } from 'kysely';
import { z } from 'zod';
import { type App, type AppContext, currentUser } from '../../platform/http.ts';
import { assertManager, redactCustomerLinks } from '../../platform/permissions.ts';
import { cursorString, decodeCursor, pageQuery, toPage } from '../../platform/paging.ts';
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
    return reply.type('text/html; charset=utf-8').status(result.status === 'invalid' ? 404 : 200).send(unsubscribePage(request.params.token, result, false));
  });
  // Both the page's button and a mail client's one-click List-Unsubscribe-Post land here.
  app.post('/u/:token', { schema: { params: tokenParams, hide: true } }, async (request, reply) => {
    const result = await unsubscribeByToken(db, request.params.token);
    return reply.type('text/html; charset=utf-8').status(result.status === 'invalid' ? 404 : 200).send(unsubscribePage(request.params.token, result, true));
  });

  app.get('/api/v1/messages', { schema: { querystring: outboxQuery, tags: ['messages'] } }, async (request) => {
    const user = currentUser(request);
    assertManager(user, 'read the outbox');
    const query = request.query;
    let q = db
      .selectFrom('messages')
      .leftJoin('accounts', 'accounts.id', 'messages.account_id')
      .select(['messages.id', 'messages.account_id', 'accounts.name as account_name', 'messages.to_email', 'messages.subject', 'messages.body_text',
        'messages.status', 'messages.send_after', 'messages.sent_at', 'messages.attempts', 'messages.error', 'messages.created_at'])
      .select(sql<string>`messages.created_at::text`.as('at_key'))
      .orderBy('messages.created_at', 'desc')
      .orderBy('messages.id', 'desc')
      .limit(query.limit + 1);
    if (query.status) q = q.where('messages.status', '=', query.status);
    if (query.account_id) q = q.where('messages.account_id', '=', query.account_id);
    if (query.cursor) {
      const v = decodeCursor(query.cursor, 2);
      q = q.where(sql<boolean>`(messages.created_at, messages.id) < (${cursorString(v, 0)}::timestamptz, ${cursorString(v, 1)}::uuid)`);
    }
    const page = toPage(await q.execute(), query.limit, (row) => [row.at_key, row.id]);
    return { ...page, items: page.items.map(({ at_key: _, ...m }) => ({ ...m, body_text: redactCustomerLinks(user, m.body_text) })) };
  });
}
