import { createContext, useContext } from 'react';
import type { User } from '../modules/auth/auth.api.ts';

export const SignedInUserContext = createContext<User | null>(null);

/** Only valid below AuthGuard, which renders nothing until the user is known. */
export function useSignedInUser(): User {
  const user = useContext(SignedInUserContext);
  if (!user) throw new Error('useSignedInUser must be used below <AuthGuard>');
  return user;
}
