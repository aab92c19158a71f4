import type { Role } from './auth.api.ts';

// What the server refuses to sales and service (docs/permissions.md): the app hides or disables
// it and says why, rather than offering a button that answers 403.
const isManager = (role: Role): boolean => role === 'admin' || role === 'manager';

export const canImport = isManager;
export const canExport = isManager;
export const canEditCompanySettings = isManager;
export const canReadOutbox = isManager;
export const canDeleteContacts = isManager;
export const canDeleteAccounts = isManager;
export const canAssignAnyOwner = isManager;
export const canSeeFulfilmentReports = isManager;

export const managersOnly = {
  import: 'Only managers and admins can import: an import writes accounts and their owners whoever owns them.',
  export: 'Only managers and admins can download exports: a list holds every owner’s customers.',
  outbox: 'Only managers and admins can read the outbox: emails carry the customers’ own survey and referral links.',
  deleteContact: 'Only managers and admins can delete a contact.',
  deleteAccount: 'Only managers and admins can delete an account: its contacts, deals, orders and history go with it.',
  assignOwner: 'Only managers and admins can give an account to another owner.',
} as const;

type AccountOwners = { owner_id: string | null; service_owner_id: string | null };

/**
 * Whether the person may log and plan touches on the account: sales work the accounts they own and
 * the unowned pool, service those they service and those with no service owner, managers every
 * account (the server's rule: src/platform/permissions.ts).
 */
export function worksOnAccount(user: { id: string; role: Role }, account: AccountOwners): boolean {
  if (isManager(user.role)) return true;
  if (user.role === 'sales') return account.owner_id === null || account.owner_id === user.id;
  return account.service_owner_id === null || account.service_owner_id === user.id;
}

/** Why worksOnAccount said no, and who can help: `what` is the work refused, e.g. "to change it". */
export const notTheirAccount = (role: Role, what: string): string =>
  `This account is ${role === 'sales' ? 'owned by another salesperson' : 'serviced by someone else'}: ask its owner or a manager ${what}.`;
