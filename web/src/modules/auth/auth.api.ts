import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AuthUser, Credentials } from '../../../../src/modules/users/index.ts';
import type { Jsonified } from '../../../../src/platform/json-types.ts';
import { apiRequest, isUnauthorized } from '../../api.ts';

// The server's own types, as JSON: they cannot drift from what the API answers.
export type User = Jsonified<AuthUser>;
export type Role = User['role'];

export type { Credentials };

/** What /auth/me and the login answer: the signed-in user, wrapped. */
type UserEnvelope = { user: User };

export const currentUserKey = ['auth', 'me'] as const;

/** Resolves to `null` when nobody is signed in, so "signed out" is data, not an error. */
export async function fetchCurrentUser(signal?: AbortSignal): Promise<User | null> {
  try {
    const { user } = await apiRequest<UserEnvelope>('/api/v1/auth/me', { signal });
    return user;
  } catch (error) {
    if (isUnauthorized(error)) return null;
    throw error;
  }
}

export function useCurrentUser() {
  return useQuery({
    queryKey: currentUserKey,
    queryFn: ({ signal }) => fetchCurrentUser(signal),
    staleTime: 5 * 60_000,
  });
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation<User, Error, Credentials>({
    mutationFn: async (credentials) => {
      const { user } = await apiRequest<UserEnvelope>('/api/v1/auth/login', {
        method: 'POST',
        body: credentials,
      });
      return user;
    },
    onSuccess: (user) => {
      // Drop anything cached for a previous session before showing the new user's data.
      queryClient.clear();
      queryClient.setQueryData(currentUserKey, user);
    },
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation<void, Error>({
    mutationFn: () => apiRequest<void>('/api/v1/auth/logout', { method: 'POST' }),
    onSettled: () => {
      queryClient.clear();
      queryClient.setQueryData(currentUserKey, null);
    },
  });
}

export const roleLabels: Record<Role, string> = {
  admin: 'Admin',
  manager: 'Manager',
  sales: 'Sales',
  service: 'Service',
};
