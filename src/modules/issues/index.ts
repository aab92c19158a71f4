/**
 * Service issues: routing to the service team, SLAs, replies and first-contact resolution. Owns the /service/* URLs as well as /issues.
 */
export { registerIssueRoutes } from './issues.routes.ts';
export { openIssueCounts } from './sla.ts';
export { findIssues, type IssueMatch } from './issue-search.ts';
export { issueStatuses } from './issues.schema.ts';
export { slaStateSql } from './sla.ts';
