import { createHash, timingSafeEqual } from 'node:crypto';
import { sql } from 'kysely';
import { countMessagesByStatus } from '../modules/messages/index.ts';
import { countDeliveriesByStatus } from '../modules/webhooks/index.ts';
import { now } from '../platform/clock.ts';
import type { Db } from '../platform/db.ts';
import { pendingEvents } from '../platform/event-cursor.ts';
import type { App, AppContext } from '../platform/http.ts';
import { pendingMigrations } from '../platform/migrate.ts';
import { formatMetrics, Histogram, type MetricFamily, prometheusContentType } from '../platform/prometheus.ts';

const notFound = { error: { code: 'not_found', message: 'No route GET /metrics' } };

function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** Why the app cannot serve now, or null when it can: the database answers and every migration is applied. */
async function notReadyReason(db: Db): Promise<string | null> {
  let missing: string[];
  try {
    missing = await pendingMigrations(db);
  } catch (error) {
    // Not ready is the answer here, not an error: a load balancer reads the status, a person the reason.
    return `database unreachable: ${error instanceof Error ? error.message : String(error)}`;
  }
  return missing.length ? `migrations not applied: ${missing.join(', ')}` : null;
}

async function jobFamilies(db: Db): Promise<MetricFamily[]> {
  const at = now();
  const { rows } = await sql<{ status: string; n: number; due: number; oldest_due: Date | null }>`
    select status, count(*)::int as n,
      count(*) filter (where status = 'queued' and run_at <= ${at})::int as due,
      min(run_at) filter (where status = 'queued' and run_at <= ${at}) as oldest_due
    from jobs where status in ('queued', 'running') group by status`.execute(db);
  const oldest = rows.map((r) => r.oldest_due).find((d) => d !== null);
  return [
    { name: 'afterclose_jobs', help: 'Jobs waiting or running', type: 'gauge', samples: ['queued', 'running'].map((status) => ({ labels: { status }, value: rows.find((r) => r.status === status)?.n ?? 0 })) },
    { name: 'afterclose_jobs_due', help: 'Queued jobs whose time has come (the queue depth)', type: 'gauge', samples: [{ value: rows.reduce((sum, r) => sum + r.due, 0) }] },
    {
      name: 'afterclose_oldest_due_job_age_seconds',
      help: 'How long the oldest due job has waited; 0 when none is due',
      type: 'gauge',
      samples: [{ value: oldest ? Math.max(0, (at.getTime() - new Date(oldest).getTime()) / 1000) : 0 }],
    },
  ];
}

async function playbookLag(db: Db): Promise<MetricFamily[]> {
  const pending = await pendingEvents(db, 'playbooks');
  const { rows } = await sql<{ oldest: Date | null }>`
    select min(e.occurred_at) as oldest from events e, event_cursors c
    where c.consumer = 'playbooks' and (e.tx, e.id) > (c.last_tx, c.last_id)`.execute(db);
  const oldest = rows[0]?.oldest;
  return [
    { name: 'afterclose_playbook_events_pending', help: 'Events in the log the playbooks have not read yet', type: 'gauge', samples: [{ value: pending }] },
    {
      name: 'afterclose_playbook_lag_seconds',
      help: 'Age of the oldest event the playbooks have not read; 0 when they are caught up',
      type: 'gauge',
      samples: [{ value: oldest ? Math.max(0, (now().getTime() - new Date(oldest).getTime()) / 1000) : 0 }],
    },
  ];
}

async function collect(ctx: AppContext, requests: Histogram): Promise<MetricFamily[]> {
  const [jobs, lag, emails, deliveries] = await Promise.all([jobFamilies(ctx.db), playbookLag(ctx.db), countMessagesByStatus(ctx.db), countDeliveriesByStatus(ctx.db)]);
  const families: MetricFamily[] = [
    requests.family(),
    ...jobs,
    { name: 'afterclose_emails_sent_total', help: 'Emails sent', type: 'counter', samples: [{ value: emails.sent }] },
    { name: 'afterclose_emails_failed_total', help: 'Emails given up after their last attempt', type: 'counter', samples: [{ value: emails.failed }] },
    { name: 'afterclose_emails_waiting', help: 'Emails queued or being sent', type: 'gauge', samples: [{ value: emails.queued + emails.sending }] },
    { name: 'afterclose_webhook_deliveries', help: 'Outbound webhook deliveries by status', type: 'gauge', samples: Object.entries(deliveries).map(([status, value]) => ({ labels: { status }, value })) },
    ...lag,
  ];
  const pool = ctx.ops?.poolStats();
  if (pool) {
    families.push(
      { name: 'afterclose_db_pool_connections', help: 'Database connections of this process by state', type: 'gauge', samples: [{ labels: { state: 'idle' }, value: pool.idle }, { labels: { state: 'busy' }, value: pool.total - pool.idle }] },
      { name: 'afterclose_db_pool_waiting', help: 'Queries waiting for a free connection', type: 'gauge', samples: [{ value: pool.waiting }] },
    );
  }
  families.push({ name: 'process_resident_memory_bytes', help: 'Resident memory of this process', type: 'gauge', samples: [{ value: process.memoryUsage().rss }] });
  return families;
}

/**
 * `/api/health` says the process lives (restart it if not); `/api/ready` says it can serve (send it
 * traffic); `/metrics` is for Prometheus, behind METRICS_TOKEN (absent, the route does not exist).
 */
export function registerObservability(app: App, ctx: AppContext): void {
  const requests = new Histogram('afterclose_http_request_duration_seconds', 'HTTP requests by route and status', [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]);
  app.addHook('onResponse', (request, reply, done) => {
    // The route pattern, never the URL: ids in paths would make one series per record.
    const route = request.routeOptions.url ?? 'unmatched';
    if (route !== '/metrics') requests.observe({ method: request.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
    done();
  });

  app.get('/api/health', { schema: { hide: true } }, async () => ({ status: 'ok', database: ctx.kind }));
  app.get('/api/ready', { schema: { hide: true } }, async (_request, reply) => {
    const reason = await notReadyReason(ctx.db);
    return reason ? reply.status(503).send({ status: 'unavailable', reason }) : { status: 'ready', database: ctx.kind };
  });

  app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
    const token = ctx.env.METRICS_TOKEN;
    if (!token) return reply.status(404).send(notFound);
    const given = request.headers.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1] ?? '';
    if (!sameSecret(given, token)) {
      return reply.status(401).header('www-authenticate', 'Bearer').send({ error: { code: 'unauthorized', message: 'Send Authorization: Bearer <METRICS_TOKEN>' } });
    }
    return reply.header('content-type', prometheusContentType).header('cache-control', 'no-store').send(formatMetrics(await collect(ctx, requests)));
  });
}
