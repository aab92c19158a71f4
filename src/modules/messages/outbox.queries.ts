import type { Db } from '../../platform/db.ts';
import { keysetPage, type PageRequest } from '../../platform/paging.ts';

export type OutboxQuery = PageRequest & {
  status?: 'queued' | 'sending' | 'sent' | 'failed' | 'suppressed' | undefined;
  account_id?: string | undefined;
};

/** The outbox, newest message first, keyset-paged on (created_at, id). */
export async function listOutbox(db: Db, query: OutboxQuery) {
  let q = db
    .selectFrom('messages')
    .leftJoin('accounts', 'accounts.id', 'messages.account_id')
    .select(['messages.id', 'messages.account_id', 'accounts.name as account_name', 'messages.to_email', 'messages.subject', 'messages.body_text',
      'messages.status', 'messages.send_after', 'messages.sent_at', 'messages.attempts', 'messages.error', 'messages.created_at']);
  if (query.status) q = q.where('messages.status', '=', query.status);
  if (query.account_id) q = q.where('messages.account_id', '=', query.account_id);
  return keysetPage(
    q,
    [
      { by: 'messages.created_at', type: 'timestamptz', order: 'desc' },
      { by: 'messages.id', type: 'uuid', order: 'desc' },
    ],
    query,
  );
}
