import { z } from 'zod';
import { type App, type AppContext, currentUser, idParams, requireRole } from '../../platform/http.ts';
import { sessionCookie } from '../../platform/http.ts';
import { createApiToken, listApiTokens, logIn, logOut, revokeApiToken } from './auth.service.ts';
import { changeOwnPassword } from './password-change.ts';
import { changePasswordBody, createTokenBody, createUserBody, loginBody, updateUserBody } from './users.schema.ts';
import { type LeaverWork, plannedTouchesWork } from './leaver-work.ts';
import { createUser, listUsers, updateUser } from './users.service.ts';

/**
 * The users routes. `works` is what a person can hold (accounts, deals, issues…), supplied by the
 * modules that own it, so a deactivation hands all of it over; planned touches always come first.
 */
export function userRoutes(works: LeaverWork[]) {
  const held = [plannedTouchesWork, ...works];
  return function registerUserRoutes(app: App, { db, env }: AppContext): void {
    const secureCookie = env.PUBLIC_URL?.startsWith('https://') ?? false;

    app.post('/api/v1/auth/login', { schema: { body: loginBody, tags: ['auth'] } }, async (request, reply) => {
      const { user, sessionToken } = await logIn(db, { ...request.body, ip: request.ip, sessionDays: env.SESSION_DAYS });
      reply.setCookie(sessionCookie, sessionToken, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: secureCookie,
        maxAge: env.SESSION_DAYS * 86_400,
      });
      return { user };
    });

    app.post('/api/v1/auth/logout', { schema: { tags: ['auth'] } }, async (request, reply) => {
      const token = request.cookies[sessionCookie];
      if (token) await logOut(db, token);
      reply.clearCookie(sessionCookie, { path: '/' });
      return reply.status(204).send();
    });

    app.get('/api/v1/auth/me', { schema: { tags: ['auth'] } }, async (request) => ({ user: currentUser(request) }));

    app.post('/api/v1/auth/password', { schema: { body: changePasswordBody, tags: ['auth'] } }, async (request, reply) => {
      await changeOwnPassword(db, currentUser(request).id, request.body, { ip: request.ip, sessionToken: request.authMethod === 'session' ? request.cookies[sessionCookie] : undefined });
      return reply.status(204).send();
    });

    app.get('/api/v1/auth/tokens', { schema: { tags: ['auth'] } }, async (request) => ({ items: await listApiTokens(db, currentUser(request).id) }));

    app.post('/api/v1/auth/tokens', { schema: { body: createTokenBody, tags: ['auth'] } }, async (request, reply) => {
      const token = await createApiToken(db, currentUser(request).id, request.body.name);
      return reply.status(201).send(token);
    });

    app.delete(
      '/api/v1/auth/tokens/:id',
      { schema: { params: z.object({ id: z.string().uuid() }), tags: ['auth'] } },
      async (request, reply) => {
        await revokeApiToken(db, currentUser(request).id, request.params.id);
        return reply.status(204).send();
      },
    );

    app.get('/api/v1/users', { schema: { tags: ['users'] } }, async () => ({ items: await listUsers(db, held) }));

    app.post('/api/v1/users', { schema: { body: createUserBody, tags: ['users'] } }, async (request, reply) => {
      const admin = requireRole(request, ['admin']);
      return reply.status(201).send(await createUser(db, request.body, admin.id));
    });

    app.patch('/api/v1/users/:id', { schema: { params: idParams, body: updateUserBody, tags: ['users'] } }, async (request) => {
      const admin = requireRole(request, ['admin']);
      return updateUser(db, request.params.id, request.body, admin.id, held);
    });
  };
}
