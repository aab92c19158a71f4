import type { TouchView } from '../../../../src/modules/touches/index.ts';
import { everyServerValue } from '../../server-values.ts';

export type TouchKind = TouchView['kind'];

/** Every kind of touch the API knows, in the order a person picks them. */
export const touchKinds = everyServerValue<TouchKind>()([
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
]);

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
export const conversationKinds: readonly TouchKind[] = ['call', 'meeting', 'management_call', 'check_in'];

/** A next step is something to do, so a note (a record of the past) is not offered. */
export const nextStepKinds = touchKinds.filter((kind) => kind !== 'note');
