import type { ExportList } from './export-lists.ts';

const iso = (at: Date | null) => (at ? at.toISOString() : null);

/** Service issues with their SLA dates, and referrals with what they earned the referrer. */
export const serviceExportLists = {
  issues: {
    header: ['id', 'account_id', 'account_name', 'title', 'severity', 'status', 'channel', 'assignee_email', 'first_response_due_at',
      'first_response_at', 'resolution_due_at', 'resolved_at', 'customer_contacts', 'reopened_count', 'created_at'],
    async page(db, after, limit) {
      let q = db
        .selectFrom('issues as i')
        .innerJoin('accounts as a', 'a.id', 'i.account_id')
        .leftJoin('users as u', 'u.id', 'i.assignee_id')
        .select(['i.id', 'i.account_id', 'a.name', 'i.title', 'i.severity', 'i.status', 'i.channel', 'u.email', 'i.first_response_due_at',
          'i.first_response_at', 'i.resolution_due_at', 'i.resolved_at', 'i.customer_contacts', 'i.reopened_count', 'i.created_at'])
        .orderBy('i.id')
        .limit(limit);
      if (after) q = q.where('i.id', '>', after);
      return (await q.execute()).map((r) => ({
        key: r.id,
        cells: [r.id, r.account_id, r.name, r.title, r.severity, r.status, r.channel, r.email, iso(r.first_response_due_at),
          iso(r.first_response_at), iso(r.resolution_due_at), iso(r.resolved_at), r.customer_contacts, r.reopened_count, iso(r.created_at)],
      }));
    },
  },
  referrals: {
    header: ['id', 'referrer_account_id', 'referrer_name', 'name', 'email', 'company', 'status', 'referred_account_id', 'attributed_revenue', 'won_at', 'created_at'],
    async page(db, after, limit) {
      let q = db
        .selectFrom('referrals as r')
        .innerJoin('accounts as a', 'a.id', 'r.account_id')
        .select(['r.id', 'r.account_id', 'a.name as referrer', 'r.name', 'r.email', 'r.company', 'r.status', 'r.referred_account_id', 'r.attributed_revenue', 'r.won_at', 'r.created_at'])
        .orderBy('r.id')
        .limit(limit);
      if (after) q = q.where('r.id', '>', after);
      return (await q.execute()).map((r) => ({
        key: r.id,
        cells: [r.id, r.account_id, r.referrer, r.name, r.email, r.company, r.status, r.referred_account_id, r.attributed_revenue, iso(r.won_at), iso(r.created_at)],
      }));
    },
  },
} satisfies Record<string, ExportList>;
