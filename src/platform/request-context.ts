import { AsyncLocalStorage } from 'node:async_hooks';

type RequestContext = { ip: string | null };

const storage = new AsyncLocalStorage<RequestContext>();

/**
 * Runs the rest of a request with its client address at hand. The audit writer reads it here rather
 * than from every service's arguments: the address is needed only in the audit entry, and dozens of
 * service functions (and the touches → deals path) would otherwise pass it through untouched.
 */
export function runWithRequestContext(context: RequestContext, fn: () => void): void {
  storage.run(context, fn);
}

/** The client address of the HTTP request being served; null in the worker, the CLI and tests calling services directly. */
export function requestIp(): string | null {
  return storage.getStore()?.ip ?? null;
}
