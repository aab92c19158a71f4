export type TemplateContext = Record<string, Record<string, unknown> | undefined>;

function show(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(show).join(', ');
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') return '';
  return String(value);
}

// What a step's text may name: the customer's, contact's and owner's fields, a launched product's,
// and whatever the trigger's event brings along (event-triggers.ts passes its payload as `trigger`,
// and as `mention` and `survey` for the playbooks written with those names; it differs by event).
const placeholderFields: Record<string, readonly string[] | 'any'> = {
  account: ['name', 'tags', 'interests'],
  contact: ['name', 'email', 'postal_address'],
  owner: ['name'],
  product: ['name', 'tags'],
  trigger: 'any',
  mention: 'any',
  survey: 'any',
};

/** The first `{{…}}` in a template that names no placeholder (`{{contact.nam}}`), as written. */
export function unknownPlaceholder(template: string): string | undefined {
  for (const [written, inner = ''] of template.matchAll(/\{\{([^}]*)\}\}/g)) {
    const [, group = '', field = ''] = /^\s*([a-z_]+)\.([a-z_]+)\s*$/.exec(inner) ?? [];
    const fields = placeholderFields[group];
    if (!fields || (fields !== 'any' && !fields.includes(field))) return written;
  }
  return undefined;
}

export const placeholderHint = '{{account.name}}, {{contact.name}}, {{contact.email}}, {{contact.postal_address}}, {{owner.name}}, {{product.name}} or a field of the trigger ({{trigger.…}})';

/** Fills `{{group.field}}` placeholders from the customer's data; an unknown placeholder becomes empty. */
export function renderTemplate(template: string, context: TemplateContext): string {
  return template.replace(/\{\{\s*([a-z_]+)\.([a-z_]+)\s*\}\}/g, (_, group: string, field: string) => show(context[group]?.[field]));
}
