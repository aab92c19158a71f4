import { type App, type AppContext, currentUser, idParams } from '../../platform/http.ts';
import { accountOf, assertCanWorkOnAccount } from '../../platform/permissions.ts';
import { createGoalBody, listGoalsQuery, updateGoalBody } from './goals.schema.ts';
import { achieveGoal, createGoal, listGoals, updateGoal } from './goals.service.ts';

export function registerGoalRoutes(app: App, { db }: AppContext): void {
  const tags = ['goals'];
  app.get('/api/v1/goals', { schema: { querystring: listGoalsQuery, tags } }, async (request) => listGoals(db, request.query));
  app.post('/api/v1/goals', { schema: { body: createGoalBody, tags } }, async (request, reply) => {
    const user = currentUser(request);
    await assertCanWorkOnAccount(db, user, request.body.account_id);
    return reply.status(201).send(await createGoal(db, request.body, user.id));
  });
  app.patch('/api/v1/goals/:id', { schema: { params: idParams, body: updateGoalBody, tags } }, async (request) => {
    await assertCanWorkOnAccount(db, currentUser(request), await accountOf(db, 'goals', request.params.id));
    return updateGoal(db, request.params.id, request.body);
  });
  app.post('/api/v1/goals/:id/achieve', { schema: { params: idParams, tags } }, async (request) => {
    const user = currentUser(request);
    await assertCanWorkOnAccount(db, user, await accountOf(db, 'goals', request.params.id));
    return achieveGoal(db, request.params.id, user.id);
  });
}
