import { type App, type AppContext, currentUser, idParams, requireRole } from '../../platform/http.ts';
import { assertCanWorkOnIssue } from '../../platform/permissions.ts';
import { openIssue } from './create-issue.ts';
import { replyToIssue } from './issue-replies.ts';
import { changeIssueStatus, updateIssue } from './issue-status.ts';
import { getIssue, listIssues, listSlas } from './issues.queries.ts';
import { createIssueBody, issuePage, issueReplyBody, issueStatusBody, listIssuesQuery, serviceStatsQuery, severityParams, updateIssueBody, updateSlaBody } from './issues.schema.ts';
import { serviceStats } from './service-stats.ts';
import { updateSla } from './sla.ts';

export function registerIssueRoutes(app: App, { db }: AppContext): void {
  const tags = ['service'];
  app.get('/api/v1/issues', { schema: { querystring: listIssuesQuery, response: { 200: issuePage }, tags } }, async (request) => listIssues(db, request.query));
  app.post('/api/v1/issues', { schema: { body: createIssueBody, tags } }, async (request, reply) =>
    reply.status(201).send(await getIssue(db, (await openIssue(db, request.body, currentUser(request).id)).id)),
  );
  app.get('/api/v1/issues/:id', { schema: { params: idParams, tags } }, async (request) => getIssue(db, request.params.id));
  app.patch('/api/v1/issues/:id', { schema: { params: idParams, body: updateIssueBody, tags } }, async (request) => {
    // Moving work between agents is a manager's call; the service team edits the rest.
    const user = request.body.assignee_id ? requireRole(request, ['admin', 'manager']) : requireRole(request, ['admin', 'manager', 'service']);
    return updateIssue(db, request.params.id, request.body, user.id);
  });
  app.post('/api/v1/issues/:id/replies', { schema: { params: idParams, body: issueReplyBody, tags } }, async (request, reply) => {
    const user = currentUser(request);
    await assertCanWorkOnIssue(db, user, request.params.id);
    return reply.status(201).send(await replyToIssue(db, request.params.id, request.body, user.id));
  });
  app.post('/api/v1/issues/:id/status', { schema: { params: idParams, body: issueStatusBody, tags } }, async (request) => {
    const user = currentUser(request);
    await assertCanWorkOnIssue(db, user, request.params.id);
    return changeIssueStatus(db, request.params.id, request.body, user.id);
  });
  app.get('/api/v1/service/stats', { schema: { querystring: serviceStatsQuery, tags } }, async (request) => serviceStats(db, request.query));
  app.get('/api/v1/service/slas', { schema: { tags } }, async () => ({ items: await listSlas(db) }));
  app.patch('/api/v1/service/slas/:severity', { schema: { params: severityParams, body: updateSlaBody, tags } }, async (request) => {
    const user = requireRole(request, ['admin', 'manager']);
    return updateSla(db, request.params.severity, request.body, user.id);
  });
}
