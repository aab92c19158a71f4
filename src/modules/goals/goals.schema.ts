import { z } from 'zod';
import { calendarDay } from '../../platform/timestamps.ts';

const fields = {
  text: z.string().trim().min(1).max(2000),
  measure: z.string().trim().max(500).nullable(),
  target_on: calendarDay.nullable(),
};

export const createGoalBody = z.object({
  account_id: z.string().uuid(),
  text: fields.text,
  measure: fields.measure.optional(),
  target_on: fields.target_on.optional(),
});
export type CreateGoalInput = z.infer<typeof createGoalBody>;

export const updateGoalBody = z
  .object({ ...fields, status: z.enum(['open', 'dropped']) })
  .partial()
  .refine((b) => Object.keys(b).length > 0, { message: 'send at least one field to change' });
export type UpdateGoalInput = z.infer<typeof updateGoalBody>;

export const listGoalsQuery = z.object({
  account_id: z.string().uuid(),
  status: z.enum(['open', 'achieved', 'dropped']).optional(),
});
export type ListGoalsQuery = z.infer<typeof listGoalsQuery>;

/** A goal this close to its target date gets a review touch. */
export const goalReviewLeadDays = 30;
