import type { Role } from '../../src/platform/db-schema.ts';

/** The users every test database starts with, one per role. */
export const testPassword = 'test-password-1';
export const testUsers: Record<Role, { email: string; name: string; role: Role }> = {
  admin: { email: 'admin@test.example', name: 'Ada Admin', role: 'admin' },
  manager: { email: 'manager@test.example', name: 'Max Manager', role: 'manager' },
  sales: { email: 'sales@test.example', name: 'Sam Sales', role: 'sales' },
  service: { email: 'service@test.example', name: 'Sue Service', role: 'service' },
};
