import { now } from '../platform/clock.ts';
import { AppError } from '../platform/errors.ts';
import { type App, type AppContext, requireRole } from '../platform/http.ts';

/**
 * `POST /api/v1/admin/backup` (admins): the embedded database as a gzipped tarball, taken by the
 * process that holds the data directory, which is the only one allowed to open it. `afterclose
 * backup FILE --url …` calls it (docs/decisions/0014-backups.md).
 */
export function registerBackupRoute(app: App, ctx: AppContext): void {
  app.post('/api/v1/admin/backup', { schema: { tags: ['admin'], summary: 'Back up the embedded database (admins)' } }, async (request, reply) => {
    requireRole(request, ['admin']);
    const dump = ctx.ops?.dumpDataDir;
    if (!dump) {
      throw new AppError('conflict', ctx.kind === 'postgres' ? 'This app uses a PostgreSQL server: back it up with pg_dump' : 'Backups are not available in this process');
    }
    const bytes = Buffer.from(await (await dump()).arrayBuffer());
    const name = `afterclose-${now().toISOString().replace(/[:.]/g, '-')}.tar.gz`;
    request.log.info({ bytes, by: request.user?.id }, 'backup taken');
    return reply.header('content-type', 'application/gzip').header('content-disposition', `attachment; filename="${name}"`).send(bytes);
  });
}
