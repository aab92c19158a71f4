/**
 * Users, roles, sign-in (sessions and API tokens) and passwords.
 */
export { userForApiToken, userForSession } from './auth.service.ts';
export { announceUserChange, authCacheLifetimeMs, listenForUserChanges, startTokenUseFlush } from './auth-cache.ts';
export { hashPassword, passwordProblem, verifyPassword } from './passwords.ts';
export { hashSecret, newSecret } from './tokens.ts';
export { userRoutes } from './users.routes.ts';
export type { HandOver, LeaverWork } from './leaver-work.ts';
export { defaultTouchesPerDay } from './capacity.ts';
export { createUserBody } from './users.schema.ts';
export { createUser, requireActiveUser } from './users.service.ts';
/** A user as the users list answers it (with what they hold: what a deactivation hands over). */
export type UserView = Awaited<ReturnType<typeof import('./users.service.ts').listUsers>>[number];
/** An API token as its owner sees it listed: never the secret. */
export type ApiTokenView = Awaited<ReturnType<typeof import('./auth.service.ts').listApiTokens>>[number];
/** A new API token: the secret is in this answer only. */
export type NewApiTokenView = Awaited<ReturnType<typeof import('./auth.service.ts').createApiToken>>;
/** Who is signed in, as /auth/me and the login answer it. */
export type { AuthUser, ChangePasswordInput, CreateUserInput, Credentials, UpdateUserInput } from './users.schema.ts';
