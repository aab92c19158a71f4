import { ApiError } from '../../api.ts';
import type { Playbook, PlaybookBody, PlaybookStep, Trigger, TriggerConfig } from './playbooks.api.ts';

/** The form edits text; numbers stay strings until sent, so a half-typed value is never lost. */
export type StepDraft = Omit<PlaybookStep, 'offset_days' | 'recurrence_days' | 'window_days'> & {
  uid: number;
  offset_days: string;
  recurrence_days: string;
  window_days: string;
};

export type PlaybookDraft = {
  name: string;
  description: string;
  trigger: Trigger;
  trigger_config: TriggerConfig;
  days: string;
  enabled: boolean;
  steps: StepDraft[];
};

let nextUid = 1;

export function emptyStep(position: number): StepDraft {
  return {
    uid: nextUid++,
    key: `step_${position}`,
    kind: 'task',
    touch_kind: 'task',
    offset_days: '0',
    offset_from: 'trigger',
    assignee: 'owner',
    subject: '',
    body: '',
    audience: 'customer',
    recurrence_days: '',
    window_days: '',
  };
}

export function toDraft(playbook?: Playbook): PlaybookDraft {
  if (!playbook) {
    return { name: '', description: '', trigger: 'deal_won', trigger_config: {}, days: '60', enabled: true, steps: [emptyStep(1)] };
  }
  return {
    name: playbook.name,
    description: playbook.description,
    trigger: playbook.trigger,
    trigger_config: playbook.trigger_config,
    days: String(playbook.trigger_config.days ?? 60),
    enabled: playbook.enabled,
    steps: playbook.steps.map((step) => ({
      ...step,
      uid: nextUid++,
      offset_days: String(step.offset_days),
      recurrence_days: step.recurrence_days === undefined ? '' : String(step.recurrence_days),
      window_days: step.window_days === undefined ? '' : String(step.window_days),
    })),
  };
}

const toNumber = (value: string): number | null => (value.trim() === '' ? null : Number(value));

export function toBody(draft: PlaybookDraft): PlaybookBody {
  const { days: _, ...config } = draft.trigger_config;
  const daysValue = toNumber(draft.days);
  return {
    name: draft.name,
    description: draft.description,
    trigger: draft.trigger,
    // Other settings (also_triggers, score ranges…) are kept as they were; only days is edited here.
    trigger_config: draft.trigger === 'no_touch_for_days' && daysValue !== null ? { ...config, days: daysValue } : config,
    enabled: draft.enabled,
    steps: draft.steps.map(({ uid: _uid, offset_days, recurrence_days, window_days, ...step }) => ({
      ...step,
      offset_days: toNumber(offset_days),
      ...(recurrence_days.trim() === '' ? {} : { recurrence_days: toNumber(recurrence_days) }),
      ...(window_days.trim() === '' ? {} : { window_days: toNumber(window_days) }),
    })),
  };
}

/** `steps.0.key` (an API error's field) → the id of that input. */
export const fieldId = (path: string): string => `playbook-field-${path.replace(/\./g, '-')}`;

export type FieldProblem = { field: string; message: string };

export function problemOf(error: Error | null): FieldProblem | null {
  if (!error) return null;
  if (!(error instanceof ApiError)) return { field: '', message: 'Something went wrong. Please try again.' };
  // The server names the field in words ("Steps › #1 › key must not be empty").
  return { field: error.field ?? '', message: error.message };
}
