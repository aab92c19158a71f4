import { z } from 'zod';
import { externalTimestamp } from '../../platform/timestamps.ts';
import { auditActions, auditEntityTypes } from '../../platform/audit.ts';
import { pageQuery } from '../../platform/paging.ts';

export const auditFilters = z.object({
  actor_id: z.string().uuid().optional(),
  entity_type: z.enum(auditEntityTypes).optional(),
  entity_id: z.string().trim().min(1).max(200).optional(),
  account_id: z.string().uuid().optional(),
  action: z.enum(auditActions).optional(),
  /** Entries at or after this instant. */
  from: externalTimestamp.optional(),
  /** Entries before this instant. */
  to: externalTimestamp.optional(),
});
export type AuditFilters = z.infer<typeof auditFilters>;

export const listAuditQuery = pageQuery.extend(auditFilters.shape);
export type ListAuditQuery = z.infer<typeof listAuditQuery>;
