import type { Db } from './db.ts';
import { AppError, notFound } from './errors.ts';
import type { AuthUser, Role } from './http.ts';

// Who may do what: docs/permissions.md has the whole table, tests/api/permissions.test.ts walks it.
// Routes call these plain functions; each rule lives here once.

const managers: readonly Role[] = ['admin', 'manager'];

export function isManager(user: AuthUser): boolean {
  return managers.includes(user.role);
}

/** Exports, imports, contact deletion, the outbox: whole-database tools that bypass account ownership. */
export function assertManager(user: AuthUser, what: string): void {
  if (!isManager(user)) throw new AppError('forbidden', `Only managers and admins may ${what}`);
}

type AccountOwners = { owner_id: string | null; service_owner_id: string | null };

/**
 * Sales work the accounts they own and the unowned pool; service works the accounts they service
 * and those with no service owner. Managers and admins work every account.
 */
function worksOn(user: AuthUser, account: AccountOwners): boolean {
  if (isManager(user)) return true;
  if (user.role === 'sales') return account.owner_id === null || account.owner_id === user.id;
  return account.service_owner_id === null || account.service_owner_id === user.id;
}

// An unknown account passes: the service answers for it as it always has (404, or 422 naming the field).
async function ownersOf(db: Db, accountId: string): Promise<AccountOwners> {
  const account = await db.selectFrom('accounts').select(['owner_id', 'service_owner_id']).where('id', '=', accountId).executeTakeFirst();
  return account ?? { owner_id: null, service_owner_id: null };
}

/** Edit the account, its contacts, touches, goals, referrals, survey invites and mentions. */
export async function assertCanWorkOnAccount(db: Db, user: AuthUser, accountId: string): Promise<void> {
  if (isManager(user)) return;
  if (!worksOn(user, await ownersOf(db, accountId))) {
    const whose = user.role === 'sales' ? 'owned by another salesperson' : 'serviced by someone else';
    throw new AppError('forbidden', `This account is ${whose}: ask its owner or a manager`);
  }
}

/** Deals and orders are the sales side of an account: service users leave them to sales. */
export async function assertCanSellTo(db: Db, user: AuthUser, accountId: string): Promise<void> {
  if (user.role === 'service') throw new AppError('forbidden', 'Deals and orders are for sales, managers and admins');
  await assertCanWorkOnAccount(db, user, accountId);
}

type AccountRecord = 'contacts' | 'deals' | 'orders' | 'goals' | 'referrals' | 'issues' | 'touches';

/** The account a record belongs to; a missing record is a 404, as the route would have said. */
export async function accountOf(db: Db, table: AccountRecord, id: string): Promise<string> {
  const row = await db.selectFrom(table).select('account_id').where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound(table.charAt(0).toUpperCase() + table.slice(1, -1));
  return row.account_id;
}

/** A touch: its assignee always, otherwise whoever works on its account. */
export async function assertCanWorkOnTouch(db: Db, user: AuthUser, touchId: string): Promise<void> {
  const touch = await db.selectFrom('touches').select(['account_id', 'assignee_id']).where('id', '=', touchId).executeTakeFirst();
  if (!touch) throw notFound('Touch');
  if (touch.assignee_id === user.id) return;
  await assertCanWorkOnAccount(db, user, touch.account_id);
}

/** Many touches at once (My day's bulk actions): refused as a whole, naming the first touch not theirs to work. */
export async function assertCanWorkOnTouches(db: Db, user: AuthUser, touchIds: string[]): Promise<void> {
  if (isManager(user) || touchIds.length === 0) return;
  const touches = await db
    .selectFrom('touches')
    .innerJoin('accounts', 'accounts.id', 'touches.account_id')
    .select(['touches.subject', 'touches.assignee_id', 'accounts.name', 'accounts.owner_id', 'accounts.service_owner_id'])
    .where('touches.id', 'in', touchIds)
    .execute();
  const foreign = touches.find((t) => t.assignee_id !== user.id && !worksOn(user, t));
  if (foreign) throw new AppError('forbidden', `“${foreign.subject}” (${foreign.name}) is not yours to work: nothing was changed`, 'touch_ids');
}

/** An issue: the service team shares one queue; sales answer on the accounts they work. */
export async function assertCanWorkOnIssue(db: Db, user: AuthUser, issueId: string): Promise<void> {
  if (isManager(user) || user.role === 'service') return;
  await assertCanWorkOnAccount(db, user, await accountOf(db, 'issues', issueId));
}

/**
 * Giving an account to another salesperson is a manager's call; a salesperson may take an unowned
 * account (owner_id = themselves). Who services it (service_owner_id) is routing, not ownership:
 * whoever works the account may set it.
 */
export function assertCanAssignOwners(user: AuthUser, change: { owner_id?: string | null }, current: AccountOwners | null): void {
  if (isManager(user)) return;
  const owner = change.owner_id;
  if (owner !== undefined && owner !== (current?.owner_id ?? null) && !(user.role === 'sales' && owner === user.id)) {
    throw new AppError('forbidden', 'Only managers and admins may give an account to another owner', 'owner_id');
  }
}

/** PATCH /accounts/:id: the account must be workable and any owner change allowed. */
export async function assertCanEditAccount(db: Db, user: AuthUser, accountId: string, change: { owner_id?: string | null }): Promise<void> {
  if (isManager(user)) return;
  const current = await ownersOf(db, accountId);
  await assertCanWorkOnAccount(db, user, accountId);
  assertCanAssignOwners(user, change, current);
}

// Signed survey, referral and unsubscribe links in a message body act as the customer: whoever
// holds one could answer an NPS survey in the customer's name.
const customerLink = /\bhttps?:\/\/[^\s"'<>]+\/(?:s|r|u)\/[A-Za-z0-9._~%-]{10,}/g;

/** Message bodies as a non-admin may see them: the customer's own links replaced by a note. */
export function redactCustomerLinks(user: AuthUser, text: string): string {
  return user.role === 'admin' ? text : text.replace(customerLink, '[customer link hidden]');
}
