import { z } from 'zod';
import { type App, type AppContext, idParams, requireRole } from '../../platform/http.ts';
import { replyNdjson } from '../../platform/ndjson.ts';
import { createPlaybookBody, updatePlaybookBody } from './playbooks.schema.ts';
import { simulationBody } from './simulation.schema.ts';
import { runSimulation, simulationCsv } from './simulation.service.ts';
import { createPlaybook, getPlaybook, listPlaybooks, listRuns, updatePlaybook } from './playbooks.service.ts';

const editors = ['admin', 'manager'] as const;

export function registerPlaybookRoutes(app: App, { db }: AppContext): void {
  const tags = ['playbooks'];
  app.get('/api/v1/playbooks', { schema: { tags } }, async () => ({ items: await listPlaybooks(db) }));
  app.get('/api/v1/playbooks/:id', { schema: { params: idParams, tags } }, async (request) => getPlaybook(db, request.params.id));
  app.post('/api/v1/playbooks', { schema: { body: createPlaybookBody, tags } }, async (request, reply) => {
    const editor = requireRole(request, [...editors]);
    return reply.status(201).send(await createPlaybook(db, request.body, editor.id));
  });
  app.patch('/api/v1/playbooks/:id', { schema: { params: idParams, body: updatePlaybookBody, tags } }, async (request) => {
    const editor = requireRole(request, [...editors]);
    return updatePlaybook(db, request.params.id, request.body, editor.id);
  });
  app.post('/api/v1/playbooks/:id/enable', { schema: { params: idParams, tags } }, async (request) => {
    const editor = requireRole(request, [...editors]);
    return updatePlaybook(db, request.params.id, { enabled: true }, editor.id);
  });
  app.post('/api/v1/playbooks/:id/disable', { schema: { params: idParams, tags } }, async (request) => {
    const editor = requireRole(request, [...editors]);
    return updatePlaybook(db, request.params.id, { enabled: false }, editor.id);
  });
  // Replays history in a rolled-back sandbox: heavy, so only the people who edit the program run it.
  // `format=ndjson` streams "week N of M" lines while it runs, then the result (decision 0033).
  app.post(
    '/api/v1/playbooks/simulations',
    { schema: { body: simulationBody, querystring: z.object({ format: z.enum(['json', 'csv', 'ndjson']).default('json') }), tags } },
    async (request, reply) => {
      requireRole(request, [...editors]);
      if (request.query.format === 'ndjson') {
        return replyNdjson(request, reply, (send) => runSimulation(db, request.body, (progress) => send({ type: 'progress', ...progress })));
      }
      const result = await runSimulation(db, request.body);
      if (request.query.format === 'json') return result;
      return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="afterclose-simulation.csv"').send(simulationCsv(result));
    },
  );
  app.get(
    '/api/v1/playbooks/:id/runs',
    { schema: { params: idParams, querystring: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }), tags } },
    async (request) => {
      await getPlaybook(db, request.params.id);
      return { items: await listRuns(db, request.params.id, request.query.limit) };
    },
  );
}
