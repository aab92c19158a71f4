import { type App, type AppContext, currentUser, idParams } from '../../platform/http.ts';
import { accountOf, assertCanWorkOnAccount, assertManager } from '../../platform/permissions.ts';
import { createContactBody, listContactsQuery, updateContactBody } from './contacts.schema.ts';
import { createContact, deleteContact, getContact, listContacts, updateContact } from './contacts.service.ts';

export function registerContactRoutes(app: App, { db }: AppContext): void {
  const tags = ['contacts'];
  app.get('/api/v1/contacts', { schema: { querystring: listContactsQuery, tags } }, async (request) =>
    listContacts(db, request.query),
  );
  app.post('/api/v1/contacts', { schema: { body: createContactBody, tags } }, async (request, reply) => {
    await assertCanWorkOnAccount(db, currentUser(request), request.body.account_id);
    return reply.status(201).send(await createContact(db, request.body, currentUser(request).id));
  });
  app.get('/api/v1/contacts/:id', { schema: { params: idParams, tags } }, async (request) =>
    getContact(db, request.params.id),
  );
  app.patch('/api/v1/contacts/:id', { schema: { params: idParams, body: updateContactBody, tags } }, async (request) => {
    await assertCanWorkOnAccount(db, currentUser(request), await accountOf(db, 'contacts', request.params.id));
    return updateContact(db, request.params.id, request.body, currentUser(request).id);
  });
  app.delete('/api/v1/contacts/:id', { schema: { params: idParams, tags } }, async (request, reply) => {
    // A deleted contact takes its consent and history with it: not a salesperson's call.
    assertManager(currentUser(request), 'delete contacts');
    await deleteContact(db, request.params.id, currentUser(request).id);
    return reply.status(204).send();
  });
}
