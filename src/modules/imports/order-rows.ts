import { z } from 'zod';
import { maxOrderTotal, maxUnitPrice } from '../../platform/field-formats.ts';
import type { OrderStatus } from '../../platform/db-schema.ts';
import type { Parsed, SourceRow } from './import-kind.ts';
import { isBeyondTomorrow } from '../../platform/clock.ts';
import { cell, reasonOf } from './values.ts';

const orderFields = z.object({
  order_number: cell.text(64),
  external_id: cell.text(100).optional(),
  account_external_id: cell.text(100).optional(),
  customer_email: cell.email.optional(),
  customer_name: cell.text(200).optional(),
  company: cell.text(200).optional(),
  placed_at: cell.timestamp,
  status: cell.choice(['placed', 'shipped', 'delivered', 'cancelled'], 'status must be placed, shipped, delivered or cancelled').optional(),
  payment_status: z.string().optional(),
  shipped_at: cell.timestamp.optional(),
  delivered_at: cell.timestamp.optional(),
  cancelled_at: cell.timestamp.optional(),
  currency: z.string().regex(/^[A-Za-z]{3}$/, 'currency must be a 3-letter code').transform((c) => c.toUpperCase()).optional(),
  total: cell.amount(maxOrderTotal).optional(),
});

const lineFields = z.object({
  sku: cell.text(64).optional(),
  description: cell.text(500).optional(),
  quantity: cell.quantity.optional(),
  unit_price: cell.amount(maxUnitPrice),
});

export type ImportedLine = { sku: string | null; description: string; quantity: number; unit_price: number };
export type ImportedOrder = Omit<z.infer<typeof orderFields>, 'status' | 'payment_status' | 'cancelled_at' | 'total' | 'currency'> & {
  status: OrderStatus;
  total: number;
  /** Null when the source names none: the company's default currency is used when it is stored. */
  currency: string | null;
  lines: ImportedLine[];
};

// A payment that never went through is no purchase; a refunded one is a purchase taken back.
const notPurchased = new Set(['failed', 'voided', 'canceled', 'expired']);
const takenBack = new Set(['refunded']);

/**
 * A line with a negative quantity is goods coming back (a retail export's returns, "C536379"):
 * no purchase, so the row is skipped as a return rather than failed as malformed.
 */
export function returnLine(row: SourceRow): boolean {
  return /^-\d+$/.test(row.record.quantity ?? '');
}

/**
 * An order from its rows, in file order: the order's own columns from the first row that has a
 * placed_at (Shopify fills them on one line item only, wherever the sorting put it), one line per row.
 */
export function parseOrderRows(rows: SourceRow[]): Parsed<ImportedOrder> {
  const head = rows.find((r) => r.record.placed_at !== undefined) ?? rows[0];
  const order = orderFields.safeParse(head?.record);
  if (!order.success) return { reason: reasonOf(order.error) };
  const { status, payment_status, cancelled_at, total, currency, ...rest } = order.data;
  if (isBeyondTomorrow(rest.placed_at)) return { reason: `placed_at: ${rest.placed_at.toISOString()} is more than a day from now` };
  // A guest checkout has no customer to follow up with.
  if (!rest.account_external_id && !rest.customer_email) return { skip: 'guest' };
  const payment = payment_status?.toLowerCase();
  if (payment && notPurchased.has(payment)) return { skip: 'not paid' };
  const lines: ImportedLine[] = [];
  for (const row of rows) {
    const line = lineFields.safeParse(row.record);
    if (!line.success) return { reason: `row ${row.row}: ${reasonOf(line.error)}` };
    const { sku, description, quantity, unit_price } = line.data;
    lines.push({ sku: sku ?? null, description: description ?? sku ?? 'Imported line', quantity: quantity ?? 1, unit_price });
  }
  const derived: OrderStatus = status ?? (cancelled_at || (payment && takenBack.has(payment)) ? 'cancelled' : rest.delivered_at ? 'delivered' : rest.shipped_at ? 'shipped' : 'placed');
  const sum = Math.round(lines.reduce((s, l) => s + l.quantity * l.unit_price * 100, 0)) / 100;
  return {
    value: { ...rest, status: derived, total: total ?? sum, currency: currency ?? null, lines },
    key: `${rest.account_external_id ?? rest.customer_email} ${rest.order_number}`,
  };
}
