import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest, withQuery } from '../../api.ts';

export type Goal = {
  id: string;
  account_id: string;
  text: string;
  measure: string | null;
  target_on: string | null;
  status: 'open' | 'achieved' | 'dropped';
  achieved_at: string | null;
  review_due_at: string | null;
  review_status: string | null;
};

export type NewGoal = { account_id: string; text: string; measure: string | null; target_on: string | null };

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
