import { addDays, now } from '../../platform/clock.ts';
import type { Db } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';
import { appendEvent } from '../../platform/events.ts';
import { preparedQuery } from '../../platform/prepared-query.ts';
import { recordAudit } from '../../platform/audit.ts';
import { announceUserChange } from '../users/index.ts';
import { coverWorkWhileAway } from './time-away.ts';

const profileColumns = ['id', 'email', 'name', 'role', 'time_zone', 'digest_enabled', 'must_change_password', 'touches_per_day', 'working_days', 'work_start_hour', 'work_end_hour', 'away_from', 'away_until', 'away_backup_id'] as const;

// Prepared (decision 0038): My day reads the person's time zone on every opening.
const profileOf = preparedQuery((db: Db, { id }: { id: string }) => db.selectFrom('users').select(profileColumns).where('id', '=', id));

export async function userProfile(db: Db, id: string) {
  const [profile] = await profileOf(db, { id });
  if (!profile) throw notFound('User');
  return profile;
}

type ProfileChange = {
  name?: string | undefined;
  time_zone?: string | undefined;
  digest_enabled?: boolean | undefined;
  away_from?: string | null | undefined;
  away_until?: string | null | undefined;
  away_backup_id?: string | null | undefined;
};

/**
 * A person's own name, time zone, digest choice and time away; a new name or zone is in the audit
 * log. Saving time away hands the work due in it to their cover in the same transaction.
 */
export async function updateProfile(db: Db, id: string, input: ProfileChange) {
  return db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('users').select(['name', 'time_zone']).where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
    const after = await trx.updateTable('users').set(input).where('id', '=', id).returning(['id', 'role', 'time_zone', 'away_from', 'away_until', 'away_backup_id']).executeTakeFirstOrThrow();
    if (input.away_from !== undefined || input.away_until !== undefined || input.away_backup_id !== undefined) await coverWorkWhileAway(trx, after, id);
    // The signed-in name is cached for a few seconds in every API process.
    if (input.name !== undefined) await announceUserChange(trx, id);
    const changes = Object.fromEntries(
      (['name', 'time_zone'] as const).filter((key) => input[key] !== undefined && input[key] !== before[key]).map((key) => [key, { before: before[key], after: input[key] }]),
    );
    if (Object.keys(changes).length > 0) await recordAudit(trx, { actorId: id, action: 'user.profile_updated', entityType: 'user', entityId: id, changes });
    return trx.selectFrom('users').select(profileColumns).where('id', '=', id).executeTakeFirstOrThrow();
  });
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
