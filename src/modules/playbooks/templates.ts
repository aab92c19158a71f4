export type TemplateContext = Record<string, Record<string, unknown> | undefined>;

function show(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(show).join(', ');
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') return '';
  return String(value);
}

/** Fills `{{group.field}}` placeholders from the customer's data; an unknown placeholder becomes empty. */
export function renderTemplate(template: string, context: TemplateContext): string {
  return template.replace(/\{\{\s*([a-z_]+)\.([a-z_]+)\s*\}\}/g, (_, group: string, field: string) => show(context[group]?.[field]));
}
