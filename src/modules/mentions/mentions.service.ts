import type { Db } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';
import { appendEvent } from '../../platform/events.ts';
import type { RecordMentionInput } from './mentions.schema.ts';

/** A customer in the press: recorded, and mention.recorded lets the playbook plan the clipping. */
export async function recordMention(db: Db, accountId: string, input: RecordMentionInput, actorId: string) {
  return db.transaction().execute(async (trx) => {
    const account = await trx.selectFrom('accounts').select('id').where('id', '=', accountId).executeTakeFirst();
    if (!account) throw notFound('Account');
    const mention = await trx
      .insertInto('mentions')
      .values({ account_id: accountId, source: input.source, title: input.title, url: input.url ?? null, published_at: input.published_at })
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendEvent(trx, {
      type: 'mention.recorded',
      accountId,
      subjectId: mention.id,
      actorId,
      payload: { source: mention.source, title: mention.title, url: mention.url },
    });
    return mention;
  });
}

export async function listMentions(db: Db, accountId: string) {
  return db.selectFrom('mentions').selectAll().where('account_id', '=', accountId).orderBy('published_at', 'desc').execute();
}
