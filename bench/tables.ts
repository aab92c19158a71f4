import type { Db } from '../src/platform/db.ts';
import { type ColumnType, createTableWriter, type TableWriter } from './bulk-insert.ts';
import { productColumns } from './catalog.ts';

/** The columns the generator fills, per table; the rest keep their defaults from 0001_init.sql. */
const columns = {
  accounts: {
    id: 'uuid', external_id: 'text', name: 'text', kind: 'text', lifecycle: 'text', owner_id: 'uuid',
    service_owner_id: 'uuid', tags: 'text[]', interests: 'text[]', billing: 'jsonb', preferences: 'jsonb',
    created_at: 'timestamptz', updated_at: 'timestamptz',
  },
  contacts: {
    account_id: 'uuid', id: 'uuid', name: 'text', email: 'text', phone: 'text', title: 'text',
    postal_address: 'text', newsletter_consent: 'bool', consent_at: 'timestamptz',
    unsubscribed_at: 'timestamptz', created_at: 'timestamptz',
  },
  orders: {
    account_id: 'uuid', id: 'uuid', number: 'text', status: 'text', placed_at: 'timestamptz',
    shipped_at: 'timestamptz', delivered_at: 'timestamptz', total: 'numeric', billing: 'jsonb',
    created_at: 'timestamptz', ship_by: 'timestamptz', escalate_by: 'timestamptz',
  },
  order_lines: {
    account_id: 'uuid', id: 'uuid', order_id: 'uuid', product_id: 'uuid', sku: 'text', description: 'text',
    quantity: 'int', unit_price: 'numeric', specs: 'jsonb',
  },
  deals: {
    account_id: 'uuid', id: 'uuid', title: 'text', owner_id: 'uuid', value: 'numeric', stage: 'text',
    status: 'text', expected_close_on: 'date', closed_at: 'timestamptz', lost_reason: 'text',
    created_at: 'timestamptz', updated_at: 'timestamptz',
  },
  touches: {
    account_id: 'uuid', id: 'uuid', kind: 'text', subject: 'text', notes: 'text', contact_id: 'uuid',
    deal_id: 'uuid', assignee_id: 'uuid', status: 'text', due_at: 'timestamptz', done_at: 'timestamptz',
    outcome: 'text', created_by: 'uuid', created_at: 'timestamptz',
  },
  events: {
    account_id: 'uuid', type: 'text', subject_id: 'uuid', actor_id: 'uuid', payload: 'jsonb',
    occurred_at: 'timestamptz',
  },
} as const satisfies Record<string, Record<string, ColumnType>>;

type Columns = typeof columns;
export type Writers = { products: TableWriter<keyof typeof productColumns> } & {
  [T in keyof Columns]: TableWriter<keyof Columns[T] & string>;
};
export type GeneratedTable = keyof Writers;

/** Tables a benchmark may leave empty because it never reads them; their rows are generated and dropped. */
export type SkippableTable = 'order_lines' | 'events';

/**
 * Writers wired with their foreign-key parents, so flushing a child always writes its parents
 * first. Skipped tables still consume the random numbers, so every other table is the same.
 */
export function createWriters(db: Db, skip: readonly SkippableTable[] = []): Writers {
  const discard = (table: SkippableTable) => ({ discard: skip.includes(table) });
  const products = createTableWriter(db, 'products', productColumns);
  const accounts = createTableWriter(db, 'accounts', columns.accounts);
  const contacts = createTableWriter(db, 'contacts', columns.contacts, [accounts]);
  const orders = createTableWriter(db, 'orders', columns.orders, [accounts]);
  const orderLines = createTableWriter(db, 'order_lines', columns.order_lines, [products, orders], discard('order_lines'));
  const deals = createTableWriter(db, 'deals', columns.deals, [accounts]);
  const touches = createTableWriter(db, 'touches', columns.touches, [contacts, deals]);
  const events = createTableWriter(db, 'events', columns.events, [accounts], discard('events'));
  return { products, accounts, contacts, orders, order_lines: orderLines, deals, touches, events };
}

/** Table order for the final flush and for reports: parents before children. */
export const generatedTables: readonly GeneratedTable[] = [
  'products', 'accounts', 'contacts', 'orders', 'order_lines', 'deals', 'touches', 'events',
];
