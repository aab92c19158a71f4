import { useQuery } from '@tanstack/react-query';
import type { ImportFormatsView, ImportReport, ImportView } from '../../../../src/modules/imports/index.ts';
import type { Jsonified } from '../../../../src/platform/json-types.ts';
import { ApiError, apiRequest } from '../../api.ts';
import { everyServerValue } from '../../server-values.ts';

export type ImportKind = ImportRecord['kind'];
export const importKinds = everyServerValue<ImportKind>()(['accounts', 'contacts', 'products', 'orders']);

/** An import, its report and the formats as the server answers them: types from its own code. */
export type ImportRecord = Jsonified<ImportView>;
export type FinishedImport = Jsonified<ImportReport>;
export type ImportFormats = Jsonified<ImportFormatsView>;

export const useImportFormats = () => useQuery({ queryKey: ['imports', 'formats'], queryFn: ({ signal }) => apiRequest<ImportFormats>('/api/v1/imports/formats', { signal }) });

/** The latest imports; polled every second while one runs, so its progress moves on screen. */
export function useImports(uploading: boolean) {
  return useQuery({
    queryKey: ['imports', 'list'],
    queryFn: ({ signal }) => apiRequest<{ items: ImportRecord[] }>('/api/v1/imports', { signal }),
    refetchInterval: (query) => (uploading || query.state.data?.items.some((i) => i.status === 'running') ? 1000 : false),
  });
}

export type ImportRequest = { kind: ImportKind; preset: string; map: Record<string, string>; file: File; startPlaybooks: boolean; createCustomers: boolean };

/** Uploads the file as multipart form data (fields first, file last, as the server reads them). */
export async function uploadImport(request: ImportRequest): Promise<FinishedImport> {
  const form = new FormData();
  form.append('kind', request.kind);
  if (request.preset) form.append('preset', request.preset);
  const map = Object.entries(request.map).map(([field, header]) => `${field}=${header}`).join(',');
  if (map) form.append('map', map);
  if (!request.startPlaybooks) form.append('start_playbooks', 'false');
  if (request.createCustomers) form.append('create_customers', 'true');
  form.append('file', request.file);
  const response = await fetch('/api/v1/imports', { method: 'POST', body: form, credentials: 'same-origin', headers: { Accept: 'application/json' } });
  const text = await response.text();
  if (response.ok) return JSON.parse(text) as FinishedImport;
  let error: { code: string; message: string; field?: string } | undefined;
  try {
    error = (JSON.parse(text) as { error?: typeof error }).error;
  } catch {
    // A proxy answered with HTML: the HTTP status below is all there is to say.
  }
  throw new ApiError(response.status, error ?? { code: `http_${response.status}`, message: response.statusText || `Upload failed (${response.status})` });
}

/** The column names of a CSV file, read from its first line in the browser before uploading. */
export async function readHeader(file: File): Promise<string[]> {
  const text = await file.slice(0, 64 * 1024).text();
  const first = text.replace(/^\uFEFF/, '').split(/\r?\n/)[0] ?? '';
  const unquoted = first.replace(/"[^"]*"/g, '');
  const delimiter = [',', ';', '\t', '|'].reduce((best, d) => (unquoted.split(d).length > unquoted.split(best).length ? d : best), ',');
  return first.split(delimiter).map((h) => h.trim().replace(/^"|"$/g, '')).filter((h) => h.length > 0);
}
