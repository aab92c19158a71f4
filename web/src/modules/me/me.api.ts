import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { MyDayView, ProfileView } from '../../../../src/modules/me/index.ts';
import type {
  BulkTouchResult,
  CompleteTouchInput as ServerCompleteTouchInput,
  NextStepInput as ServerNextStepInput,
  BulkTouchInput as ServerBulkTouchInput,
} from '../../../../src/modules/touches/index.ts';
import type { UserView } from '../../../../src/modules/users/index.ts';
import type { Jsonified } from '../../../../src/platform/json-types.ts';
import { apiRequest, type Page } from '../../api.ts';

export type Profile = Jsonified<ProfileView>;

/** A colleague as the users list answers it, as far as picking an assignee needs. */
export type TeamMember = Pick<Jsonified<UserView>, 'id' | 'email' | 'name' | 'role' | 'active'>;

// The server's own types, as JSON: they cannot drift from what the API answers.
export type MyDay = Jsonified<MyDayView>;
export type DayTouch = MyDay['today'][number];

// The touch bodies the server validates, as JSON.
export type NextStepInput = Jsonified<ServerNextStepInput>;
export type CompleteTouchInput = Jsonified<ServerCompleteTouchInput>;

export const meKeys = {
  profile: ['me', 'profile'] as const,
  day: ['me', 'day'] as const,
  team: ['users', 'list'] as const,
};

export function useProfile() {
  return useQuery({
    queryKey: meKeys.profile,
    queryFn: ({ signal }) => apiRequest<Profile>('/api/v1/me', { signal }),
  });
}

export function useUpdateProfile() {
  const queryClient = useQueryClient();
  return useMutation<Profile, Error, Partial<Pick<Profile, 'name' | 'time_zone' | 'digest_enabled' | 'away_from' | 'away_until' | 'away_backup_id'>>>({
    mutationFn: (body) => apiRequest<Profile>('/api/v1/me', { method: 'PATCH', body }),
    onSuccess: (profile) => {
      queryClient.setQueryData(meKeys.profile, profile);
      // The time zone decides what "today" is.
      return queryClient.invalidateQueries({ queryKey: meKeys.day });
    },
  });
}

export function useTeam() {
  return useQuery({
    queryKey: meKeys.team,
    queryFn: async ({ signal }) => {
      const page = await apiRequest<Page<TeamMember>>('/api/v1/users', { signal });
      return page.items.filter((user) => user.active);
    },
    staleTime: 5 * 60_000,
  });
}

export function useMyDay() {
  return useQuery({
    queryKey: meKeys.day,
    queryFn: ({ signal }) => apiRequest<MyDay>('/api/v1/me/day', { signal }),
  });
}

export type TouchAction =
  | { type: 'complete'; body: CompleteTouchInput }
  | { type: 'skip'; reason?: string }
  | { type: 'snooze'; days: number }
  | { type: 'reschedule'; due_at: string };

const touchPath = (id: string) => `/api/v1/touches/${encodeURIComponent(id)}`;

function sendTouchAction(id: string, action: TouchAction): Promise<unknown> {
  switch (action.type) {
    case 'complete':
      return apiRequest(`${touchPath(id)}/complete`, { method: 'POST', body: action.body });
    case 'skip':
      return apiRequest(`${touchPath(id)}/skip`, { method: 'POST', body: action.reason ? { reason: action.reason } : {} });
    case 'snooze':
      return apiRequest(`${touchPath(id)}/snooze`, { method: 'POST', body: { days: action.days } });
    case 'reschedule':
      return apiRequest(touchPath(id), { method: 'PATCH', body: { due_at: action.due_at } });
  }
}

const withoutTouch = (day: MyDay, id: string): MyDay => ({
  ...day,
  overdue: day.overdue.filter((touch) => touch.id !== id),
  today: day.today.filter((touch) => touch.id !== id),
  upcoming: day.upcoming.filter((touch) => touch.id !== id),
});

/**
 * Every action takes the touch off the list at once; the refetch that follows puts it back where it
 * now belongs (a snoozed touch in a later group) along with any next step it planned.
 */
export function useTouchAction(id: string, onSucceeded: (action: TouchAction) => void) {
  const queryClient = useQueryClient();
  return useMutation<unknown, Error, TouchAction>({
    mutationFn: (action) => sendTouchAction(id, action),
    // Options given here live on the mutation, so they still run after the row has unmounted.
    onSuccess: (_result, action) => {
      onSucceeded(action);
      queryClient.setQueryData<MyDay>(meKeys.day, (day) => (day ? withoutTouch(day, id) : day));
      void queryClient.invalidateQueries({ queryKey: ['deals'] });
      void queryClient.invalidateQueries({ queryKey: ['accounts'] });
      return queryClient.invalidateQueries({ queryKey: meKeys.day });
    },
  });
}

export type BulkTouchInput = Jsonified<ServerBulkTouchInput>;

/** One request for many touches: the server changes all of them or none and says which one stopped it. */
export function useBulkTouchAction(onSucceeded: (result: Jsonified<BulkTouchResult>) => void) {
  const queryClient = useQueryClient();
  return useMutation<Jsonified<BulkTouchResult>, Error, BulkTouchInput>({
    mutationFn: (body) => apiRequest<Jsonified<BulkTouchResult>>('/api/v1/touches/bulk', { method: 'POST', body }),
    onSuccess: (result) => {
      onSucceeded(result);
      void queryClient.invalidateQueries({ queryKey: ['accounts'] });
      return queryClient.invalidateQueries({ queryKey: meKeys.day });
    },
  });
}
