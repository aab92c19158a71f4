import { now } from '../../platform/clock.ts';
import { slaStateSql } from '../issues/index.ts';
import type { ExportFilters } from './export-filters.ts';
import { type ExportList, keyedPage } from './export-page.ts';

const iso = (at: Date | null) => (at ? at.toISOString() : null);

/** Service issues with their SLA dates, and referrals with what they earned the referrer. */
export const serviceExportLists = {
  issues: {
    header: ['id', 'account_id', 'account_name', 'title', 'severity', 'status', 'channel', 'assignee_email', 'first_response_due_at',
      'first_response_at', 'resolution_due_at', 'resolved_at', 'customer_contacts', 'reopened_count', 'created_at'],
    async page(db, after, limit, filters: ExportFilters['issues']) {
      let q = db
        .selectFrom('issues')
        .innerJoin('accounts as a', 'a.id', 'issues.account_id')
        .leftJoin('users as u', 'u.id', 'issues.assignee_id')
        .select(['issues.id', 'issues.account_id', 'a.name', 'issues.title', 'issues.severity', 'issues.status', 'issues.channel', 'u.email',
          'issues.first_response_due_at', 'issues.first_response_at', 'issues.resolution_due_at', 'issues.resolved_at', 'issues.customer_contacts',
          'issues.reopened_count', 'issues.created_at'])
        .orderBy('issues.id')
        .limit(limit);
      if (after) q = q.where('issues.id', '>', after);
      // As the issue list reads them: an SLA filter is about issues still open.
      if (filters.status === 'unresolved' || filters.sla) q = q.where('issues.status', 'in', ['new', 'open', 'waiting']);
      else if (filters.status) q = q.where('issues.status', '=', filters.status);
      if (filters.sla) q = q.where(slaStateSql(now()), '=', filters.sla);
      if (filters.account_id) q = q.where('issues.account_id', '=', filters.account_id);
      if (filters.assignee_id) q = q.where('issues.assignee_id', '=', filters.assignee_id);
      return keyedPage(await q.execute(), limit, (r) => r.id, (r) => [
        r.id, r.account_id, r.name, r.title, r.severity, r.status, r.channel, r.email, iso(r.first_response_due_at),
        iso(r.first_response_at), iso(r.resolution_due_at), iso(r.resolved_at), r.customer_contacts, r.reopened_count, iso(r.created_at),
      ]);
    },
  } satisfies ExportList<ExportFilters['issues']>,
  referrals: {
    header: ['id', 'referrer_account_id', 'referrer_name', 'name', 'email', 'company', 'status', 'referred_account_id', 'attributed_revenue', 'won_at', 'created_at'],
    async page(db, after, limit, filters: ExportFilters['referrals']) {
      let q = db
        .selectFrom('referrals as r')
        .innerJoin('accounts as a', 'a.id', 'r.account_id')
        .select(['r.id', 'r.account_id', 'a.name as referrer', 'r.name', 'r.email', 'r.company', 'r.status', 'r.referred_account_id', 'r.attributed_revenue', 'r.won_at', 'r.created_at'])
        .orderBy('r.id')
        .limit(limit);
      if (after) q = q.where('r.id', '>', after);
      if (filters.account_id) q = q.where('r.account_id', '=', filters.account_id);
      if (filters.status) q = q.where('r.status', '=', filters.status);
      return keyedPage(await q.execute(), limit, (r) => r.id, (r) => [
        r.id, r.account_id, r.referrer, r.name, r.email, r.company, r.status, r.referred_account_id, r.attributed_revenue, iso(r.won_at), iso(r.created_at),
      ]);
    },
  } satisfies ExportList<ExportFilters['referrals']>,
};
