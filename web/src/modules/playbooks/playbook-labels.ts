import type { PlaybookStep, Trigger, TriggerConfig } from './playbooks.api.ts';

export const triggerLabels: Record<Trigger, string> = {
  deal_won: 'A deal is won',
  first_order: 'The first order arrives',
  order_placed: 'An order is placed',
  order_delivered: 'An order is delivered',
  order_late: 'An order has not shipped in time',
  first_delivery_guide: "A customer's first order arrives, with a product that has a getting-started link",
  first_delivery_key_account: "A key account's first order arrives, with no getting-started link",
  no_touch_for_days: 'No touch for a number of days',
  reorder_due: 'A reorder is due',
  product_launched: 'A product is launched',
  mention_recorded: 'A mention is recorded',
  survey_answered: 'A survey is answered',
  issue_resolved: 'An issue is resolved',
  referral_received: 'A referral is received',
};

export function describeTrigger(trigger: Trigger, config: TriggerConfig): string {
  const main = trigger === 'no_touch_for_days' ? `No touch for ${config.days ?? 60} days` : (triggerLabels[trigger] ?? trigger);
  const also = (config.also_triggers ?? []).filter((t) => t in triggerLabels);
  return [main, ...also.map((t) => triggerLabels[t].toLowerCase())].join(' or ');
}

export const stepKindLabels: Record<PlaybookStep['kind'], string> = {
  task: 'Task',
  email: 'Email',
  survey: 'Survey',
  referral_ask: 'Referral ask',
  wait: 'Wait',
};

export const surveyKindLabels: Record<NonNullable<PlaybookStep['survey_kind']>, string> = {
  nps: 'NPS (0–10)',
  csat: 'Satisfaction (CSAT)',
};

export const assigneeLabels: Record<PlaybookStep['assignee'], string> = {
  owner: 'Account owner',
  service_owner: 'Service owner',
  manager: 'Manager',
};

export const audienceLabels: Record<PlaybookStep['audience'], string> = {
  customer: 'Customer contacts',
  newsletter_consent: 'Contacts who agreed to the newsletter',
};

export const offsetFromLabels: Record<PlaybookStep['offset_from'], string> = {
  trigger: 'after the trigger',
  previous: 'after the previous step',
};
