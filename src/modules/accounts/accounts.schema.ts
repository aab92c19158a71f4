import { z } from 'zod';
import { freeFormObject } from '../../platform/input-limits.ts';
import { pageOf, pageQuery } from '../../platform/paging.ts';
import { timelineTypes } from './timeline.queries.ts';

const tag = z.string().trim().min(1).max(60);

export const accountSorts = ['name', 'last_order', 'health', 'owner'] as const;
export type AccountSort = (typeof accountSorts)[number];
/** Health score bands, as the score panel names them: 70 and up healthy, 40–69 watch, below 40 at risk. */
export const healthBands = ['healthy', 'watch', 'at_risk'] as const;
export type HealthBand = (typeof healthBands)[number];
/** RFM segments (docs/decisions/0006-rfm-segments-and-health.md), as account_scores stores them. */
export const segments = ['champions', 'loyal', 'new', 'promising', 'need_attention', 'at_risk', 'cant_lose', 'hibernating', 'lost'] as const;

export const accountFields = {
  name: z.string().trim().min(1).max(200),
  kind: z.enum(['company', 'person']),
  lifecycle: z.enum(['prospect', 'customer', 'lost']),
  owner_id: z.string().uuid().nullable(),
  service_owner_id: z.string().uuid().nullable(),
  external_id: z.string().trim().min(1).max(100).nullable(),
  tags: z.array(tag).max(50),
  interests: z.array(tag).max(50),
  billing: freeFormObject.nullable(),
};

export const createAccountBody = z.object({
  name: accountFields.name,
  kind: accountFields.kind.default('company'),
  lifecycle: accountFields.lifecycle.default('prospect'),
  owner_id: accountFields.owner_id.optional(),
  service_owner_id: accountFields.service_owner_id.optional(),
  external_id: accountFields.external_id.optional(),
  tags: accountFields.tags.default([]),
  interests: accountFields.interests.default([]),
  billing: accountFields.billing.optional(),
});
export type CreateAccountInput = z.infer<typeof createAccountBody>;

export const updateAccountBody = z.object(accountFields).partial().refine((b) => Object.keys(b).length > 0, {
  message: 'send at least one field to change',
});
export type UpdateAccountInput = z.infer<typeof updateAccountBody>;

export const listAccountsQuery = pageQuery.extend({
  q: z.string().trim().max(200).optional(),
  owner_id: z.string().uuid().optional(),
  lifecycle: accountFields.lifecycle.optional(),
  tag: tag.optional(),
  segment: z.enum(segments).optional(),
  health: z.enum(healthBands).optional(),
  // Query strings carry text: only "true" asks for accounts without a planned touch.
  no_next_touch: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  sort: z.enum(accountSorts).default('name'),
});
export type ListAccountsQuery = z.infer<typeof listAccountsQuery>;


export const timelineQuery = pageQuery.extend({ type: z.enum(timelineTypes).optional() });

// Response schemas (decision 0032): the answers are written by a serializer compiled from them.
const accountSummaryView = z.object({
  id: z.string(),
  name: z.string(),
  kind: accountFields.kind,
  lifecycle: accountFields.lifecycle,
  external_id: z.string().nullable(),
  owner_id: z.string().nullable(),
  owner_name: z.string().nullable(),
  service_owner_id: z.string().nullable(),
  service_owner_name: z.string().nullable(),
  tags: z.array(z.string()),
  created_at: z.date(),
  last_order_at: z.date().nullable(),
  health: z.number().nullable(),
  segment: z.string().nullable(),
});

/** `total_exact` is false when a search matched more than 5,000 accounts: `total` is then 5,000, "more than". */
export const accountListView = pageOf(accountSummaryView).extend({ total: z.number(), total_exact: z.boolean() });

export const accountView = accountSummaryView.extend({
  interests: z.array(z.string()),
  billing: z.record(z.string(), z.unknown()).nullable(),
  preferences: z.record(z.string(), z.unknown()),
  updated_at: z.date(),
  contacts: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      email: z.string().nullable(),
      phone: z.string().nullable(),
      title: z.string().nullable(),
      postal_address: z.string().nullable(),
      newsletter_consent: z.boolean(),
      unsubscribed_at: z.date().nullable(),
    }),
  ),
});

export const timelinePage = pageOf(
  z.object({
    kind: z.enum(['touch', 'order', 'deal', 'event']),
    type: z.enum(timelineTypes),
    id: z.string(),
    at: z.date(),
    title: z.string(),
    detail: z.string().nullable(),
    status: z.string().nullable(),
    amount: z.object({ value: z.number(), currency: z.string() }).nullable(),
  }),
);
