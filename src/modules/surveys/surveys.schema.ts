import { z } from 'zod';
import { externalTimestamp } from '../../platform/timestamps.ts';
import { pageQuery } from '../../platform/paging.ts';

export const surveyKinds = ['nps', 'csat'] as const;

/** How long a survey link works after the email is sent. */
export const surveyLinkDays = 30;

export const sendSurveyBody = z.object({
  account_id: z.string().uuid(),
  contact_id: z.string().uuid(),
  kind: z.enum(surveyKinds).default('nps'),
});
export type SendSurveyInput = z.infer<typeof sendSurveyBody>;

/** The public answer form, posted as application/x-www-form-urlencoded. */
export const surveyAnswerForm = z.object({
  score: z.string({ error: 'Please choose a score' }).regex(/^\d{1,2}$/, 'Please choose a score').transform(Number),
  comment: z.string().trim().max(4000, 'Please keep the comment under 4,000 characters').optional(),
});

export const surveyReportQuery = z.object({
  kind: z.enum(surveyKinds).default('nps'),
  account_id: z.string().uuid().optional(),
  from: externalTimestamp.optional(),
  to: externalTimestamp.optional(),
});
export type SurveyReportQuery = z.infer<typeof surveyReportQuery>;

export const verbatimsQuery = pageQuery.extend({
  kind: z.enum(surveyKinds).optional(),
  account_id: z.string().uuid().optional(),
});
export type VerbatimsQuery = z.infer<typeof verbatimsQuery>;
