import type { preValidationHookHandler } from 'fastify';
import { AppError } from '../platform/errors.ts';
import { findNulCharacter } from '../platform/input-limits.ts';

/**
 * One check for every route, before its schema: PostgreSQL cannot store U+0000 in text or jsonb,
 * so a NUL anywhere in the path, query or body is a 400 naming the field, never a failed insert.
 * Signed webhooks read their body as bytes and check it once parsed (webhooks/inbound.service.ts).
 */
export const refuseNulCharacters: preValidationHookHandler = (request, _reply, done) => {
  for (const part of [request.params, request.query, request.body]) {
    const path = findNulCharacter(part);
    if (path !== null) {
      const field = path || 'body';
      throw new AppError('invalid_input', `${field}: must not contain a NUL character (U+0000)`, field);
    }
  }
  done();
};
