import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { isConnectionFailure } from '../platform/db-faults.ts';
import { AppError, type ErrorCode, statusByCode } from '../platform/errors.ts';
import { validationMessage } from '../platform/validation-messages.ts';
import { badLinkPage } from '../modules/customer-links/index.ts';

/** Every error answer of the API (the web app reads it through this type). */
export type ErrorBody = { error: { code: string; message: string; field?: string } };

function send(reply: FastifyReply, status: number, body: ErrorBody['error']) {
  return reply.status(status).send({ error: body });
}

type PgError = { code: string; constraint?: string; column?: string; detail?: string; message?: string };

function isPgError(error: unknown): error is PgError {
  return typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string'
    && /^[0-9A-Z]{5}$/.test((error as { code: string }).code);
}

// Constraint names follow <table>_<column>_key, so the field a client must fix can be named. On
// Citus the error comes from a shard, whose constraint carries the shard's number (…_fkey_102008).
function fieldOfConstraint(constraint: string | undefined): string | undefined {
  const match = constraint?.match(/^[a-z]+?_([a-z_]+?)_(key|fkey|check)(?:_\d+)?$/);
  return match?.[1];
}

function fromPgError(error: PgError): { code: ErrorCode; message: string; field?: string } | null {
  // Citus passes a worker's error on as its message only: the constraint is named there.
  const constraint = error.constraint ?? error.message?.match(/constraint "([a-z0-9_]+)"/)?.[1];
  const field = fieldOfConstraint(constraint) ?? error.column;
  const withField = (code: ErrorCode, message: string) => (field ? { code, message, field } : { code, message });
  switch (error.code) {
    case '23505':
      return withField('conflict', 'A record with this value already exists');
    case '23503':
      return withField('unprocessable', 'This change refers to a record that does not exist, or removes one that others still refer to');
    case '23514':
    case '23502':
    case '22P02':
    case '22003':
    case '22007':
    case '22008':
      return withField('invalid_input', 'A value is out of range or malformed');
    default:
      return null;
  }
}

/** The one place where errors become HTTP: AppError, validation and database errors, never a stack trace. */
export function handleError(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof AppError) {
    const body = error.field ? { code: error.code, message: error.message, field: error.field } : { code: error.code, message: error.message };
    return send(reply, statusByCode[error.code], body);
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const issue = error.validation[0];
    const path = issue?.instancePath.replace(/^\//, '').replaceAll('/', '.') ?? '';
    const field = path || error.validationContext || 'body';
    return send(reply, 400, { code: 'invalid_input', message: validationMessage(field, issue?.message ?? 'is not valid'), field });
  }
  if (isConnectionFailure(error)) {
    // Only this request fails; the pool replaces the connection and the next request succeeds.
    // A write may or may not have committed before the connection went: the client retries and
    // the app's unique keys (external ids, idempotent jobs) keep a retry from doubling it.
    request.log.warn({ err: error }, 'database connection lost during the request');
    reply.header('retry-after', '1');
    return send(reply, 503, { code: 'unavailable', message: 'The database connection was lost while handling this request; retry it' });
  }
  if (isPgError(error)) {
    const mapped = fromPgError(error);
    if (mapped) return send(reply, statusByCode[mapped.code], mapped);
  }
  const status = (error as FastifyError).statusCode;
  if (status === 413) return send(reply, 413, { code: 'payload_too_large', message: 'The request body is too large' });
  if (status === 429) return send(reply, 429, { code: 'rate_limited', message: 'Too many requests' });
  if (status && status >= 400 && status < 500) {
    return send(reply, status, { code: 'invalid_input', message: error.message });
  }
  request.log.error({ err: error }, 'unhandled error');
  return send(reply, 500, { code: 'internal', message: 'Something went wrong on our side; it has been logged' });
}

const publicLinkPages: Record<string, string> = { s: 'the survey', r: 'the referral page', u: 'your subscription' };

/**
 * A request the router cannot even match: a path with a broken percent-encoding (`%E0%A4%A`) or a
 * part longer than any id or signed link. Fastify's own answer had another shape and echoed the
 * path; a customer's mangled link (/s, /r, /u) gets the same page as every other bad link.
 */
export function answerUnroutable(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const page = publicLinkPages[/^\/([sru])\//.exec(request.url)?.[1] ?? ''];
  if (page) return reply.status(400).type('text/html; charset=utf-8').send(badLinkPage('invalid', page));
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') return send(reply, 414, { code: 'invalid_input', message: 'A part of this address is longer than any id or link this API hands out', field: 'path' });
  return send(reply, 400, { code: 'invalid_input', message: 'The address is not valid: a % must be followed by two hexadecimal digits', field: 'path' });
}
