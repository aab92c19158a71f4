import type { Transaction } from 'kysely';
import { now } from './clock.ts';
import type { Database } from './db-schema.ts';
import { requestIp } from './request-context.ts';

/** Every action the audit log records (docs/decisions/0013); the admin page filters on these. */
export const auditActions = [
  'account.created',
  'account.updated',
  'account.owner_changed',
  'account.deleted',
  'contact.created',
  'contact.updated',
  'contact.deleted',
  'contact.personal_data_exported',
  'contact.erased',
  'deal.created',
  'deal.updated',
  'deal.stage_changed',
  'deal.won',
  'deal.lost',
  'deal.deleted',
  'user.created',
  'user.role_changed',
  'user.deactivated',
  'user.capacity_changed',
  'user.reactivated',
  'user.password_changed',
  'user.profile_updated',
  'user.login_succeeded',
  'user.login_failed',
  'api_token.created',
  'api_token.revoked',
  'playbook.created',
  'playbook.updated',
  'playbook.enabled',
  'playbook.disabled',
  'settings.analytics_updated',
  'settings.sla_updated',
  'settings.company_updated',
  'settings.fulfilment_updated',
  'export.downloaded',
  'import.completed',
  'import.failed',
] as const;
export type AuditAction = (typeof auditActions)[number];

export const auditEntityTypes = ['account', 'contact', 'deal', 'user', 'api_token', 'playbook', 'settings', 'export', 'import'] as const;
export type AuditEntityType = (typeof auditEntityTypes)[number];

export type AuditEntry = {
  /** The signed-in person; null for the system (worker, CLI, an anonymous failed login). */
  actorId: string | null;
  action: AuditAction;
  entityType: AuditEntityType;
  entityId: string | null;
  accountId?: string | null;
  /** Small: the fields that changed as { field: { before, after } }, or a few facts (counts, a list name). */
  changes?: Record<string, unknown>;
  /** Defaults to the address of the HTTP request being served, when there is one. */
  ip?: string | null;
};

// Secrets never reach the log, whatever a caller passes: an entry is read by every admin and exported.
const secretField = /password|secret|token_hash|^token$/i;

function withoutSecrets(changes: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(changes).filter(([field]) => !secretField.test(field)));
}

/**
 * Appends an audit entry inside the caller's transaction: the change and its entry commit together
 * or not at all. The table refuses UPDATE and DELETE (db/migrations/0013_audit_log.sql).
 */
export async function recordAudit(trx: Transaction<Database>, entry: AuditEntry): Promise<void> {
  await trx
    .insertInto('audit_log')
    .values({
      at: now(),
      actor_id: entry.actorId,
      action: entry.action,
      entity_type: entry.entityType,
      entity_id: entry.entityId,
      account_id: entry.accountId ?? null,
      changes: JSON.stringify(withoutSecrets(entry.changes ?? {})),
      ip: entry.ip === undefined ? requestIp() : entry.ip,
    })
    .execute();
}

const jsonText = (value: unknown) => JSON.stringify(value instanceof Date ? value.toISOString() : value);

/** The fields of `after` whose value differs from `before`, as { field: { before, after } }. */
export function changedFields(before: Record<string, unknown>, after: Record<string, unknown>): Record<string, { before: unknown; after: unknown }> {
  const changes: Record<string, { before: unknown; after: unknown }> = {};
  for (const [field, value] of Object.entries(after)) {
    if (value === undefined || secretField.test(field)) continue;
    if (jsonText(before[field] ?? null) !== jsonText(value)) changes[field] = { before: before[field] ?? null, after: value };
  }
  return changes;
}
