import type { ErrorBody } from '../../src/api/error-handler.ts';

// The server's own shapes: every error answer, and every list page with its cursor.
export type ApiErrorBody = ErrorBody['error'];
export type { Page } from '../../src/platform/paging.ts';

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field: string | undefined;

  constructor(status: number, body: ApiErrorBody) {
    super(body.message);
    this.name = 'ApiError';
    this.status = status;
    this.code = body.code;
    this.field = body.field;
  }
}

export const isUnauthorized = (error: unknown): boolean =>
  error instanceof ApiError && error.status === 401;

type QueryValue = string | number | boolean | null | undefined;

export function withQuery(path: string, params: Record<string, QueryValue>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, String(value));
  }
  const query = search.toString();
  return query ? `${path}?${query}` : path;
}

type RequestOptions = {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal;
};

/**
 * The one way the SPA talks to the API. Resolves with the parsed JSON body,
 * or `undefined` for 204 responses; rejects with an ApiError otherwise.
 */
export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await send(path, options, 'application/json');
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** A line of a streamed answer before its last: what the server reports while it works. */
export type StreamLine = Record<string, unknown> & { type: string };

/**
 * A streamed answer (newline-delimited JSON, docs/decisions/0033-streamed-simulation.md): `onLine`
 * gets each line as it arrives; resolves with the last line's result, rejects with an ApiError for
 * an error status or an error line.
 */
export async function apiStream<T>(path: string, options: RequestOptions & { onLine: (line: StreamLine) => void }): Promise<T> {
  const response = await send(path, options, 'application/x-ndjson');
  const reader = response.body?.pipeThrough(new TextDecoderStream()).getReader();
  if (!reader) throw new ApiError(0, { code: 'network_error', message: 'The server answered without a body.' });
  let buffered = '';
  for (;;) {
    const { done, value } = await reader.read();
    buffered += value ?? '';
    const lines = buffered.split('\n');
    buffered = done ? '' : (lines.pop() ?? '');
    for (const text of lines.filter((l) => l.trim() !== '')) {
      const line = JSON.parse(text) as StreamLine;
      if (line.type === 'result') return line.result as T;
      if (line.type === 'error' && isErrorEnvelope(line)) throw new ApiError(500, line.error);
      options.onLine(line);
    }
    if (done) throw new ApiError(0, { code: 'network_error', message: 'The answer stopped before its end. Try again.' });
  }
}

async function send(path: string, options: RequestOptions, accept: string): Promise<Response> {
  const headers: Record<string, string> = { Accept: accept };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';

  let response: Response;
  try {
    response = await fetch(path, {
      method: options.method ?? 'GET',
      // The session lives in an HttpOnly cookie; never send it cross-origin.
      credentials: 'same-origin',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, {
      code: 'network_error',
      message: 'Could not reach the server. Check your connection and try again.',
    });
  }

  if (!response.ok) throw new ApiError(response.status, await readErrorBody(response));
  return response;
}

async function readErrorBody(response: Response): Promise<ApiErrorBody> {
  const fallback: ApiErrorBody = {
    code: `http_${response.status}`,
    message: response.statusText || `Request failed with status ${response.status}`,
  };
  const text = await response.text();
  if (!text) return fallback;
  try {
    const parsed: unknown = JSON.parse(text);
    return isErrorEnvelope(parsed) ? parsed.error : fallback;
  } catch {
    // A proxy or crash page answered with HTML: keep the HTTP status as the message.
    return fallback;
  }
}

function isErrorEnvelope(value: unknown): value is { error: ApiErrorBody } {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error: unknown = value.error;
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    typeof error.code === 'string' &&
    'message' in error &&
    typeof error.message === 'string'
  );
}
