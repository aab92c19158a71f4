import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet from 'helmet';
import type { App, AppContext } from '../platform/http.ts';

function servedOverHttps(env: AppContext['env']): boolean {
  return env.PUBLIC_URL !== undefined && new URL(env.PUBLIC_URL).protocol === 'https:';
}

/**
 * helmet's headers for our policy, worked out once: our policy has no per-request part (no nonces),
 * so every answer carries the same values. @fastify/helmet rebuilt the whole middleware, parsing the
 * policy again, on every request (issue 15).
 */
export function securityHeaders(env: AppContext['env']): Record<string, string> {
  const headers: Record<string, string> = {};
  const collector = {
    setHeader(name: string, value: string) {
      headers[name.toLowerCase()] = value;
    },
    // helmet drops X-Powered-By, which Fastify never sends.
    removeHeader() {},
  };
  const middleware = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        // helmet adds upgrade-insecure-requests by default: served over plain HTTP on any address
        // but localhost, the browser then fetches the scripts over https and shows a blank page.
        // Only an https deployment asks for it.
        upgradeInsecureRequests: servedOverHttps(env) ? [] : null,
      },
    },
  });
  middleware({} as IncomingMessage, collector as unknown as ServerResponse, (error?: unknown) => {
    if (error) throw error;
  });
  return headers;
}

/** Every answer, API, web app, errors and not-found alike, carries the security headers; a route may set its own policy over them. */
export function registerSecurityHeaders(app: App, env: AppContext['env']): void {
  const headers = securityHeaders(env);
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers);
    done();
  });
}
