import { type App, type AppContext, currentUser, idParams } from '../../platform/http.ts';
import { assertCanWorkOnAccount } from '../../platform/permissions.ts';
import { recordMentionBody } from './mentions.schema.ts';
import { listMentions, recordMention } from './mentions.service.ts';

export function registerMentionRoutes(app: App, { db }: AppContext): void {
  const tags = ['mentions'];
  app.get('/api/v1/accounts/:id/mentions', { schema: { params: idParams, tags } }, async (request) => ({
    items: await listMentions(db, request.params.id),
  }));
  app.post('/api/v1/accounts/:id/mentions', { schema: { params: idParams, body: recordMentionBody, tags } }, async (request, reply) => {
    const user = currentUser(request);
    await assertCanWorkOnAccount(db, user, request.params.id);
    return reply.status(201).send(await recordMention(db, request.params.id, request.body, user.id));
  });
}
