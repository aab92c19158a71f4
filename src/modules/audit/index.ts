/**
 * The audit log, read side: admins list and export who changed what and when. Entries are written
 * by every module through src/platform/audit.ts, in the transaction of the change (decision 0013).
 */
export { registerAuditRoutes } from './audit.routes.ts';
export { listAuditEntries } from './audit.queries.ts';
export type { AuditRow } from './audit.queries.ts';
/** GET /api/v1/audit/actions: the actions and entity types an entry can have, for the filters. */
export type AuditVocabularyView = { actions: typeof import('../../platform/audit.ts').auditActions; entity_types: typeof import('../../platform/audit.ts').auditEntityTypes };
