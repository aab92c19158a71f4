import type { ImportKind } from '../../platform/db-schema.ts';

export const presetNames = ['shopify-orders', 'stripe-payments'] as const;
export type PresetName = (typeof presetNames)[number];

export type Preset = { kind: ImportKind; label: string; columns: Record<string, string> };

/**
 * Ready-made mappings for exports people already have. Shopify's orders export writes one row per
 * line item, the order's own columns on its first row only; Stripe's payments export one row per
 * payment, a failed one included (its status makes it skipped).
 */
export const presets: Record<PresetName, Preset> = {
  'shopify-orders': {
    kind: 'orders',
    label: 'Shopify orders export',
    columns: {
      order_number: 'Name',
      external_id: 'Id',
      customer_email: 'Email',
      customer_name: 'Billing Name',
      company: 'Billing Company',
      placed_at: 'Created at',
      payment_status: 'Financial Status',
      shipped_at: 'Fulfilled at',
      cancelled_at: 'Cancelled at',
      currency: 'Currency',
      total: 'Total',
      quantity: 'Lineitem quantity',
      description: 'Lineitem name',
      unit_price: 'Lineitem price',
      sku: 'Lineitem sku',
    },
  },
  'stripe-payments': {
    kind: 'orders',
    label: 'Stripe payments export',
    columns: {
      order_number: 'id',
      external_id: 'id',
      account_external_id: 'Customer ID',
      customer_email: 'Customer Email',
      customer_name: 'Customer Description',
      placed_at: 'Created (UTC)',
      payment_status: 'Status',
      currency: 'Currency',
      total: 'Amount',
      unit_price: 'Amount',
      description: 'Description',
    },
  },
};
