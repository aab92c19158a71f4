import { z } from 'zod';
import { type App, type AppContext, currentUser } from '../../platform/http.ts';
import { assertCanWorkOnAccount } from '../../platform/permissions.ts';
import { answerSurvey, checkSurveyLink } from './answer-survey.ts';
import { sendSurvey } from './invite-to-survey.ts';
import { pageBrand } from '../company/index.ts';
import { requestLinks } from '../customer-links/index.ts';
import { listVerbatims, surveyReport } from './survey-reports.ts';
import { surveyPage } from './survey-page.ts';
import { sendSurveyBody, surveyAnswerForm, surveyReportQuery, verbatimsQuery } from './surveys.schema.ts';

const tokenParams = z.object({ token: z.string().min(10).max(600) });

export function registerSurveyRoutes(app: App, ctx: AppContext): void {
  const { db } = ctx;
  const tags = ['surveys'];
  // The public answer page; a link that does not validate gets a page too, never a JSON error.
  app.get('/s/:token', { schema: { hide: true } }, async (request, reply) => {
    const token = tokenParams.safeParse(request.params);
    const page = surveyPage(token.data?.token ?? '', token.success ? await checkSurveyLink(db, token.data.token) : { status: 'invalid' }, await pageBrand(db));
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').status(page.status).send(page.html);
  });
  app.post('/s/:token', { schema: { hide: true } }, async (request, reply) => {
    const token = tokenParams.safeParse(request.params);
    const form = surveyAnswerForm.safeParse(request.body ?? {});
    const result = token.success
      ? await answerSurvey(db, token.data.token, form.success ? form.data : { error: form.error.issues[0]?.message ?? 'Please check your answer' })
      : ({ status: 'invalid' } as const);
    const page = surveyPage(token.data?.token ?? '', result, await pageBrand(db));
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').status(page.status).send(page.html);
  });

  app.post('/api/v1/surveys/invites', { schema: { body: sendSurveyBody, tags } }, async (request, reply) => {
    const user = currentUser(request);
    await assertCanWorkOnAccount(db, user, request.body.account_id);
    return reply.status(201).send(await sendSurvey(db, request.body, user.id, await requestLinks(ctx)));
  });
  app.get('/api/v1/surveys/report', { schema: { querystring: surveyReportQuery, tags } }, async (request) => surveyReport(db, request.query));
  app.get('/api/v1/surveys/verbatims', { schema: { querystring: verbatimsQuery, tags } }, async (request) => listVerbatims(db, request.query));
}
