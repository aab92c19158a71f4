import type { App } from '../platform/http.ts';

/**
 * One line per request at debug, and one line per refused request (4xx) at warn: a client's mistake
 * is worth a look, a successful read is not. Server errors (5xx) are logged by the error handler with
 * their cause, so they get no second line here. The route pattern, never the URL, goes in the warn
 * line: signed public links (surveys, unsubscribe) carry their token in the path.
 */
const debugLevels = new Set(['debug', 'trace']);

export function registerRequestLog(app: App): void {
  app.addHook('onResponse', (request, reply, done) => {
    const status = reply.statusCode;
    const ms = Math.round(reply.elapsedTime);
    if (status >= 400 && status < 500) {
      request.log.warn({ method: request.method, route: request.routeOptions.url ?? 'unmatched', status, ms }, 'request refused');
    } else if (debugLevels.has(request.log.level)) {
      request.log.debug({ method: request.method, url: request.url, status, ms }, 'request');
    }
    done();
  });
}
