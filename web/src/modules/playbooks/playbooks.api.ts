import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PlaybookRunView, PlaybookView, Trigger } from '../../../../src/modules/playbooks/index.ts';
import type { Jsonified } from '../../../../src/platform/json-types.ts';
import { apiRequest, type Page } from '../../api.ts';
import { everyServerValue } from '../../server-values.ts';
import type { Role } from '../auth/auth.api.ts';

/** Every trigger the server knows, in the order the form offers them. */
export const triggers = everyServerValue<Trigger>()([
  'deal_won',
  'first_order',
  'order_placed',
  'order_delivered',
  'order_late',
  'first_delivery_guide',
  'first_delivery_key_account',
  'no_touch_for_days',
  'reorder_due',
  'product_launched',
  'mention_recorded',
  'survey_answered',
  'issue_resolved',
  'referral_received',
]);

export const stepKinds = everyServerValue<PlaybookStep['kind']>()(['task', 'email', 'survey', 'referral_ask', 'wait']);
export const surveyKinds = everyServerValue<NonNullable<PlaybookStep['survey_kind']>>()(['nps', 'csat']);
export const assigneeRules = everyServerValue<PlaybookStep['assignee']>()(['owner', 'service_owner', 'manager']);
export const audiences = everyServerValue<PlaybookStep['audience']>()(['customer', 'newsletter_consent']);

/** Playbooks and their runs as the server answers them: types from its own schema and queries. */
export type Playbook = Jsonified<PlaybookView>;
export type PlaybookStep = Playbook['steps'][number];
export type TriggerConfig = Playbook['trigger_config'];
export type PlaybookRun = Jsonified<PlaybookRunView>;
export type { Trigger };

/** What the form sends: numbers the person left blank go as null, and the API names the field. */
export type PlaybookBody = Pick<Playbook, 'name' | 'description' | 'trigger' | 'trigger_config' | 'enabled'> & {
  steps: (Omit<PlaybookStep, 'offset_days' | 'recurrence_days' | 'window_days'> & { offset_days: number | null; recurrence_days?: number | null; window_days?: number | null })[];
};

export const canManagePlaybooks = (role: Role): boolean => role === 'manager' || role === 'admin';

export const playbookKeys = {
  all: ['playbooks'] as const,
  list: ['playbooks', 'list'] as const,
  detail: (id: string) => ['playbooks', 'detail', id] as const,
  runs: (id: string) => ['playbooks', 'detail', id, 'runs'] as const,
};

const playbookPath = (id: string) => `/api/v1/playbooks/${encodeURIComponent(id)}`;

export function usePlaybooks() {
  return useQuery({
    queryKey: playbookKeys.list,
    queryFn: async ({ signal }) => (await apiRequest<Page<Playbook>>('/api/v1/playbooks', { signal })).items,
  });
}

export function usePlaybook(id: string) {
  return useQuery({
    queryKey: playbookKeys.detail(id),
    queryFn: ({ signal }) => apiRequest<Playbook>(playbookPath(id), { signal }),
  });
}

export function usePlaybookRuns(id: string) {
  return useQuery({
    queryKey: playbookKeys.runs(id),
    queryFn: async ({ signal }) => (await apiRequest<Page<PlaybookRun>>(`${playbookPath(id)}/runs?limit=20`, { signal })).items,
  });
}

function useStorePlaybook() {
  const queryClient = useQueryClient();
  return (playbook: Playbook) => {
    queryClient.setQueryData(playbookKeys.detail(playbook.id), playbook);
    queryClient.setQueryData<Playbook[]>(playbookKeys.list, (list) => list?.map((p) => (p.id === playbook.id ? playbook : p)));
    return queryClient.invalidateQueries({ queryKey: playbookKeys.list });
  };
}

export function useSetPlaybookEnabled() {
  const store = useStorePlaybook();
  return useMutation<Playbook, Error, { id: string; enabled: boolean }>({
    mutationFn: ({ id, enabled }) => apiRequest<Playbook>(`${playbookPath(id)}/${enabled ? 'enable' : 'disable'}`, { method: 'POST' }),
    onSuccess: store,
  });
}

/** Creates a playbook when `id` is absent, otherwise saves a new version of it. */
export function useSavePlaybook(id?: string) {
  const store = useStorePlaybook();
  return useMutation<Playbook, Error, PlaybookBody>({
    mutationFn: (body) =>
      id ? apiRequest<Playbook>(playbookPath(id), { method: 'PATCH', body }) : apiRequest<Playbook>('/api/v1/playbooks', { method: 'POST', body }),
    onSuccess: store,
  });
}
