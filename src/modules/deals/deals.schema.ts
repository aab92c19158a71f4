import { z } from 'zod';
import { currencyCode } from '../../platform/field-formats.ts';
import { calendarDay } from '../../platform/timestamps.ts';
import { touchKinds } from '../../platform/db-schema.ts';
import { pageOf, pageQuery } from '../../platform/paging.ts';
import { nextStepInput } from '../touches/index.ts';

export const dealStages = ['lead', 'qualified', 'proposal', 'negotiation'] as const;

const fields = {
  title: z.string().trim().min(1).max(300),
  // deals.value is numeric(14, 2).
  value: z.number().nonnegative().max(999_999_999_999.99),
  currency: currencyCode,
  stage: z.enum(dealStages),
  owner_id: z.string().uuid(),
  expected_close_on: calendarDay.nullable(),
};

export const createDealBody = z.object({
  account_id: z.string().uuid(),
  title: fields.title,
  value: fields.value.default(0),
  currency: fields.currency.optional(),
  stage: fields.stage.default('lead'),
  owner_id: fields.owner_id.optional(),
  expected_close_on: fields.expected_close_on.optional(),
  next_step: nextStepInput.optional(),
});
export type CreateDealInput = z.infer<typeof createDealBody>;

/** A stage move on a deal with nothing planned must agree its next step: it comes with the change. */
export const updateDealBody = z
  .object({ ...fields, next_step: nextStepInput })
  .partial()
  .refine((b) => Object.keys(b).length > 0, { message: 'send at least one field to change' });
export type UpdateDealInput = z.infer<typeof updateDealBody>;

export const loseDealBody = z.object({ reason: z.string().trim().max(1000).optional() }).default({});

export const listDealsQuery = pageQuery.extend({
  status: z.enum(['open', 'won', 'lost']).optional(),
  stage: z.enum(dealStages).optional(),
  account_id: z.string().uuid().optional(),
  owner_id: z.string().uuid().optional(),
  q: z.string().trim().min(1).max(200).optional(),
});
export type ListDealsQuery = z.infer<typeof listDealsQuery>;

export const stalledDealsQuery = pageQuery.extend({ owner_id: z.string().uuid().optional() });
export type StalledDealsQuery = z.infer<typeof stalledDealsQuery>;

/** A deal as the API answers it: with its next step and whether it is stalled (response schema, decision 0032). */
export const dealView = z.object({
  id: z.string(),
  account_id: z.string(),
  account_name: z.string(),
  title: z.string(),
  value: z.number(),
  currency: z.string(),
  stage: z.enum(dealStages),
  status: z.enum(['open', 'won', 'lost']),
  owner_id: z.string(),
  owner_name: z.string(),
  expected_close_on: z.string().nullable(),
  closed_at: z.date().nullable(),
  lost_reason: z.string().nullable(),
  created_at: z.date(),
  updated_at: z.date(),
  days_stalled: z.number().nullable(),
  next_step: z
    .object({ id: z.string(), kind: z.enum(touchKinds), subject: z.string(), due_at: z.date(), assignee_id: z.string().nullable(), assignee_name: z.string().nullable() })
    .nullable(),
  stalled: z.boolean(),
});
export const dealPage = pageOf(dealView);
