import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { useProfile } from '../me/me.api.ts';

/**
 * Someone an admin added signs in with the password the admin told them; until they choose their
 * own, every page sends them to their profile to do that first.
 */
export function PasswordGate({ children }: { children: ReactNode }) {
  const profile = useProfile();
  const { pathname } = useLocation();
  if (profile.data?.must_change_password && pathname !== '/profile') return <Navigate to="/profile" replace />;
  return children;
}
