import { now } from '../../platform/clock.ts';
import type { Db } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';
import { appendEvent } from '../../platform/events.ts';
import { leastLoadedServiceUser } from './account-owners.ts';
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
    const account = await trx
      .insertInto('accounts')
      .values({
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
    await appendEvent(trx, { type: 'account.created', accountId: account.id, subjectId: account.id, actorId });
    return account;
  });
}

export async function updateAccount(db: Db, id: string, input: UpdateAccountInput, actorId: string) {
  return db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('accounts').select('lifecycle').where('id', '=', id).forUpdate().executeTakeFirst();
    if (!before) throw notFound('Account');
    const { billing, ...rest } = input;
    const account = await trx
      .updateTable('accounts')
      .set({ ...rest, billing: jsonOrNull(billing), updated_at: now() })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    if (input.lifecycle && input.lifecycle !== before.lifecycle) {
      await appendEvent(trx, {
        type: 'account.lifecycle_changed',
        accountId: id,
        subjectId: id,
        actorId,
        payload: { from: before.lifecycle, to: input.lifecycle },
      });
    }
    return account;
  });
}

export async function deleteAccount(db: Db, id: string): Promise<void> {
  const result = await db.deleteFrom('accounts').where('id', '=', id).executeTakeFirst();
  if (result.numDeletedRows === 0n) throw notFound('Account');
}
