import { z } from 'zod';
import { passwordProblem } from './passwords.ts';

import { roles } from '../../platform/http.ts';

export { roles };

export const loginBody = z.object({
  email: z.string().trim().email().max(254),
  password: z.string().min(1).max(200),
});

export const createUserBody = z
  .object({
    email: z.string().trim().email().max(254),
    name: z.string().trim().min(1).max(200),
    role: z.enum(roles),
    password: z.string().max(200),
    time_zone: z.string().min(1).max(64).default('UTC'),
  })
  .superRefine((body, ctx) => {
    const problem = passwordProblem(body.password, body.email);
    if (problem) ctx.addIssue({ code: 'custom', path: ['password'], message: problem });
  });
export type CreateUserInput = z.infer<typeof createUserBody>;

export const updateUserBody = z
  .object({ role: z.enum(roles), active: z.boolean() })
  .partial()
  .refine((b) => Object.keys(b).length > 0, { message: 'send role or active' });
export type UpdateUserInput = z.infer<typeof updateUserBody>;

export const createTokenBody = z.object({ name: z.string().trim().min(1).max(100) });

export type { AuthUser } from '../../platform/http.ts';
