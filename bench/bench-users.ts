import type { Db } from '../src/platform/db.ts';
import { formatCount } from './measure.ts';

/** Bench owners cannot sign in: '!' is no scrypt hash, so verifyPassword always refuses it. */
export async function createBenchUsers(db: Db) {
  const users = await db
    .insertInto('users')
    .values(['sales', 'service', 'manager'].flatMap((role) => [1, 2, 3].map((n) => ({ email: `${role}${n}@bench.example`, name: `Bench ${role} ${n}`, role: role as 'sales' | 'service' | 'manager', password_hash: '!' }))))
    .returning(['id', 'role'])
    .execute();
  const ids = (role: string) => users.filter((u) => u.role === role).map((u) => u.id);
  return { salesUserIds: ids('sales'), serviceUserIds: ids('service') };
}

/** A generateBusiness onProgress that logs every tenth of the accounts with the seconds so far. */
export function loadProgressLogger(log: (line: string) => void): (done: number, all: number) => void {
  const started = performance.now();
  let reported = 0;
  return (done, all) => {
    if (done - reported < all / 10 && done < all) return;
    reported = done;
    log(`   ${formatCount(done)} / ${formatCount(all)} accounts written (${((performance.now() - started) / 1000).toFixed(0)} s)`);
  };
}
