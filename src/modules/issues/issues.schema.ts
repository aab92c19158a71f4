import { z } from 'zod';
import { externalTimestamp } from '../../platform/timestamps.ts';
import { pageOf, pageQuery } from '../../platform/paging.ts';

export const issueSeverities = ['low', 'normal', 'high', 'urgent'] as const;
export const issueStatuses = ['new', 'open', 'waiting', 'resolved', 'closed'] as const;
export const slaStates = ['ok', 'at_risk', 'breached'] as const;

export const createIssueBody = z.object({
  account_id: z.string().uuid(),
  title: z.string().trim().min(1).max(300),
  description: z.string().trim().max(20_000).default(''),
  severity: z.enum(issueSeverities).default('normal'),
  channel: z.enum(['web', 'api', 'email', 'phone']).default('api'),
  contact_id: z.string().uuid().optional(),
});
export type CreateIssueInput = z.infer<typeof createIssueBody>;
/** What a client sends to open an issue (defaults may be left out). */
export type CreateIssueBody = z.input<typeof createIssueBody>;

export const updateIssueBody = z
  .object({
    title: z.string().trim().min(1).max(300),
    description: z.string().trim().max(20_000),
    severity: z.enum(issueSeverities),
    assignee_id: z.string().uuid(),
  })
  .partial()
  .refine((b) => Object.keys(b).length > 0, { message: 'send at least one field to change' });
export type UpdateIssueInput = z.infer<typeof updateIssueBody>;

/** A reply by call, email or meeting reaches the customer; a note stays internal. */
export const replyKinds = ['call', 'email', 'meeting', 'note'] as const;
export const issueReplyBody = z.object({
  kind: z.enum(replyKinds),
  subject: z.string().trim().min(1).max(300).optional(),
  body: z.string().trim().min(1).max(20_000),
});
export type IssueReplyInput = z.infer<typeof issueReplyBody>;
export type IssueReplyBody = z.input<typeof issueReplyBody>;

export const issueStatusBody = z.object({
  status: z.enum(['open', 'waiting', 'resolved', 'closed']),
  note: z.string().trim().max(2000).optional(),
});
export type IssueStatusInput = z.infer<typeof issueStatusBody>;

export const listIssuesQuery = pageQuery.extend({
  status: z.enum([...issueStatuses, 'unresolved']).optional(),
  sla: z.enum(['at_risk', 'breached']).optional(),
  account_id: z.string().uuid().optional(),
  assignee_id: z.string().uuid().optional(),
});
export type ListIssuesQuery = z.infer<typeof listIssuesQuery>;

export const serviceStatsQuery = z.object({
  from: externalTimestamp.optional(),
  to: externalTimestamp.optional(),
});
export type ServiceStatsQuery = z.infer<typeof serviceStatsQuery>;

export const updateSlaBody = z
  .object({
    first_response_hours: z.number().int().min(1).max(8760),
    resolution_hours: z.number().int().min(1).max(8760),
  })
  .refine((b) => b.resolution_hours >= b.first_response_hours, {
    message: 'resolution_hours must be at least first_response_hours',
    path: ['resolution_hours'],
  });
export type UpdateSlaInput = z.infer<typeof updateSlaBody>;
export const severityParams = z.object({ severity: z.enum(issueSeverities) });

/** A page of the issue list (response schema, decision 0032). */
export const issuePage = pageOf(
  z.object({
    id: z.string(),
    account_id: z.string(),
    account_name: z.string(),
    title: z.string(),
    description: z.string(),
    severity: z.enum(issueSeverities),
    status: z.enum(issueStatuses),
    channel: z.enum(['web', 'api', 'email', 'phone']),
    contact_id: z.string().nullable(),
    contact_name: z.string().nullable(),
    assignee_id: z.string().nullable(),
    assignee_name: z.string().nullable(),
    first_response_due_at: z.date(),
    resolution_due_at: z.date(),
    first_response_at: z.date().nullable(),
    resolved_at: z.date().nullable(),
    closed_at: z.date().nullable(),
    customer_contacts: z.number(),
    reopened_count: z.number(),
    created_at: z.date(),
    updated_at: z.date(),
    sla_state: z.enum(slaStates),
  }),
);
