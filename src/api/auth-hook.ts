import type { FastifyReply, FastifyRequest, onSendHookHandler } from 'fastify';
import type { Db } from '../platform/db.ts';
import { AppError } from '../platform/errors.ts';
import { type App, type AppContext, type SignedInUser, sessionCookie } from '../platform/http.ts';
import { listenForUserChanges, startTokenUseFlush, userForApiToken, userForSession } from '../modules/users/index.ts';



// The order webhook proves itself with an HMAC signature of its body (src/modules/webhooks).
const publicRoutes = new Set(['/api/v1/auth/login', '/api/v1/webhooks/orders']);
const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * What a person may do while the password an administrator gave them must still be replaced: the
 * profile page (their profile, the team for time away, the bell) and the change itself. Anything
 * else, tokens included, waits: whoever saw the administrator's message must not use the account.
 */
const beforePasswordChange = new Set(['POST /api/v1/auth/password', 'POST /api/v1/auth/logout', 'GET /api/v1/auth/me', 'GET /api/v1/me', 'PATCH /api/v1/me', 'GET /api/v1/users', 'GET /api/v1/notifications/unread-count', 'GET /api/v1/auth/tokens', 'GET /api/v1/company-settings']);

// A cookie is sent by the browser whatever page made the request, so a state-changing request that
// relies on it must come from our own origin (CSRF). Bearer tokens are never sent automatically.
function assertSameOrigin(request: FastifyRequest, required: boolean): void {
  const source = request.headers.origin ?? request.headers.referer;
  if (!source) {
    if (required) throw new AppError('forbidden', 'Cross-site request refused: Origin header missing');
    return;
  }
  let sameHost = false;
  try {
    const origin = new URL(source);
    // Parsing the Host header with the origin's scheme drops a default port (:80, :443) on both sides.
    sameHost = origin.host === new URL(`${origin.protocol}//${request.headers.host ?? ''}`).host;
  } catch {
    sameHost = false;
  }
  if (!sameHost) throw new AppError('forbidden', 'Cross-site request refused');
}

/** Every /api/v1 route needs a session cookie or a bearer token, except logging in. */
export function authenticate(db: Db) {
  return async (request: FastifyRequest, _reply: FastifyReply) => {
    request.user = null;
    request.authMethod = null;
    const path = request.url.split('?')[0] ?? '';
    if (!path.startsWith('/api/v1/')) return;
    const unsafe = !safeMethods.has(request.method);
    if (publicRoutes.has(path)) {
      if (unsafe) assertSameOrigin(request, false);
      return;
    }
    const bearer = request.headers.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
    let signedIn: SignedInUser | undefined;
    if (bearer) {
      signedIn = await userForApiToken(db, bearer);
      request.authMethod = 'token';
    } else {
      const session = request.cookies[sessionCookie];
      if (session) {
        signedIn = await userForSession(db, session);
        request.authMethod = 'session';
      }
    }
    request.user = signedIn ?? null;
    if (!request.user) throw new AppError('unauthorized', 'Sign in or send a valid bearer token');
    if (signedIn?.must_change_password && !beforePasswordChange.has(`${request.method === 'HEAD' ? 'GET' : request.method} ${path}`)) {
      throw new AppError('forbidden', 'Change the password an administrator set for you first (POST /api/v1/auth/password, or the Profile page)', 'password');
    }
    if (unsafe && request.authMethod === 'session') assertSameOrigin(request, true);
  };
}

/**
 * Answers under /api/v1 carry a user's customers and session: no browser or proxy cache may keep
 * them (the back button on a shared computer, a corporate proxy). Routes that set their own policy keep it.
 */
export const forbidCachingOfApiAnswers: onSendHookHandler = (request, reply, payload, done) => {
  if (request.url.startsWith('/api/v1/') && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
  done(null, payload);
};

/**
 * Sign-ins are cached for a few seconds (src/modules/users/auth-cache.ts): this process hears other
 * processes' sign-outs, revocations and role changes by NOTIFY, and writes API token use once a
 * minute instead of on every request. Both stop, with a last write, when the server closes.
 */
export async function keepSignInsFresh(app: App, ctx: AppContext): Promise<void> {
  const stopListening = ctx.ops?.listen ? await listenForUserChanges(ctx.ops.listen) : null;
  const stopTokenUseFlush = startTokenUseFlush(ctx.db, (error) => app.log.warn({ err: error }, 'could not record when API tokens were last used'));
  app.addHook('onClose', async () => {
    await stopListening?.();
    await stopTokenUseFlush();
  });
}
