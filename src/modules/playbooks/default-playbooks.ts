import type { CreatePlaybookInput } from './playbooks.schema.ts';

type DefaultPlaybook = CreatePlaybookInput & { key: string };

/** The after-sale program every business gets, enabled, and editable like any other playbook. */
export const defaultPlaybooks: DefaultPlaybook[] = [
  {
    key: 'welcome',
    name: 'Welcome a new customer',
    description: 'When a deal is won or the first order arrives: a handwritten card, a welcome email, the newsletter where consent is given, and an onboarding call.',
    trigger: 'deal_won',
    trigger_config: { once_per_account: true, also_triggers: ['first_order'] },
    enabled: true,
    steps: [
      { key: 'thank_you_card', kind: 'task', touch_kind: 'card', offset_days: 2, offset_from: 'trigger', assignee: 'owner', audience: 'customer',
        subject: 'Write a thank-you card to {{contact.name}}', body: 'Handwritten, personal, mention what they bought.\nPostal address:\n{{contact.postal_address}}' },
      { key: 'welcome_email', kind: 'email', touch_kind: 'email', offset_days: 0, offset_from: 'trigger', assignee: 'owner', audience: 'customer',
        subject: 'Welcome to us, {{account.name}}',
        body: 'Dear {{contact.name}},\n\nthank you for choosing us. I am {{owner.name}}, and I will be your contact from now on: reply to this email whenever you need anything.\n\nWarm regards,\n{{owner.name}}' },
      { key: 'newsletter', kind: 'email', touch_kind: 'email', offset_days: 1, offset_from: 'trigger', assignee: 'owner', audience: 'newsletter_consent',
        subject: 'Your subscription to our newsletter', body: 'Dear {{contact.name}},\n\nas you asked, you will now receive our newsletter with news and tips. You can unsubscribe at any time with the link below.' },
      { key: 'onboarding_call', kind: 'task', touch_kind: 'check_in', offset_days: 14, offset_from: 'trigger', assignee: 'service_owner', audience: 'customer',
        subject: 'Onboarding call with {{account.name}}: is it easy to use?', body: 'Ask how the first two weeks went, what is hard, and what they need.' },
    ],
  },
  {
    key: 'stay_in_touch',
    name: 'Stay in touch',
    description: 'A check-in call by customer service every 3 months (measured from the last real contact), a management call at 6 months, and an annual satisfaction survey.',
    trigger: 'deal_won',
    trigger_config: { once_per_account: true, also_triggers: ['first_order'] },
    enabled: true,
    steps: [
      { key: 'check_in', kind: 'task', touch_kind: 'check_in', offset_days: 90, offset_from: 'trigger', assignee: 'service_owner', audience: 'customer', recurrence_days: 90,
        subject: 'Quarterly check-in call with {{account.name}}', body: 'How are things going? Anything we can do better?' },
      { key: 'management_call', kind: 'task', touch_kind: 'management_call', offset_days: 180, offset_from: 'trigger', assignee: 'manager', audience: 'customer',
        subject: 'Management call with {{account.name}}', body: 'A call from management: thank them for the first half year and ask about their plans.' },
      { key: 'annual_survey', kind: 'survey', touch_kind: 'survey', offset_days: 365, offset_from: 'trigger', assignee: 'service_owner', audience: 'customer', recurrence_days: 365,
        subject: 'Annual satisfaction survey for {{account.name}}', body: 'Ask {{contact.name}} how satisfied they are (0–10) and why.' },
    ],
  },
  {
    key: 'reorder_reminder',
    name: 'Reorder reminder',
    description: "When the customer's own typical time between orders has passed since the last order.",
    trigger: 'reorder_due',
    trigger_config: {},
    enabled: true,
    steps: [
      { key: 'reorder_call', kind: 'task', touch_kind: 'call', offset_days: 0, offset_from: 'trigger', assignee: 'owner', audience: 'customer',
        subject: 'Reorder time for {{account.name}}?', body: 'They usually order every {{trigger.median_days}} days; the last order was {{trigger.days_since}} days ago. Offer a one-step reorder.' },
    ],
  },
  {
    key: 'product_announcement',
    name: 'New product announcement',
    description: 'A personal email to customers whose interests match a newly launched product.',
    trigger: 'product_launched',
    trigger_config: {},
    enabled: true,
    steps: [
      { key: 'announcement', kind: 'email', touch_kind: 'email', offset_days: 0, offset_from: 'trigger', assignee: 'owner', audience: 'customer',
        subject: 'New: {{product.name}}', body: 'Dear {{contact.name}},\n\nknowing your interest in {{product.tags}}, I wanted you to be among the first to hear about {{product.name}}.\n\nBest,\n{{owner.name}}' },
    ],
  },
  {
    key: 'press_mention',
    name: 'Press mention',
    description: 'When a customer is in the press: mail them the clipping with a short personal note.',
    trigger: 'mention_recorded',
    trigger_config: {},
    enabled: true,
    steps: [
      { key: 'mail_clipping', kind: 'task', touch_kind: 'clipping', offset_days: 1, offset_from: 'trigger', assignee: 'owner', audience: 'customer',
        subject: 'Mail the clipping "{{mention.title}}" to {{contact.name}}', body: 'Source: {{mention.source}} {{mention.url}}\nAdd a short handwritten note. Postal address:\n{{contact.postal_address}}' },
    ],
  },
  {
    key: 'attention_gap',
    name: 'Attention gap',
    description: 'No touch with a customer for 60 days: a task to the owner.',
    trigger: 'no_touch_for_days',
    trigger_config: { days: 60 },
    enabled: true,
    steps: [
      { key: 'reach_out', kind: 'task', touch_kind: 'call', offset_days: 0, offset_from: 'trigger', assignee: 'owner', audience: 'customer',
        subject: 'Nobody has talked to {{account.name}} for {{trigger.days}} days', body: 'Call them: no agenda, just interest in how they are doing.' },
    ],
  },
];
