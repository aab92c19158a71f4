// The audit log stores machine names (`account.owner_changed`, `touch_stale_days`) so the CSV and the
// API stay stable; people read these words instead. A name not listed is still turned into words.

const actionWords: Record<string, string> = {
  'account.owner_changed': 'Account owner changed',
  'api_token.created': 'API token created',
  'api_token.revoked': 'API token revoked',
  'contact.erased': 'Contact erased (privacy request)',
  'contact.personal_data_exported': 'Contact’s personal data exported',
  'deal.stage_changed': 'Deal moved to another stage',
  'export.downloaded': 'Export downloaded',
  'settings.analytics_updated': 'Analytics settings changed',
  'settings.company_updated': 'Company settings changed',
  'settings.fulfilment_updated': 'Fulfilment settings changed',
  'settings.sla_updated': 'Service time limits changed',
  'user.login_succeeded': 'User signed in',
};

const fieldWords: Record<string, string> = {
  touch_stale_days: 'days before a contact counts as stale',
  owner_id: 'owner',
  service_owner_id: 'service owner',
  assignee_id: 'assignee',
  account_id: 'account',
  default_currency: 'default currency',
  reply_to: 'reply-to address',
  business_name: 'business name',
  time_zone: 'time zone',
  newsletter_consent: 'newsletter consent',
  postal_address: 'postal address',
};

const recordWords: Record<string, string> = { api_token: 'API token' };

const words = (name: string) => name.replace(/_id$/, '').replaceAll('_', ' ');
const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** `account.created` → "Account created"; `settings.sla_updated` → "Service time limits changed". */
export function actionLabel(action: string): string {
  const known = actionWords[action];
  if (known) return known;
  const [record = '', verb = ''] = action.split('.');
  return `${recordLabel(record)} ${words(verb)}`.trim();
}

/** `api_token` → "API token", `deal` → "Deal". */
export function recordLabel(entityType: string): string {
  return recordWords[entityType] ?? capitalised(words(entityType));
}

/** `touch_stale_days` → "days before a contact counts as stale". */
export const fieldLabel = (field: string): string => fieldWords[field] ?? words(field);
