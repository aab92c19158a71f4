
import { now } from '../../platform/clock.ts';
import type { Db } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';
import { keysetPage, type Page } from '../../platform/paging.ts';
import { requireAccount } from '../accounts/index.ts';
import type { CreateContactInput, ListContactsQuery, UpdateContactInput } from './contacts.schema.ts';
import { containsPattern } from '../../platform/search.ts';

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

export async function createContact(db: Db, input: CreateContactInput) {
  await requireAccount(db, input.account_id);
  return db
    .insertInto('contacts')
    .values({ ...input, consent_at: input.newsletter_consent ? now() : null })
    .returning(columns)
    .executeTakeFirstOrThrow();
}

export async function updateContact(db: Db, id: string, input: UpdateContactInput) {
  const consent = input.newsletter_consent === undefined ? {} : { consent_at: input.newsletter_consent ? now() : null };
  const row = await db
    .updateTable('contacts')
    .set({ ...input, ...consent })
    .where('id', '=', id)
    .returning(columns)
    .executeTakeFirst();
  if (!row) throw notFound('Contact');
  return row;
}

export async function getContact(db: Db, id: string) {
  const row = await db.selectFrom('contacts').select(columns).where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Contact');
  return row;
}

export async function deleteContact(db: Db, id: string): Promise<void> {
  const result = await db.deleteFrom('contacts').where('id', '=', id).executeTakeFirst();
  if (result.numDeletedRows === 0n) throw notFound('Contact');
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
