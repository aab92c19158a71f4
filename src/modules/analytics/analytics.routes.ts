import { type App, type AppContext, idParams, requireRole } from '../../platform/http.ts';
import { now } from '../../platform/clock.ts';
import { requestScoring } from './analytics.jobs.ts';
import { accountScore, clvDistribution, listScoredAccounts, rfmGrid, segmentSummary } from './analytics.queries.ts';
import { asOfQuery, scoreBody, scoredAccountsQuery, updateSettingsBody } from './analytics.schema.ts';
import { utcDate } from './as-of.ts';
import { cohortReport, fitReport, recentRuns } from './runs.queries.ts';
import { getAnalyticsSettings, updateAnalyticsSettings } from './settings.service.ts';

export function registerAnalyticsRoutes(app: App, { db }: AppContext): void {
  const tags = ['analytics'];

  app.get('/api/v1/accounts/:id/score', { schema: { params: idParams, tags } }, async (request) => accountScore(db, request.params.id));

  app.get('/api/v1/analytics/accounts', { schema: { querystring: scoredAccountsQuery, tags } }, async (request) =>
    listScoredAccounts(db, request.query),
  );
  app.get('/api/v1/analytics/segments', { schema: { querystring: asOfQuery, tags } }, async (request) => segmentSummary(db, request.query.as_of));
  app.get('/api/v1/analytics/rfm-grid', { schema: { querystring: asOfQuery, tags } }, async (request) => rfmGrid(db, request.query.as_of));
  app.get('/api/v1/analytics/clv-distribution', { schema: { querystring: asOfQuery, tags } }, async (request) =>
    clvDistribution(db, request.query.as_of),
  );
  app.get('/api/v1/analytics/cohorts', { schema: { querystring: asOfQuery, tags } }, async (request) => cohortReport(db, request.query.as_of));
  app.get('/api/v1/analytics/fit', { schema: { querystring: asOfQuery, tags } }, async (request) => fitReport(db, request.query.as_of));
  app.get('/api/v1/analytics/runs', { schema: { tags } }, async () => ({ items: await recentRuns(db) }));

  // Scoring reads every order: on demand only for those who answer for the numbers, and queued so
  // the request returns at once while the worker does the work.
  app.post('/api/v1/analytics/score', { schema: { body: scoreBody, tags } }, async (request, reply) => {
    requireRole(request, ['admin', 'manager']);
    return reply.status(202).send(await requestScoring(db, request.body.as_of ?? utcDate(now())));
  });

  app.get('/api/v1/analytics/settings', { schema: { tags } }, async () => getAnalyticsSettings(db));
  app.patch('/api/v1/analytics/settings', { schema: { body: updateSettingsBody, tags } }, async (request) => {
    const user = requireRole(request, ['admin', 'manager']);
    return updateAnalyticsSettings(db, request.body, user.id);
  });
}
