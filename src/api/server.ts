import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, LogController } from 'fastify';
import { jsonSchemaTransform, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { ownedAccountsWork, registerAccountRoutes } from '../modules/accounts/index.ts';
import { registerAnalyticsRoutes } from '../modules/analytics/index.ts';
import { registerAuditRoutes } from '../modules/audit/index.ts';
import { registerContactRoutes } from '../modules/contacts/index.ts';
import { registerCalendarRoutes } from '../modules/calendar/index.ts';
import { openDealsWork, registerDealRoutes } from '../modules/deals/index.ts';
import { registerExportRoutes } from '../modules/exports/index.ts';
import { registerImportRoutes } from '../modules/imports/index.ts';
import { registerInboundWebhookRoutes } from '../modules/webhooks/index.ts';
import { registerWebhookSubscriptionRoutes } from '../modules/webhooks/index.ts';
import { openIssuesWork, registerIssueRoutes } from '../modules/issues/index.ts';
import { registerSurveyRoutes } from '../modules/surveys/index.ts';
import { registerReferralRoutes } from '../modules/referrals/index.ts';
import { registerGoalRoutes } from '../modules/goals/index.ts';
import { registerAttentionRoutes } from '../modules/attention/index.ts';
import { registerMeRoutes } from '../modules/me/index.ts';
import { registerMentionRoutes } from '../modules/mentions/index.ts';
import { registerMessageRoutes } from '../modules/messages/index.ts';
import { registerNotificationRoutes } from '../modules/notifications/index.ts';
import { registerCompanyRoutes } from '../modules/company/index.ts';
import { registerPlaybookRoutes } from '../modules/playbooks/index.ts';
import { registerFulfilmentRoutes, registerOrderRoutes } from '../modules/orders/index.ts';
import { AppError } from '../platform/errors.ts';
import { registerPrivacyRoutes } from '../modules/privacy/index.ts';
import { registerProductRoutes } from '../modules/products/index.ts';
import { registerSearchRoutes } from '../modules/search/index.ts';
import { registerTeamLoadRoutes } from '../modules/team-load/index.ts';
import { touchRoutes } from '../modules/touches/index.ts';
import { closeDealInTransaction } from '../modules/deals/index.ts';
import { userRoutes } from '../modules/users/index.ts';
import { authenticate, forbidCachingOfApiAnswers, keepSignInsFresh } from './auth-hook.ts';
import { registerBackupRoute } from './backup-route.ts';
import { answerUnroutable, handleError } from './error-handler.ts';
import { registerObservability } from './observability.ts';
import { registerRateLimits } from './rate-limits.ts';
import { apiValidatorCompiler } from './refuse-unknown-fields.ts';
import { registerRequestLog } from './request-log.ts';
import { refuseNulCharacters } from './refuse-nul.ts';
import { registerSecurityHeaders } from './security-headers.ts';
import type { App, AppContext } from '../platform/http.ts';
import { runWithRequestContext } from '../platform/request-context.ts';
import { serializerCompiler } from '../platform/response-serializer.ts';

// Two folders below the root here and in the server bundle (dist/server, decision 0036) alike.
const webDist = fileURLToPath(new URL('../../web/dist/', import.meta.url));

/** `loggerInstance`: a pino logger of the caller's (tests read what the server logs). */
export type ServerOptions = { logger?: boolean | { level: string }; loggerInstance?: FastifyBaseLogger };

/** Builds the HTTP server: security headers, auth on /api/v1, module routes, API docs and the web app. */
export async function buildServer(ctx: AppContext, options: ServerOptions = {}): Promise<App> {
  const app: App = Fastify({
    ...(options.loggerInstance ? { loggerInstance: options.loggerInstance } : { logger: options.logger ?? false }),
    bodyLimit: 1024 * 1024,
    // Signed public links (unsubscribe, surveys) carry their token in the path.
    routerOptions: { maxParamLength: 600 },
    frameworkErrors: answerUnroutable,
    // One line per request is noise at the default level; requests are logged at debug, errors at warn/error.
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy: ctx.env.TRUST_PROXY,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(apiValidatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  // Public pages (unsubscribe, surveys and referrals) post plain HTML forms, no JavaScript needed.
  // The API takes JSON only: a form's fields would pass its schemas as text and be stored.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (request, body, done) => {
    if (request.url.startsWith('/api/')) {
      done(new AppError('unsupported_media_type', 'Send the body as JSON with Content-Type: application/json', 'content-type'), undefined);
      return;
    }
    done(null, Object.fromEntries(new URLSearchParams(String(body))));
  });
  app.decorateRequest('user', null);
  app.decorateRequest('authMethod', null);

  registerSecurityHeaders(app, ctx.env);
  await app.register(fastifyCookie);
  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'Afterclose API', version: '1.0.0', description: 'Keep customers after the sale.' },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          session: { type: 'apiKey', in: 'cookie', name: 'afterclose_session' },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  // The hooks below run on every request: those that wait for nothing call `done` rather than
  // return a promise, which with the request context's async hooks costs more (issue 15).
  registerRequestLog(app);
  // Before authentication, so every later hook and the handler see the client's address (audit log).
  app.addHook('onRequest', (request, _reply, done) => runWithRequestContext({ ip: request.ip }, done));
  registerObservability(app, ctx);
  app.addHook('onRequest', authenticate(ctx.db));
  await keepSignInsFresh(app, ctx);
  app.addHook('preValidation', refuseNulCharacters);
  app.addHook('onSend', forbidCachingOfApiAnswers);
  await registerRateLimits(app);

  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  for (const register of [
    // Accounts first: an issue then routes to the account's new service owner.
    userRoutes([ownedAccountsWork, openDealsWork, openIssuesWork]),
    registerAccountRoutes,
    registerContactRoutes,
    registerPrivacyRoutes,
    registerProductRoutes,
    registerOrderRoutes,
    registerFulfilmentRoutes,
    registerDealRoutes,
    touchRoutes(closeDealInTransaction),
    registerAnalyticsRoutes,
    registerPlaybookRoutes,
    registerTeamLoadRoutes,
    registerMessageRoutes,
    registerMentionRoutes,
    registerMeRoutes,
    registerAttentionRoutes,
    registerImportRoutes,
    registerExportRoutes,
    registerSearchRoutes,
    registerInboundWebhookRoutes,
    registerWebhookSubscriptionRoutes,
    registerCalendarRoutes,
    registerIssueRoutes,
    registerSurveyRoutes,
    registerReferralRoutes,
    registerGoalRoutes,
    registerAuditRoutes,
    registerNotificationRoutes,
    registerCompanyRoutes,
    registerBackupRoute,
  ]) {
    register(app, ctx);
  }

  if (existsSync(webDist)) {
    await app.register(fastifyStatic, { root: webDist, wildcard: false });
    // The browser routes the web app itself: every other GET outside /api/ that is not a file gets index.html.
    app.setNotFoundHandler((request, reply) => {
      if (request.method === 'GET' && !request.url.startsWith('/api/')) return reply.sendFile('index.html');
      return reply.status(404).send({ error: { code: 'not_found', message: `No route ${request.method} ${request.url.split('?')[0]}` } });
    });
  } else {
    app.setNotFoundHandler((request, reply) =>
      reply.status(404).send({ error: { code: 'not_found', message: `No route ${request.method} ${request.url.split('?')[0]}` } }),
    );
  }
  return app;
}
