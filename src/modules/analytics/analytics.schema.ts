import { z } from 'zod';
import { calendarDay } from '../../platform/timestamps.ts';
import { rfmSegments } from '../../platform/db-schema.ts';
import { pageQuery } from '../../platform/paging.ts';

const weight = z.number().min(0).max(100);

/**
 * Health weights are relative: 32/20/28/10/10/10 and 16/10/14/5/5/5 give the same score. They are
 * sent as a whole because a weight only means something next to the others; late_orders came later
 * and may be left out: a client written before it existed keeps the stored weight (0 if none).
 */
export const healthWeights = z
  .object({ order_rhythm: weight, touch_recency: weight, p_alive: weight, service_issues: weight, last_nps: weight, late_orders: weight.optional() })
  .refine((w) => Object.values(w).some((v) => v > 0), { message: 'at least one weight must be above 0' });

const penalty = z.number().int().min(0).max(100);

export const updateSettingsBody = z
  .object({
    health_weights: healthWeights,
    lateness_factor: z.number().gt(1).max(10),
    touch_fresh_days: z.number().int().min(0).max(3650),
    touch_stale_days: z.number().int().min(1).max(3650),
    clv_horizon_months: z.number().int().min(1).max(120),
    clv_monthly_discount_rate: z.number().min(0).max(0.5),
    issue_open_penalty: penalty,
    issue_breached_penalty: penalty,
    nps_max_age_days: z.number().int().min(1).max(3650),
  })
  .partial()
  .refine((b) => Object.keys(b).length > 0, { message: 'send at least one setting to change' });
export type UpdateSettingsInput = z.infer<typeof updateSettingsBody>;

const asOf = calendarDay;

export const scoreBody = z.object({ as_of: asOf.optional() }).default({});

export const asOfQuery = z.object({ as_of: asOf.optional() });

export const scoredAccountsQuery = pageQuery.extend({
  as_of: asOf.optional(),
  segment: z.enum(rfmSegments).optional(),
  min_clv: z.coerce.number().min(0).optional(),
  late: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});
export type ScoredAccountsQuery = z.infer<typeof scoredAccountsQuery>;
