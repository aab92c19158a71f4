import { Readable } from 'node:stream';
import fastifyMultipart, { type MultipartFields, type MultipartValue } from '@fastify/multipart';
import { type App, type AppContext, currentUser, idParams } from '../../platform/http.ts';
import { AppError } from '../../platform/errors.ts';
import { pageQuery } from '../../platform/paging.ts';
import { z } from 'zod';
import { assertManager } from '../../platform/permissions.ts';
import { importFields } from './columns.ts';
import { failedRowsCsv, getImport, listImports } from './imports.queries.ts';
import { importOptions, parseMapOption } from './imports.schema.ts';
import { presets } from './presets.ts';
import { runImport } from './run-import.ts';

function fieldValue(fields: MultipartFields, name: string): string | undefined {
  const field = fields[name];
  const single = Array.isArray(field) ? field[0] : field;
  return single && single.type === 'field' ? String((single as MultipartValue).value) : undefined;
}

/** The import page shows the latest 20; older ones come a page at a time. */
const importsPage = pageQuery.extend({ limit: z.coerce.number().int().min(1).max(200).default(20) });

export function registerImportRoutes(app: App, { db }: AppContext): void {
  const tags = ['imports'];
  app.get('/api/v1/imports/formats', { schema: { tags } }, async () => ({ fields: importFields, presets }));
  // An import writes accounts, owners, contacts, the catalogue and orders whoever owns them, and a
  // failures file holds raw customer rows: both are managers' tools (docs/permissions.md).
  app.get('/api/v1/imports', { schema: { querystring: importsPage, tags } }, async (request) => {
    assertManager(currentUser(request), 'see imports');
    return listImports(db, request.query);
  });
  app.get('/api/v1/imports/:id', { schema: { params: idParams, tags } }, async (request) => {
    assertManager(currentUser(request), 'see imports');
    return getImport(db, request.params.id);
  });
  app.get('/api/v1/imports/:id/failures.csv', { schema: { params: idParams, tags } }, async (request, reply) => {
    assertManager(currentUser(request), 'download failed import rows');
    await getImport(db, request.params.id);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="import-${request.params.id}-failed-rows.csv"`)
      .send(Readable.from(failedRowsCsv(db, request.params.id)));
  });

  // Multipart bodies are parsed in this scope only: the plugin's hooks would otherwise run on every
  // request of the API (issue 15).
  app.register(async (uploads) => {
    // CSV imports stream the upload through the parser, so a file may be far larger than bodyLimit.
    await uploads.register(fastifyMultipart, { limits: { fileSize: 4 * 1024 ** 3, files: 1, fields: 10 } });
    registerImportUpload(uploads, db);
  });
}

function registerImportUpload(app: App, db: AppContext['db']): void {
  // multipart/form-data: the fields kind, preset, map, delimiter, encoding, start_playbooks and
  // create_customers, then the file last. The row limits stay the server's (docs/imports.md): an
  // upload may not raise what one row may cost in memory.
  // The file is imported while it uploads; GET /api/v1/imports shows the progress meanwhile.
  app.post('/api/v1/imports', { schema: { tags: ['imports'], consumes: ['multipart/form-data'] } }, async (request, reply) => {
    const user = currentUser(request);
    assertManager(user, 'run imports');
    if (!request.isMultipart()) throw new AppError('invalid_input', 'Send the CSV as multipart/form-data with a file field', 'file');
    const file = await request.file();
    if (!file) throw new AppError('invalid_input', 'No file in the upload', 'file');
    const map = fieldValue(file.fields, 'map');
    const parsed = importOptions.safeParse({
      kind: fieldValue(file.fields, 'kind'),
      preset: fieldValue(file.fields, 'preset') || undefined,
      map: map ? parseMapOption(map) : {},
      delimiter: fieldValue(file.fields, 'delimiter') || undefined,
      encoding: fieldValue(file.fields, 'encoding') || undefined,
      start_playbooks: fieldValue(file.fields, 'start_playbooks') !== 'false',
      create_customers: fieldValue(file.fields, 'create_customers') === 'true',
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new AppError('invalid_input', `${issue?.path.join('.') ?? 'form'}: ${issue?.message ?? 'invalid'}`, issue?.path.join('.'));
    }
    const length = Number(request.headers['content-length']);
    const report = await runImport(db, {
      source: file.file,
      fileName: file.filename || 'upload.csv',
      bytesTotal: Number.isFinite(length) ? length : null,
      options: parsed.data,
      startedBy: user.id,
    }).catch((error: unknown) => {
      // The multipart parser's words for a body that stops before its closing boundary: the
      // client's upload broke off, which is theirs to send again, not a server error.
      if (error instanceof Error && /Part terminated early|Unexpected end of (form|multipart)/i.test(error.message)) {
        throw new AppError('invalid_input', 'The upload ended before the file did: send the file again', 'file');
      }
      throw error;
    });
    if (file.file.truncated) throw new AppError('payload_too_large', 'The file is larger than the upload limit');
    return reply.status(201).send(report);
  });
}
