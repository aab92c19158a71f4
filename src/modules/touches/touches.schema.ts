import { z } from 'zod';
import { calendarDay, externalTimestamp } from '../../platform/timestamps.ts';
import { touchKinds } from '../../platform/db-schema.ts';
import { pageQuery } from '../../platform/paging.ts';

export const nextStepInput = z.object({
  kind: z.enum(touchKinds),
  subject: z.string().trim().min(1).max(300).optional(),
  assignee_id: z.string().uuid(),
  due_at: externalTimestamp,
});
export type NextStepInput = z.infer<typeof nextStepInput>;

export const dealOutcomeInput = z.object({
  status: z.enum(['won', 'lost']),
  reason: z.string().trim().max(1000).optional(),
});
export type DealOutcomeInput = z.infer<typeof dealOutcomeInput>;

export const planTouchBody = z.object({
  account_id: z.string().uuid(),
  kind: z.enum(touchKinds),
  subject: z.string().trim().min(1).max(300),
  notes: z.string().trim().max(10_000).optional(),
  deal_id: z.string().uuid().optional(),
  contact_id: z.string().uuid().optional(),
  assignee_id: z.string().uuid().optional(),
  due_at: externalTimestamp,
});
export type PlanTouchInput = z.infer<typeof planTouchBody>;

export const completeTouchBody = z.object({
  outcome: z.string().trim().max(2000).optional(),
  notes: z.string().trim().max(10_000).optional(),
  next_step: nextStepInput.optional(),
  deal_outcome: dealOutcomeInput.optional(),
});
export type CompleteTouchInput = z.infer<typeof completeTouchBody>;

export const logTouchBody = planTouchBody.omit({ due_at: true }).extend({
  done_at: externalTimestamp.optional(),
  outcome: completeTouchBody.shape.outcome,
  next_step: completeTouchBody.shape.next_step,
  deal_outcome: completeTouchBody.shape.deal_outcome,
});
export type LogTouchInput = z.infer<typeof logTouchBody>;

export const skipTouchBody = z.object({ reason: z.string().trim().max(1000).optional() }).default({});

export const updateTouchBody = z
  .object({
    subject: z.string().trim().min(1).max(300),
    notes: z.string().trim().max(10_000).nullable(),
    assignee_id: z.string().uuid(),
    due_at: externalTimestamp,
  })
  .partial()
  .refine((b) => Object.keys(b).length > 0, { message: 'send at least one field to change' });
export type UpdateTouchInput = z.infer<typeof updateTouchBody>;

export const listTouchesQuery = pageQuery.extend({
  account_id: z.string().uuid().optional(),
  deal_id: z.string().uuid().optional(),
  assignee_id: z.string().uuid().optional(),
  status: z.enum(['planned', 'done', 'skipped', 'cancelled']).optional(),
});
export type ListTouchesQuery = z.infer<typeof listTouchesQuery>;

/** Conversations with the customer: finishing one on an open deal must agree the next step. */
export const conversationKinds: readonly string[] = ['call', 'meeting', 'management_call', 'check_in'];

const bulkTouchIds = z.array(z.string().uuid()).min(1, 'select at least one touch').max(500, 'select at most 500 touches at a time');

/** My day's bulk actions: one request, one transaction, every selected touch or none. */
export const bulkTouchBody = z.discriminatedUnion('action', [
  z.object({ action: z.literal('reassign'), touch_ids: bulkTouchIds, assignee_id: z.string().uuid() }),
  z.object({ action: z.literal('snooze'), touch_ids: bulkTouchIds, until: calendarDay }),
  z.object({ action: z.literal('skip'), touch_ids: bulkTouchIds, reason: z.string().trim().max(1000).optional() }),
]);
export type BulkTouchInput = z.infer<typeof bulkTouchBody>;
