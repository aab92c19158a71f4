/**
 * Users, roles, sign-in (sessions and API tokens) and passwords.
 */
export { userForApiToken, userForSession } from './auth.service.ts';
export { hashPassword, passwordProblem, verifyPassword } from './passwords.ts';
export { hashSecret, newSecret } from './tokens.ts';
export { registerUserRoutes } from './users.routes.ts';
export { createUserBody } from './users.schema.ts';
export { createUser, requireActiveUser } from './users.service.ts';
