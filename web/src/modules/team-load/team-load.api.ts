import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { RebalanceView, TeamLoadView } from '../../../../src/modules/team-load/index.ts';
import type { Jsonified } from '../../../../src/platform/json-types.ts';
import { apiRequest } from '../../api.ts';
import type { Role } from '../auth/auth.api.ts';
import { meKeys } from '../me/me.api.ts';

// The server's own types, as JSON: they cannot drift from what the API answers.
export type TeamLoad = Jsonified<TeamLoadView>;
export type PersonLoad = TeamLoad['people'][number];
export type DayLoad = PersonLoad['days'][number];
export type Rebalance = Jsonified<RebalanceView>;

/** The API answers 403 to everyone else; the nav and the page ask this instead of trying. */
export const canSeeTeamLoad = (role: Role): boolean => role === 'manager' || role === 'admin';

const teamLoadKey = ['team-load'] as const;

export function useTeamLoad(enabled: boolean) {
  return useQuery({ queryKey: teamLoadKey, queryFn: ({ signal }) => apiRequest<TeamLoad>('/api/v1/team-load', { signal }), enabled });
}

/** What a rebalance would move: the server plans it and moves nothing. */
export function usePreviewRebalance() {
  return useMutation<Rebalance, Error, void>({
    mutationFn: () => apiRequest<Rebalance>('/api/v1/team-load/rebalance', { method: 'POST', body: { preview: true } }),
  });
}

/** Moves the tasks; the load and the manager's own day are read again after. */
export function useRebalance() {
  const queryClient = useQueryClient();
  return useMutation<Rebalance, Error, void>({
    mutationFn: () => apiRequest<Rebalance>('/api/v1/team-load/rebalance', { method: 'POST', body: { preview: false } }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: teamLoadKey });
      await queryClient.invalidateQueries({ queryKey: meKeys.day });
    },
  });
}
