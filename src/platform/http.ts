import { z } from 'zod';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { FastifyBaseLogger, FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { DatabaseOps, Db, DbKind } from './db.ts';
import type { Env } from './env.ts';
import { AppError } from './errors.ts';

export const roles = ['admin', 'manager', 'sales', 'service'] as const;
export type Role = (typeof roles)[number];

/** The person a request acts for, as the auth hook found them. */
export type AuthUser = { id: string; email: string; name: string; role: Role };
/** A user as a session or token signs them in: whether they must first replace a password an administrator set. */
export type SignedInUser = AuthUser & { must_change_password: boolean };

/** The cookie that carries a browser's session; the users module sets it, the auth hook reads it. */
export const sessionCookie = 'afterclose_session';

export type App = FastifyInstance<Server, IncomingMessage, ServerResponse, FastifyBaseLogger, ZodTypeProvider>;

/** `ops`: pool statistics and, on the embedded database, dumps (metrics and backups); absent, they are off. */
export type AppContext = { db: Db; kind: DbKind; env: Env; ops?: DatabaseOps };

declare module 'fastify' {
  interface FastifyRequest {
    user: AuthUser | null;
    authMethod: 'session' | 'token' | null;
  }
}

/** The signed-in user; the auth hook has already refused anonymous requests under /api/v1. */
export function currentUser(request: FastifyRequest): AuthUser {
  if (!request.user) throw new AppError('unauthorized', 'Sign in first');
  return request.user;
}

export function requireRole(request: FastifyRequest, roles: AuthUser['role'][]): AuthUser {
  const user = currentUser(request);
  if (!roles.includes(user.role)) {
    throw new AppError('forbidden', `Only ${roles.join(' or ')} users may do this`);
  }
  return user;
}

export const idParams = z.object({ id: z.string().uuid() });
