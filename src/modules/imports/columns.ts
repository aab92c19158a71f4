import type { ImportKind } from '../../platform/db-schema.ts';
import { AppError } from '../../platform/errors.ts';
import type { ColumnMapping } from './imports.schema.ts';
import { type PresetName, presets } from './presets.ts';

/** The documented default header of each kind (docs/imports.md): required columns first. */
export const importFields: Record<ImportKind, { required: string[]; optional: string[] }> = {
  accounts: { required: ['external_id', 'name'], optional: ['kind', 'lifecycle', 'owner_email', 'service_owner_email', 'tags', 'interests'] },
  contacts: { required: ['account_external_id', 'name', 'email'], optional: ['phone', 'title', 'postal_address', 'newsletter_consent'] },
  products: { required: ['sku', 'name', 'price'], optional: ['category', 'tags', 'launched_at', 'active'] },
  orders: {
    required: ['order_number', 'placed_at', 'unit_price'],
    optional: ['external_id', 'account_external_id', 'customer_email', 'customer_name', 'company', 'status', 'payment_status', 'shipped_at',
      'delivered_at', 'cancelled_at', 'currency', 'total', 'quantity', 'sku', 'description'],
  },
};

/** Headers compare without case, surrounding spaces or the difference between space, dash and underscore. */
export function normalizeHeader(name: string): string {
  return name.replace(/^\uFEFF/, '').trim().toLowerCase().replace(/[\s_-]+/g, '_');
}

export type ColumnIndex = Map<string, number>;

/**
 * Which column holds each field: the field's own name by default, or a preset's header, with the
 * user's mapping on top. A missing required column refuses the whole file before any row is read.
 */
export function resolveColumns(kind: ImportKind, header: string[], preset: PresetName | undefined, mapping: ColumnMapping): ColumnIndex {
  const fields = importFields[kind];
  const known = new Set([...fields.required, ...fields.optional]);
  for (const field of Object.keys(mapping)) {
    if (!known.has(field)) throw new AppError('invalid_input', `"${field}" is not a field of ${kind}; the fields are ${[...known].join(', ')}`, 'map');
  }
  if (preset && presets[preset].kind !== kind) throw new AppError('invalid_input', `The ${preset} mapping is for ${presets[preset].kind}, not ${kind}`, 'preset');
  const wanted: Record<string, string> = { ...(preset ? presets[preset].columns : {}), ...mapping };
  const positions = new Map(header.map((name, index) => [normalizeHeader(name), index]));
  const index: ColumnIndex = new Map();
  for (const field of known) {
    // With a preset, a column counts only where the preset or the user maps it: Stripe's "Status"
    // is a payment status, not our order status.
    if (preset && !wanted[field]) continue;
    const position = positions.get(normalizeHeader(wanted[field] ?? field));
    if (position !== undefined) index.set(field, position);
  }
  const missing = fields.required.filter((field) => !index.has(field)).map((field) => wanted[field] ?? field);
  if (missing.length > 0) {
    const hint = header.length === 1 && /[;\t|]/.test(header[0] ?? '') ? ' The header is one column: is the delimiter right?' : '';
    throw new AppError('unprocessable', `The file has no column ${missing.map((m) => `"${m}"`).join(', ')}. Rename the columns, or map them.${hint}`, 'file');
  }
  return index;
}

/** The row as field → trimmed text; an empty cell is absent, and never erases what is stored. */
export function mapRow(index: ColumnIndex, fields: string[]): Record<string, string | undefined> {
  const record: Record<string, string | undefined> = {};
  for (const [field, position] of index) {
    const value = fields[position]?.trim();
    record[field] = value === '' ? undefined : value;
  }
  return record;
}
