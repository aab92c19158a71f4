import { addDays, now } from '../../platform/clock.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { appendEvent } from '../../platform/events.ts';

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export async function userProfile(db: Db, id: string) {
  return db.selectFrom('users').select(['id', 'email', 'name', 'role', 'time_zone', 'digest_enabled']).where('id', '=', id).executeTakeFirstOrThrow();
}

export async function updateProfile(db: Db, id: string, input: { time_zone?: string | undefined; digest_enabled?: boolean | undefined }) {
  if (input.time_zone !== undefined && !isTimeZone(input.time_zone)) {
    throw new AppError('invalid_input', 'Not a known time zone (use an IANA name such as Europe/Berlin)', 'time_zone');
  }
  await db.updateTable('users').set(input).where('id', '=', id).execute();
  return userProfile(db, id);
}

/** Keeps an account off the attention list, the digest and the no-touch playbook for N days. */
export async function snoozeAccount(db: Db, accountId: string, days: number, actorId: string) {
  return db.transaction().execute(async (trx) => {
    const until = addDays(now(), days);
    const row = await trx.updateTable('accounts').set({ snoozed_until: until }).where('id', '=', accountId).returning(['id', 'snoozed_until']).executeTakeFirst();
    if (!row) throw notFound('Account');
    await appendEvent(trx, { type: 'account.snoozed', accountId, subjectId: accountId, actorId, payload: { days } });
    return row;
  });
}
