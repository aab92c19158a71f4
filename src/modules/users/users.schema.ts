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
  .object({
    role: z.enum(roles),
    active: z.boolean(),
    /** The colleague who takes over the planned touches of a user being deactivated. */
    hand_over_to: z.string().uuid(),
  })
  .partial()
  .refine((b) => b.role !== undefined || b.active !== undefined, { message: 'send role or active' })
  .refine((b) => b.hand_over_to === undefined || b.active === false, {
    path: ['hand_over_to'],
    message: 'a colleague takes over only when the user is deactivated (send active: false)',
  });
export type UpdateUserInput = z.infer<typeof updateUserBody>;

export const changePasswordBody = z.object({
  current_password: z.string().min(1).max(200),
  new_password: z.string().max(200),
});
export type ChangePasswordInput = z.infer<typeof changePasswordBody>;

export const createTokenBody = z.object({ name: z.string().trim().min(1).max(100) });

export type { AuthUser } from '../../platform/http.ts';
