/** The kinds of touch the API knows (src/platform/db-schema.ts), in the order a person picks them. */
export const touchKinds = [
  'call',
  'meeting',
  'email',
  'check_in',
  'management_call',
  'task',
  'card',
  'survey',
  'referral_ask',
  'clipping',
  'note',
] as const;
export type TouchKind = (typeof touchKinds)[number];

export const touchKindLabels: Record<TouchKind, string> = {
  call: 'Call',
  meeting: 'Meeting',
  email: 'Email',
  check_in: 'Check-in',
  management_call: 'Management call',
  task: 'Task',
  card: 'Card',
  survey: 'Survey',
  referral_ask: 'Referral ask',
  clipping: 'Clipping',
  note: 'Note',
};

export const touchKindLabel = (kind: string): string =>
  touchKindLabels[kind as TouchKind] ?? kind.replace(/_/g, ' ');

/** Conversations with the customer: on an open deal they must end with a next step or an outcome. */
export const conversationKinds: readonly string[] = ['call', 'meeting', 'management_call', 'check_in'];

/** A next step is something to do, so a note (a record of the past) is not offered. */
export const nextStepKinds = touchKinds.filter((kind) => kind !== 'note');
