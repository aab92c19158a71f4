import fastifyRateLimit from '@fastify/rate-limit';
import type { App } from '../platform/http.ts';

type Limit = { max: number; timeWindow: string };

/**
 * Routes anyone can reach without signing in, and how often one address may call them. A signed
 * token or signature is the credential there, so nothing else stops one client from flooding the
 * database with survey answers, unsubscribes, webhook deliveries or login attempts (each login costs
 * an scrypt). Keyed on request.ip, which is the real peer unless TRUST_PROXY says otherwise.
 */
const publicSurfaces: { matches: (url: string) => boolean; limit: Limit }[] = [
  { matches: (url) => url === '/api/v1/auth/login', limit: { max: 20, timeWindow: '1 minute' } },
  // Surveys (/s), referrals (/r) and unsubscribe pages (/u): a person needs a few requests.
  { matches: (url) => /^\/[sru]\//.test(url), limit: { max: 30, timeWindow: '1 minute' } },
  // A shop sends bursts of order webhooks from few addresses.
  { matches: (url) => url === '/api/v1/webhooks/orders', limit: { max: 300, timeWindow: '1 minute' } },
  // Calendar apps poll every few minutes; one provider fetches many users' feeds from one address.
  { matches: (url) => url.startsWith('/calendar/'), limit: { max: 120, timeWindow: '1 minute' } },
];

/** Must be registered before the module routes: it attaches each route's limit as the route is added. */
export async function registerRateLimits(app: App): Promise<void> {
  app.addHook('onRoute', (route) => {
    const surface = publicSurfaces.find((s) => s.matches(route.url));
    if (surface && route.config?.rateLimit === undefined) route.config = { ...route.config, rateLimit: surface.limit };
  });
  // Only the routes above are limited; signed-in API use is throttled by nothing but the server.
  await app.register(fastifyRateLimit, { global: false });
}
