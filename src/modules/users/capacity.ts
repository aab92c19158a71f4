import type { Role } from '../../platform/db-schema.ts';

/**
 * How many planned touches a new person takes per working day, by role (docs/decisions/
 * 0025-capacity-aware-planning.md): a salesperson's calls take longest and sit between selling,
 * a service agent's check-ins are short, a manager's calls are few and go to the biggest customers.
 */
export function defaultTouchesPerDay(role: Role): number {
  const byRole: Record<Role, number> = { sales: 12, service: 20, manager: 6, admin: 6 };
  return byRole[role];
}
