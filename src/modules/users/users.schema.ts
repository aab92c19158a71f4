import { z } from 'zod';
import { timeZoneName } from '../../platform/timestamps.ts';
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
    time_zone: timeZoneName.default('UTC'),
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
    /** Capacity: planned touches per working day, the working weekdays (1 = Monday) and hours. */
    touches_per_day: z.number().int().min(1).max(200),
    working_days: z.array(z.number().int().min(1).max(7)).min(1, 'choose at least one working day').max(7),
    work_start_hour: z.number().int().min(0).max(23),
    work_end_hour: z.number().int().min(1).max(24),
  })
  .partial()
  .refine((b) => Object.keys(b).some((k) => k !== 'hand_over_to'), { message: 'send role, active or a capacity field' })
  .refine((b) => b.work_start_hour === undefined || b.work_end_hour === undefined || b.work_start_hour < b.work_end_hour, {
    path: ['work_end_hour'],
    message: 'the working day must end after it starts',
  })
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

/** What a person signs in with (the login body). */
export type Credentials = z.infer<typeof loginBody>;

export const createTokenBody = z.object({ name: z.string().trim().min(1).max(100) });

export type { AuthUser } from '../../platform/http.ts';
