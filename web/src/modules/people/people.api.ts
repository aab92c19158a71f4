import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApiTokenView, ChangePasswordInput, CreateUserInput, NewApiTokenView, UpdateUserInput, UserView } from '../../../../src/modules/users/index.ts';
import type { Jsonified } from '../../../../src/platform/json-types.ts';
import { apiRequest, type Page } from '../../api.ts';
import { meKeys } from '../me/me.api.ts';

// The server's own types, as JSON: they cannot drift from what the API answers.
export type TeamUser = Jsonified<UserView>;
export type ApiToken = Jsonified<ApiTokenView>;
export type NewApiToken = Jsonified<NewApiTokenView>;

type WorkKind = keyof TeamUser['work_held'];
const workWords: Record<WorkKind, [string, string]> = {
  planned_touches: ['planned touch', 'planned touches'],
  accounts: ['account', 'accounts'],
  open_deals: ['open deal', 'open deals'],
  open_issues: ['open issue', 'open issues'],
};

/** How many things a person holds in all: a deactivation must hand them to a colleague. */
export const workHeldCount = (user: TeamUser): number => Object.values(user.work_held).reduce((sum, n) => sum + (n ?? 0), 0);

/** "2 planned touches, 3 accounts and 1 open issue": what deactivating the person hands over. */
export function describeWorkHeld(user: TeamUser): string {
  const parts = (Object.keys(workWords) as WorkKind[]).flatMap((kind) => {
    const n = user.work_held[kind] ?? 0;
    return n === 0 ? [] : [`${n} ${workWords[kind][n === 1 ? 0 : 1]}`];
  });
  return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

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
