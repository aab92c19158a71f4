import { z } from 'zod';
import { placeholderHint, unknownPlaceholder } from './templates.ts';
import { touchKinds } from '../../platform/db-schema.ts';

export const triggers = [
  'deal_won',
  'first_order',
  'order_placed',
  'order_delivered',
  'order_late',
  'first_delivery_guide',
  'first_delivery_key_account',
  'no_touch_for_days',
  'reorder_due',
  'product_launched',
  'mention_recorded',
  'survey_answered',
  'issue_resolved',
  'referral_received',
] as const;
export type Trigger = (typeof triggers)[number];

export const assigneeRules = ['owner', 'service_owner', 'manager'] as const;
export type AssigneeRule = (typeof assigneeRules)[number];

export const stepSchema = z.object({
  key: z.string().trim().regex(/^[a-z0-9_]+$/, 'use lowercase letters, digits and _').max(60),
  kind: z.enum(['task', 'email', 'survey', 'referral_ask', 'wait']),
  touch_kind: z.enum(touchKinds).default('task'),
  offset_days: z.number().int().min(0).max(3650),
  offset_from: z.enum(['trigger', 'previous']).default('trigger'),
  assignee: z.enum(assigneeRules).default('owner'),
  subject: z.string().trim().max(300).default(''),
  body: z.string().max(20_000).default(''),
  audience: z.enum(['customer', 'newsletter_consent']).default('customer'),
  recurrence_days: z.number().int().min(1).max(3650).optional(),
  /**
   * For a recurring step: which completed touches count as this step done early and restart its
   * interval. Not given: conversations reset conversation cadences; emails and surveys reset nothing.
   */
  resets_on: z.array(z.enum(touchKinds)).max(touchKinds.length).optional(),
  /**
   * For a person's task: how many working days it may move to find a day with room in the
   * assignee's capacity. 0 means no slack: it keeps its deadline. Not given: by the touch kind.
   */
  window_days: z.number().int().min(0).max(60).optional(),
  /** For a survey step: which survey the email invites to (NPS when not given). */
  survey_kind: z.enum(['nps', 'csat']).optional(),
});
export type PlaybookStep = z.infer<typeof stepSchema>;

export const triggerConfigSchema = z.object({
  days: z.number().int().min(1).max(3650).optional(),
  min_score: z.number().int().min(0).max(10).optional(),
  max_score: z.number().int().min(0).max(10).optional(),
  once_per_account: z.boolean().optional(),
  also_triggers: z.array(z.enum(triggers)).max(5).optional(),
  tags_any: z.array(z.string().min(1).max(60)).max(50).optional(),
  /** For purchase triggers: only a new customer's first purchase, or only a customer buying again. */
  purchase: z.enum(['first', 'repeat']).optional(),
}).refine((c) => c.min_score === undefined || c.max_score === undefined || c.min_score <= c.max_score, {
  path: ['max_score'],
  // 9 to 2 matches no answer: the playbook would never start.
  message: 'must be at least min score',
});
export type TriggerConfig = z.infer<typeof triggerConfigSchema>;

const stepsSchema = z
  .array(stepSchema)
  .min(1, 'a playbook needs at least one step')
  .max(50)
  .refine((steps) => new Set(steps.map((s) => s.key)).size === steps.length, { message: 'step keys must be unique' })
  // Checked where playbooks are saved, not in stepSchema, which also reads the steps already stored.
  .superRefine((steps, ctx) => {
    for (const [i, step] of steps.entries()) {
      if (step.kind === 'email' && !step.subject.trim()) ctx.addIssue({ code: 'custom', path: [i, 'subject'], message: 'an email needs a subject' });
      for (const field of ['subject', 'body'] as const) {
        const unknown = unknownPlaceholder(step[field]);
        // An unknown placeholder used to be sent to the customer as nothing at all.
        if (unknown) ctx.addIssue({ code: 'custom', path: [i, field], message: `${unknown} is not a placeholder; use ${placeholderHint}` });
      }
    }
  });

const playbookFields = {
  name: z.string().trim().min(1).max(200),
  description: z.string().trim().max(2000),
  trigger: z.enum(triggers),
  trigger_config: triggerConfigSchema,
  steps: stepsSchema,
  enabled: z.boolean(),
};

export const createPlaybookBody = z.object({
  ...playbookFields,
  description: playbookFields.description.default(''),
  trigger_config: playbookFields.trigger_config.default({}),
  enabled: playbookFields.enabled.default(true),
});
export type CreatePlaybookInput = z.infer<typeof createPlaybookBody>;

// Without the defaults of a new playbook: zod fills a default even in a partial object, so a
// rename used to switch a disabled playbook on and empty its description and trigger conditions.
export const updatePlaybookBody = z
  .object(playbookFields)
  .partial()
  .refine((b) => Object.keys(b).length > 0, {
    message: 'send at least one field to change',
  });
export type UpdatePlaybookInput = z.infer<typeof updatePlaybookBody>;
