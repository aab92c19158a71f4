import { type App, type AppContext, currentUser, idParams, requireRole } from '../../platform/http.ts';
import { assertCanAssignOwners, assertCanEditAccount } from '../../platform/permissions.ts';
import { listAccounts } from './account-list.ts';
import { assertAccountExists, getAccount } from './accounts.queries.ts';
import { accountListView, accountView, createAccountBody, listAccountsQuery, timelineQuery, timelinePage, updateAccountBody } from './accounts.schema.ts';
import { createAccount, deleteAccount, updateAccount } from './accounts.service.ts';
import { accountTimeline } from './timeline.queries.ts';

export function registerAccountRoutes(app: App, { db }: AppContext): void {
  const tags = ['accounts'];

  app.get('/api/v1/accounts', { schema: { querystring: listAccountsQuery, response: { 200: accountListView }, tags } }, async (request) =>
    listAccounts(db, request.query),
  );

  app.post('/api/v1/accounts', { schema: { body: createAccountBody, tags } }, async (request, reply) => {
    const user = currentUser(request);
    assertCanAssignOwners(user, request.body, null);
    const account = await createAccount(db, request.body, user.id);
    return reply.status(201).send(account);
  });

  app.get('/api/v1/accounts/:id', { schema: { params: idParams, response: { 200: accountView }, tags } }, async (request) =>
    getAccount(db, request.params.id),
  );

  app.patch('/api/v1/accounts/:id', { schema: { params: idParams, body: updateAccountBody, tags } }, async (request) => {
    const user = currentUser(request);
    await assertCanEditAccount(db, user, request.params.id, request.body);
    return updateAccount(db, request.params.id, request.body, user.id);
  });

  app.delete('/api/v1/accounts/:id', { schema: { params: idParams, tags } }, async (request, reply) => {
    const user = requireRole(request, ['admin', 'manager']);
    await deleteAccount(db, request.params.id, user.id);
    return reply.status(204).send();
  });

  app.get(
    '/api/v1/accounts/:id/timeline',
    { schema: { params: idParams, querystring: timelineQuery, response: { 200: timelinePage }, tags } },
    async (request) => {
      await assertAccountExists(db, request.params.id);
      return accountTimeline(db, request.params.id, request.query);
    },
  );
}
