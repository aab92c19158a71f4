/**
 * Service issues: routing to the service team, SLAs, replies and first-contact resolution. Owns the /service/* URLs as well as /issues.
 */
export { listIssues } from './issues.queries.ts';
export { registerIssueRoutes } from './issues.routes.ts';
export { openIssueCounts } from './sla.ts';
export { findIssues, type IssueMatch } from './issue-search.ts';
export { issueStatuses } from './issues.schema.ts';
export { slaStateSql } from './sla.ts';
export type { CreateIssueBody, IssueReplyBody, UpdateSlaInput } from './issues.schema.ts';
export type IssueView = Awaited<ReturnType<typeof import('./issues.queries.ts').listIssues>>['items'][number];
export type IssueDetailView = Awaited<ReturnType<typeof import('./issues.queries.ts').getIssue>>;
export type IssueSlaView = Awaited<ReturnType<typeof import('./issues.queries.ts').listSlas>>[number];
export type ChangedIssue = Awaited<ReturnType<typeof import('./issue-status.ts').changeIssueStatus>>;
export type ServiceStatsView = Awaited<ReturnType<typeof import('./service-stats.ts').serviceStats>>;
export { openIssuesWork } from './issue-hand-over.ts';
