import { sql } from 'kysely';

import { now } from '../../platform/clock.ts';
import type { Db } from '../../platform/db.ts';
import { changedFields, recordAudit } from '../../platform/audit.ts';
import { notFound } from '../../platform/errors.ts';
import { keysetPage, type Page } from '../../platform/paging.ts';
import { refreshAccountSearch, requireAccount } from '../accounts/index.ts';
import type { CreateContactInput, ListContactsQuery, UpdateContactInput } from './contacts.schema.ts';
import { containsPattern } from '../../platform/search.ts';
import { accountOfRow } from '../../platform/account-rows.ts';

const columns = [
  'id',
  'account_id',
  'name',
  'email',
  'phone',
  'title',
  'postal_address',
  'newsletter_consent',
  'consent_at',
  'unsubscribed_at',
  'created_at',
] as const;

// A contact's name and addresses are personal data that must be erasable; the append-only audit log
// records that they changed, never their values (docs/decisions/0013).
const personalFields = new Set(['name', 'email', 'phone', 'postal_address']);

function withoutPersonalValues(changes: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(changes).map(([field, change]) => [field, personalFields.has(field) ? 'changed' : change]));
}

export async function createContact(db: Db, input: CreateContactInput, actorId: string | null) {
  return db.transaction().execute(async (trx) => {
    await requireAccount(trx, input.account_id);
    const row = await trx
      .insertInto('contacts')
      .values({ ...input, consent_at: input.newsletter_consent ? now() : null })
      .returning(columns)
      .executeTakeFirstOrThrow();
    await refreshAccountSearch(trx, [row.account_id]);
    await recordAudit(trx, {
      actorId,
      action: 'contact.created',
      entityType: 'contact',
      entityId: row.id,
      accountId: row.account_id,
      changes: { newsletter_consent: row.newsletter_consent },
    });
    return row;
  });
}

export async function updateContact(db: Db, id: string, input: UpdateContactInput, actorId: string | null) {
  const consent = input.newsletter_consent === undefined ? {} : { consent_at: input.newsletter_consent ? now() : null };
  return db.transaction().execute(async (trx) => {
    const accountId = await accountOfRow(trx, 'contacts', id);
    if (!accountId) throw notFound('Contact');
    const before = await trx.selectFrom('contacts').select(columns).where('account_id', '=', accountId).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!before) throw notFound('Contact');
    const { email_allowed, ...fields } = input;
    const email = email_allowed === undefined ? {} : { unsubscribed_at: email_allowed ? null : (before.unsubscribed_at ?? now()) };
    const row = await trx
      .updateTable('contacts')
      .set({ ...fields, ...consent, ...email })
      .where('account_id', '=', before.account_id)
      .where('id', '=', id)
      .returning(columns)
      .executeTakeFirstOrThrow();
    if (row.name !== before.name || row.email !== before.email || row.phone !== before.phone) await refreshAccountSearch(trx, [row.account_id]);
    const changes = withoutPersonalValues(changedFields(before, row));
    await recordAudit(trx, { actorId, action: 'contact.updated', entityType: 'contact', entityId: id, accountId: row.account_id, changes });
    return row;
  });
}

export async function getContact(db: Db, id: string) {
  const row = await db.selectFrom('contacts').select(columns).where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Contact');
  return row;
}

export async function deleteContact(db: Db, id: string, actorId: string | null): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const accountId = await accountOfRow(trx, 'contacts', id);
    if (!accountId) throw notFound('Contact');
    const contact = await trx.selectFrom('contacts').select('account_id').where('account_id', '=', accountId).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!contact) throw notFound('Contact');
    // Touches, issues, invites and referrals that named the contact keep their rows without it (decision 0028).
    await sql`select unlink_contact(${contact.account_id}::uuid, ${id}::uuid)`.execute(trx);
    const deleted = await trx.deleteFrom('contacts').where('account_id', '=', contact.account_id).where('id', '=', id).returning(['account_id']).executeTakeFirstOrThrow();
    await refreshAccountSearch(trx, [deleted.account_id]);
    await recordAudit(trx, { actorId, action: 'contact.deleted', entityType: 'contact', entityId: id, accountId: deleted.account_id });
  });
}

export async function listContacts(db: Db, query: ListContactsQuery): Promise<Page<Awaited<ReturnType<typeof getContact>>>> {
  let q = db.selectFrom('contacts').select(columns);
  if (query.account_id) q = q.where('account_id', '=', query.account_id);
  if (query.q) {
    const pattern = containsPattern(query.q);
    q = q.where((eb) => eb.or([eb('name', 'ilike', pattern), eb('email', 'ilike', pattern)]));
  }
  return keysetPage(
    q,
    [
      { by: 'created_at', type: 'timestamptz' },
      { by: 'id', type: 'uuid' },
    ],
    query,
  );
}
