import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest, withQuery } from '../../api.ts';
import type { CreateGoalBody, GoalView } from '../../../../src/modules/goals/index.ts';
import type { Jsonified } from '../../../../src/platform/json-types.ts';

// The server's own type, as JSON: it cannot drift from what the API answers.
export type Goal = Jsonified<GoalView>;

export type NewGoal = CreateGoalBody;

const goalKeys = { list: (accountId: string) => ['goals', accountId] as const };

export function useGoals(accountId: string) {
  return useQuery({
    queryKey: goalKeys.list(accountId),
    queryFn: async ({ signal }) => (await apiRequest<{ items: Goal[] }>(withQuery('/api/v1/goals', { account_id: accountId }), { signal })).items,
  });
}

function useGoalMutation<TBody>(accountId: string, request: (body: TBody) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation<unknown, Error, TBody>({
    mutationFn: request,
    // A goal and its review touch show on the timeline too.
    onSuccess: () => Promise.all([queryClient.invalidateQueries({ queryKey: goalKeys.list(accountId) }), queryClient.invalidateQueries({ queryKey: ['accounts', 'detail', accountId] })]),
  });
}

export const useRecordGoal = (accountId: string) => useGoalMutation(accountId, (body: NewGoal) => apiRequest('/api/v1/goals', { method: 'POST', body }));
export const useAchieveGoal = (accountId: string) =>
  useGoalMutation(accountId, (goalId: string) => apiRequest(`/api/v1/goals/${encodeURIComponent(goalId)}/achieve`, { method: 'POST' }));
