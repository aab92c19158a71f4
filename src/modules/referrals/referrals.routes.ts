import { z } from 'zod';
import { type App, type AppContext, currentUser, idParams } from '../../platform/http.ts';
import { accountOf, assertCanWorkOnAccount } from '../../platform/permissions.ts';
import { pageBrand } from '../company/index.ts';
import { requestLinks } from '../customer-links/index.ts';
import { askForReferral } from './ask-for-referral.ts';
import { createReferrals } from './record-referrals.ts';
import { setReferralStatus } from './referral-outcomes.ts';
import { referralPage } from './referral-page.ts';
import { listReferrals, referralStats } from './referrals.queries.ts';
import { createReferralsBody, listReferralsQuery, readReferralForm, updateReferralBody } from './referrals.schema.ts';
import { checkReferralLink, submitReferralForm } from './submit-referral-form.ts';

const tokenParams = z.object({ token: z.string().min(10).max(600) });
const askBody = z.object({ account_id: z.string().uuid(), contact_id: z.string().uuid() });

export function registerReferralRoutes(app: App, ctx: AppContext): void {
  const { db } = ctx;
  const tags = ['referrals'];
  app.get('/r/:token', { schema: { hide: true } }, async (request, reply) => {
    const token = tokenParams.safeParse(request.params);
    const page = referralPage(token.data?.token ?? '', token.success ? await checkReferralLink(db, token.data.token) : { status: 'invalid' }, [], await pageBrand(db));
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').status(page.status).send(page.html);
  });
  app.post('/r/:token', { schema: { hide: true } }, async (request, reply) => {
    const token = tokenParams.safeParse(request.params);
    const form = readReferralForm(request.body);
    const result = token.success ? await submitReferralForm(db, token.data.token, form) : ({ status: 'invalid' } as const);
    const page = referralPage(token.data?.token ?? '', result, form.rows, await pageBrand(db));
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').status(page.status).send(page.html);
  });

  app.get('/api/v1/referrals', { schema: { querystring: listReferralsQuery, tags } }, async (request) => listReferrals(db, request.query));
  app.post('/api/v1/referrals', { schema: { body: createReferralsBody, tags } }, async (request, reply) => {
    const user = currentUser(request);
    await assertCanWorkOnAccount(db, user, request.body.account_id);
    return reply.status(201).send({ items: await createReferrals(db, request.body, user.id) });
  });
  app.post('/api/v1/referrals/ask', { schema: { body: askBody, tags } }, async (request, reply) => {
    const user = currentUser(request);
    await assertCanWorkOnAccount(db, user, request.body.account_id);
    return reply.status(201).send(await askForReferral(db, request.body, user, await requestLinks(ctx)));
  });
  app.get('/api/v1/referrals/stats', { schema: { tags } }, async () => referralStats(db));
  app.patch('/api/v1/referrals/:id', { schema: { params: idParams, body: updateReferralBody, tags } }, async (request) => {
    await assertCanWorkOnAccount(db, currentUser(request), await accountOf(db, 'referrals', request.params.id));
    return setReferralStatus(db, request.params.id, request.body.status);
  });
}
