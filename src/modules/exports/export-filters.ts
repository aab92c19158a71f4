import { z } from 'zod';
import { rfmSegments } from '../../platform/db-schema.ts';
import { accountListFilters } from '../accounts/index.ts';
import { issueStatuses } from '../issues/index.ts';
import { referralStatuses } from '../referrals/index.ts';

const id = z.string().uuid();

/**
 * The filters each list's page offers, so a download is the list as the person sees it. Each list
 * takes only its own: a filter another list has is refused (400 naming it) rather than ignored.
 */
export const exportFilters = {
  // The accounts list's own filters and sort, so the file lists what the page lists, in its order.
  accounts: accountListFilters,
  touches: z.object({ account_id: id.optional(), assignee_id: id.optional(), status: z.enum(['planned', 'done', 'skipped', 'cancelled']).optional() }).strict(),
  scores: z
    .object({ segment: z.enum(rfmSegments).optional(), late: z.enum(['true', 'false']).transform((v) => v === 'true').optional() })
    .strict(),
  issues: z
    .object({
      status: z.enum([...issueStatuses, 'unresolved']).optional(),
      sla: z.enum(['at_risk', 'breached']).optional(),
      account_id: id.optional(),
      assignee_id: id.optional(),
    })
    .strict(),
  referrals: z.object({ account_id: id.optional(), status: z.enum(referralStatuses).optional() }).strict(),
};

export type ExportFilters = { [L in keyof typeof exportFilters]: z.infer<(typeof exportFilters)[L]> };
/** The filters as a query string carries them, for the web app's download links. */
export type ExportFilterParams = { [L in keyof typeof exportFilters]: z.input<(typeof exportFilters)[L]> };
