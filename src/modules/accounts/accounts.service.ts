import { randomUUID } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import { now } from '../../platform/clock.ts';
import type { Database } from '../../platform/db-schema.ts';
import type { Db } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';
import { changedFields, recordAudit } from '../../platform/audit.ts';
import { appendEvent } from '../../platform/events.ts';
import { leastLoadedServiceUser } from './account-owners.ts';
import { claimExternalId, releaseExternalId } from './external-ids.ts';
import { refreshAccountSearch } from './search-document.ts';
import type { CreateAccountInput, UpdateAccountInput } from './accounts.schema.ts';

function jsonOrNull(value: Record<string, unknown> | null | undefined) {
  return value === undefined ? undefined : value === null ? null : JSON.stringify(value);
}

/**
 * An account created by a person belongs to that person unless an owner is given; a customer gets
 * the least-loaded service user as service owner unless one is given (null leaves it unowned).
 */
export async function createAccount(db: Db, input: CreateAccountInput, actorId: string | null) {
  return db.transaction().execute(async (trx) => {
    const serviceOwnerId =
      input.service_owner_id === undefined && input.lifecycle === 'customer' ? await leastLoadedServiceUser(trx) : (input.service_owner_id ?? null);
    const id = randomUUID();
    if (input.external_id) await claimExternalId(trx, { accountId: id, externalId: input.external_id });
    const account = await trx
      .insertInto('accounts')
      .values({
        id,
        name: input.name,
        kind: input.kind,
        lifecycle: input.lifecycle,
        owner_id: input.owner_id === undefined ? actorId : input.owner_id,
        service_owner_id: serviceOwnerId,
        external_id: input.external_id ?? null,
        tags: input.tags,
        interests: input.interests,
        billing: jsonOrNull(input.billing) ?? null,
        created_at: now(),
        updated_at: now(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await refreshAccountSearch(trx, [account.id]);
    await appendEvent(trx, { type: 'account.created', accountId: account.id, subjectId: account.id, actorId });
    await recordAudit(trx, {
      actorId,
      action: 'account.created',
      entityType: 'account',
      entityId: account.id,
      accountId: account.id,
      changes: { name: account.name, lifecycle: account.lifecycle, owner_id: account.owner_id, service_owner_id: account.service_owner_id },
    });
    return account;
  });
}

export async function updateAccount(db: Db, id: string, input: UpdateAccountInput, actorId: string) {
  return db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('accounts').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!before) throw notFound('Account');
    if (input.external_id !== undefined && input.external_id !== before.external_id) {
      // The old external id is freed and the new one claimed in this transaction, so an import that
      // names either finds the account that holds it now (decision 0041).
      if (before.external_id) await releaseExternalId(trx, { accountId: id, externalId: before.external_id });
      if (input.external_id) await claimExternalId(trx, { accountId: id, externalId: input.external_id });
    }
    const { billing, ...rest } = input;
    const account = await trx
      .updateTable('accounts')
      .set({ ...rest, billing: jsonOrNull(billing), updated_at: now() })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    if (account.name !== before.name || JSON.stringify(account.tags) !== JSON.stringify(before.tags)) await refreshAccountSearch(trx, [id]);
    if (input.lifecycle && input.lifecycle !== before.lifecycle) {
      await appendEvent(trx, {
        type: 'account.lifecycle_changed',
        accountId: id,
        subjectId: id,
        actorId,
        payload: { from: before.lifecycle, to: input.lifecycle },
      });
    }
    await auditAccountChange(trx, before, account, actorId);
    return account;
  });
}

const ownerFields = ['owner_id', 'service_owner_id'] as const;

/** One entry for the account's fields, and one of its own when an owner changed, so ownership moves are easy to find. */
async function auditAccountChange(trx: Transaction<Database>, before: Record<string, unknown>, after: Record<string, unknown>, actorId: string) {
  const { updated_at: _before, ...was } = before;
  const { updated_at: _after, ...is } = after;
  const changes = changedFields(was, is);
  const owners = Object.fromEntries(ownerFields.filter((f) => f in changes).map((f) => [f, changes[f]]));
  const others = Object.fromEntries(Object.entries(changes).filter(([f]) => !(f in owners)));
  const id = String(after.id);
  const entry = { actorId, entityType: 'account', entityId: id, accountId: id } as const;
  if (Object.keys(owners).length > 0) await recordAudit(trx, { ...entry, action: 'account.owner_changed', changes: owners });
  if (Object.keys(others).length > 0) await recordAudit(trx, { ...entry, action: 'account.updated', changes: others });
}

export async function deleteAccount(db: Db, id: string, actorId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const removed = await trx.deleteFrom('accounts').where('id', '=', id).returning(['name', 'lifecycle', 'owner_id', 'external_id']).executeTakeFirst();
    if (!removed) throw notFound('Account');
    const { external_id, ...deleted } = removed;
    if (external_id) await releaseExternalId(trx, { accountId: id, externalId: external_id });
    // Rows no foreign key cascades to on Citus (decision 0028): other customers' referrals, events, scores.
    await sql`select delete_account_elsewhere(${id}::uuid)`.execute(trx);
    await recordAudit(trx, { actorId, action: 'account.deleted', entityType: 'account', entityId: id, accountId: id, changes: deleted });
  });
}
