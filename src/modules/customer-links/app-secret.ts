import { randomBytes } from 'node:crypto';
import type { Db } from '../../platform/db.ts';

const cache = new WeakMap<object, string>();

/**
 * The key that signs public links (unsubscribe, later surveys and referrals). It lives in the
 * database so that every api and worker process signs and checks with the same key.
 */
export async function appSecret(db: Db): Promise<string> {
  const cached = cache.get(db);
  if (cached) return cached;
  await db
    .insertInto('settings')
    .values({ key: 'app_secret', value: randomBytes(32).toString('base64url') })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const row = await db.selectFrom('settings').select('value').where('key', '=', 'app_secret').executeTakeFirstOrThrow();
  cache.set(db, row.value);
  return row.value;
}
