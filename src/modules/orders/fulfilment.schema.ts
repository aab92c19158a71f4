import { z } from 'zod';
import { calendarDay, timeZoneName } from '../../platform/timestamps.ts';

const workingDays = z.number().int().min(0, 'must be 0 (the same day) or more').max(60, 'must be at most 60 working days');

export const fulfilmentSettingsBody = z
  .object({
    promise_working_days: workingDays.optional(),
    time_zone: timeZoneName.optional(),
  })
  .refine((body) => Object.keys(body).length > 0, 'name at least one of promise_working_days, time_zone');
export type FulfilmentSettingsInput = z.infer<typeof fulfilmentSettingsBody>;

export const promiseBody = z.object({ working_days: workingDays.nullable() });

export const expectedShippingBody = z.object({
  expected_ship_on: calendarDay.nullable(),
});

export const fulfilmentReportQuery = z.object({ weeks: z.coerce.number().int().min(1).max(52).default(12) });
export type FulfilmentReportQuery = z.infer<typeof fulfilmentReportQuery>;

export const lateOrdersQuery = z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) });
export type LateOrdersQuery = z.infer<typeof lateOrdersQuery>;
