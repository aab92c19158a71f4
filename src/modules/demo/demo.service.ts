import { sql, type Transaction } from 'kysely';
import { externalIdFor, type GeneratedTable, generateBusiness } from '../../../bench/generate.ts';
import type { Db } from '../../platform/db.ts';
import type { Database, Role } from '../../platform/db-schema.ts';
import { AppError } from '../../platform/errors.ts';
import { defaultTouchesPerDay, hashPassword, passwordProblem } from '../users/index.ts';

/** The demo team; each address's local part names the role, so a visitor knows whom they are signing in as. */
export const demoUsers: readonly { email: string; name: string; role: Role }[] = [
  { email: 'admin@example.com', name: 'Adrian Keller', role: 'admin' },
  { email: 'manager@example.com', name: 'Maria Lopez', role: 'manager' },
  { email: 'sales@example.com', name: 'Sofia Brandt', role: 'sales' },
  { email: 'sales2@example.com', name: 'Jonas Weber', role: 'sales' },
  { email: 'sales3@example.com', name: 'Leila Haddad', role: 'sales' },
  { email: 'service@example.com', name: 'Tom Becker', role: 'service' },
  { email: 'service2@example.com', name: 'Priya Nair', role: 'service' },
  { email: 'service3@example.com', name: 'Oskar Lind', role: 'service' },
];

export type LoadDemoInput = { seed: number; password: string; accounts?: number };

export type LoadDemoResult =
  | { status: 'already_loaded'; message: string }
  | { status: 'loaded'; message: string; seed: number; users: string[]; rows: Record<GeneratedTable, number> };

/**
 * The demo salespeople take 14 touches a day, not the default 12: a first start plans the attention
 * gaps of a business that never had Afterclose, about 65 silent customers each, and at 14 a day they
 * fit inside the step's five-working-day window beside each person's own planned calls, so the
 * demo shows work spread over capacity rather than tasks already flagged late.
 */
function demoTouchesPerDay(role: Role): number {
  return role === 'sales' ? 14 : defaultTouchesPerDay(role);
}

// Serialises concurrent loaders on one server, so the second one sees the first one's marker.
const demoLockKey = 4242002;

/**
 * Creates the demo users that do not exist yet and returns every demo user's id and role. A user who
 * already exists keeps their password: the demo must never reset a real person's credentials.
 */
async function ensureDemoUsers(trx: Transaction<Database>, password: string) {
  const emails = demoUsers.map((u) => u.email.toLowerCase());
  const existing = await trx
    .selectFrom('users')
    .select(['id', 'role', sql<string>`lower(email)`.as('email')])
    .where(sql<string>`lower(email)`, 'in', emails)
    .execute();
  const known = new Set(existing.map((u) => u.email));
  const missing = demoUsers.filter((u) => !known.has(u.email.toLowerCase()));
  if (missing.length === 0) return existing;
  const hashes = await Promise.all(missing.map(() => hashPassword(password)));
  const created = await trx
    .insertInto('users')
    .values(missing.map((u, i) => ({ email: u.email, name: u.name, role: u.role, touches_per_day: demoTouchesPerDay(u.role), password_hash: hashes[i] ?? '' })))
    .returning(['id', 'role', 'email'])
    .execute();
  return [...existing, ...created];
}

/**
 * The demo team's password is printed on screen and in the README, so it must never open a real
 * business's database: demo users (an admin among them) are only created where nobody else has an account.
 */
async function refuseDatabaseWithRealUsers(trx: Transaction<Database>): Promise<void> {
  const someoneElse = await trx
    .selectFrom('users')
    .select('email')
    .where(sql<string>`lower(email)`, 'not in', demoUsers.map((u) => u.email.toLowerCase()))
    .limit(1)
    .executeTakeFirst();
  if (someoneElse) {
    throw new AppError(
      'conflict',
      'This database already has users of its own; the demo, whose logins are public, only loads into a database without users (use a new --data directory or database)',
    );
  }
}

/**
 * Loads the demo business: the demo team and a generated history of `accounts` customers ending
 * today. Everything happens in one transaction, so a crash leaves nothing half-loaded, and a rerun
 * finds the marker account and changes nothing.
 */
export async function loadDemoData(db: Db, input: LoadDemoInput): Promise<LoadDemoResult> {
  const accounts = input.accounts ?? 600;
  const problem = demoUsers.map((u) => passwordProblem(input.password, u.email)).find((p) => p !== null);
  if (problem) throw new AppError('invalid_input', `The demo password (AFTERCLOSE_DEMO_PASSWORD) ${problem}`);
  return db.transaction().execute(async (trx): Promise<LoadDemoResult> => {
    await sql`select pg_advisory_xact_lock(${demoLockKey})`.execute(trx);
    const marker = await trx.selectFrom('accounts').select('id').where('external_id', '=', externalIdFor(0)).executeTakeFirst();
    if (marker) return { status: 'already_loaded', message: 'The demo data is already loaded; nothing was changed.' };
    await refuseDatabaseWithRealUsers(trx);
    const users = await ensureDemoUsers(trx, input.password);
    // In list order, so the same seed hands the same accounts to the same demo person.
    const position = (email: string) => demoUsers.findIndex((u) => u.email.toLowerCase() === email.toLowerCase());
    users.sort((a, b) => position(a.email) - position(b.email));
    const idsOf = (role: Role) => users.filter((u) => u.role === role).map((u) => u.id);
    const salesUserIds = idsOf('sales');
    const serviceUserIds = idsOf('service');
    if (salesUserIds.length === 0 || serviceUserIds.length === 0) {
      throw new AppError('conflict', 'The demo needs sales and service users, but the demo addresses belong to users with other roles');
    }
    const result = await generateBusiness(trx, { seed: input.seed, accounts, salesUserIds, serviceUserIds });
    return {
      status: 'loaded',
      message: `Loaded the demo business (seed ${input.seed}): ${result.rows.accounts} accounts, ${result.rows.orders} orders.`,
      seed: input.seed,
      users: demoUsers.map((u) => u.email),
      rows: result.rows,
    };
  });
}

/** True when nobody has been set up yet: `afterclose start` then loads the demo so there is something to see. */
export async function isDatabaseEmpty(db: Db): Promise<boolean> {
  const user = await db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  return user === undefined;
}
