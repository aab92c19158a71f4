import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApiTokenView, ChangePasswordInput, CreateUserInput, NewApiTokenView, UpdateUserInput, UserView } from '../../../../src/modules/users/index.ts';
import type { Jsonified } from '../../../../src/platform/json-types.ts';
import { apiRequest, type Page } from '../../api.ts';
import { meKeys } from '../me/me.api.ts';

// The server's own types, as JSON: they cannot drift from what the API answers.
export type TeamUser = Jsonified<UserView>;
export type ApiToken = Jsonified<ApiTokenView>;
export type NewApiToken = Jsonified<NewApiTokenView>;

export type NewUser = Jsonified<CreateUserInput>;
export type UserChange = Jsonified<UpdateUserInput>;
export type PasswordChange = Jsonified<ChangePasswordInput>;

const usersKey = ['users', 'all'] as const;
const tokensKey = ['auth', 'tokens'] as const;

export function useAllUsers() {
  return useQuery({
    queryKey: usersKey,
    queryFn: async ({ signal }) => (await apiRequest<Page<TeamUser>>('/api/v1/users', { signal })).items,
  });
}

function useRefreshUsers() {
  const queryClient = useQueryClient();
  // The colleague pickers (meKeys.team) and My day read the same people and their touches.
  return () => Promise.all([queryClient.invalidateQueries({ queryKey: ['users'] }), queryClient.invalidateQueries({ queryKey: meKeys.day })]);
}

export function useAddUser() {
  const refresh = useRefreshUsers();
  return useMutation<TeamUser, Error, NewUser>({
    mutationFn: (body) => apiRequest<TeamUser>('/api/v1/users', { method: 'POST', body }),
    onSuccess: () => refresh(),
  });
}

export function useChangeUser(id: string) {
  const refresh = useRefreshUsers();
  return useMutation<TeamUser, Error, UserChange>({
    mutationFn: (body) => apiRequest<TeamUser>(`/api/v1/users/${encodeURIComponent(id)}`, { method: 'PATCH', body }),
    onSuccess: () => refresh(),
  });
}

export function useChangePassword() {
  return useMutation<void, Error, PasswordChange>({
    mutationFn: (body) => apiRequest<void>('/api/v1/auth/password', { method: 'POST', body }),
  });
}

export function useApiTokens() {
  return useQuery({
    queryKey: tokensKey,
    queryFn: async ({ signal }) => (await apiRequest<Page<ApiToken>>('/api/v1/auth/tokens', { signal })).items,
  });
}

export function useCreateApiToken() {
  const queryClient = useQueryClient();
  return useMutation<NewApiToken, Error, string>({
    mutationFn: (name) => apiRequest<NewApiToken>('/api/v1/auth/tokens', { method: 'POST', body: { name } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tokensKey }),
  });
}

export function useRevokeApiToken() {
  const queryClient = useQueryClient();
  return useMutation<void, Error, string>({
    mutationFn: (id) => apiRequest<void>(`/api/v1/auth/tokens/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tokensKey }),
  });
}
