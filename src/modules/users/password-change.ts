import { now } from '../../platform/clock.ts';
import type { Db } from '../../platform/db.ts';
import { recordAudit } from '../../platform/audit.ts';
import { AppError } from '../../platform/errors.ts';
import { hashPassword, passwordProblem, verifyPassword } from './passwords.ts';
import { announceUserChange } from './auth-cache.ts';
import { refuseWhileLocked } from './auth.service.ts';
import { hashSecret } from './tokens.ts';
import type { ChangePasswordInput } from './users.schema.ts';

/**
 * A person changes their own password after proving the current one (a session left open on a
 * shared computer must not be enough). Every other browser session ends: whoever learnt the old
 * password is signed out; the session making the change and API tokens stay, as scripts use those.
 */
export async function changeOwnPassword(db: Db, userId: string, input: ChangePasswordInput, from: { ip: string; sessionToken: string | undefined }): Promise<void> {
  const user = await db.selectFrom('users').select(['email', 'password_hash']).where('id', '=', userId).executeTakeFirstOrThrow();
  // Wrong current passwords count like failed logins from the same address, and share their lock.
  await refuseWhileLocked(db, user.email, from.ip);
  if (!(await verifyPassword(input.current_password, user.password_hash))) {
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('login_failures').values({ email: user.email, ip: from.ip, failed_at: now() }).execute();
      await recordAudit(trx, { actorId: userId, action: 'user.login_failed', entityType: 'user', entityId: userId, changes: { email: user.email, reason: 'wrong_current_password' }, ip: from.ip });
    });
    throw new AppError('unprocessable', 'The current password is wrong', 'current_password');
  }
  const currentSessionToken = from.sessionToken;
  const problem = passwordProblem(input.new_password, user.email);
  if (problem) throw new AppError('invalid_input', `The new password ${problem}`, 'new_password');
  const passwordHash = await hashPassword(input.new_password);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ password_hash: passwordHash, must_change_password: false }).where('id', '=', userId).execute();
    let others = trx.deleteFrom('sessions').where('user_id', '=', userId);
    if (currentSessionToken) others = others.where('token_hash', '!=', hashSecret(currentSessionToken));
    await others.execute();
    await announceUserChange(trx, userId);
    await recordAudit(trx, { actorId: userId, action: 'user.password_changed', entityType: 'user', entityId: userId });
  });
}
