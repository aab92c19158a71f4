import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drainPlaybookEvents } from '../../../tests/helpers/playbook-events.ts';
import { openTestDb } from '../../../tests/helpers/test-db.ts';
import { pinClock } from '../../platform/clock.ts';
import type { DbHandle } from '../../platform/db.ts';
import { importOptions } from './imports.schema.ts';
import { runImport } from './run-import.ts';

let handle: DbHandle;
const links = { publicUrl: 'http://localhost:3000', secret: 'test-secret' };
beforeAll(async () => {
  pinClock('2026-06-01T10:00:00Z');
  handle = await openTestDb();
  await drainPlaybookEvents(handle.db, links);
});
afterAll(async () => {
  pinClock(null);
  await handle.close();
});

const importCsv = (content: string, options: Record<string, unknown>) =>
  runImport(handle.db, { source: Readable.from([Buffer.from(content)]), fileName: 'orders.csv', options: importOptions.parse({ kind: 'orders', ...options }), startedBy: null });

// Shopify's own header order; the order's columns are filled on its first line item only.
const shopifyHeader =
  'Name,Email,Financial Status,Paid at,Fulfillment Status,Fulfilled at,Accepts Marketing,Currency,Subtotal,Shipping,Taxes,Total,Discount Code,Discount Amount,' +
  'Shipping Method,Created at,Lineitem quantity,Lineitem name,Lineitem price,Lineitem compare at price,Lineitem sku,Lineitem requires shipping,Lineitem taxable,' +
  'Lineitem fulfillment status,Billing Name,Billing Street,Billing Address1,Billing Address2,Billing Company,Billing City,Billing Zip,Billing Province,' +
  'Billing Country,Billing Phone,Cancelled at,Id';
const shopify = [
  shopifyHeader,
  '#1001,nina@roasters.example,paid,2026-05-28 09:50:26 +0200,fulfilled,2026-05-29 14:21:21 +0200,yes,EUR,53.90,5.00,0.00,58.90,,0.00,Post,2026-05-28 09:50:26 +0200,2,Espresso beans,24.95,,BEAN-1,true,true,fulfilled,Nina Berg,Main 1,Main 1,,Nordic Roasters,Oslo,0150,,NO,,,5001',
  '#1001,nina@roasters.example,,,,,,,,,,,,,,,1,Filter papers,4.00,,,true,true,fulfilled,,,,,,,,,,,,5001',
  '#1002,old@customer.example,paid,2025-01-10 10:00:00 +0000,fulfilled,,no,EUR,10.00,0,0,10.00,,0,,2025-01-10 10:00:00 +0000,1,Mug,10.00,,,true,true,,Olga Old,,,,,,,,,,,5002',
  '#1003,nina@roasters.example,voided,2026-05-30 10:00:00 +0000,,,,EUR,9,0,0,9,,0,,2026-05-30 10:00:00 +0000,1,Mug,9,,,true,true,,Nina Berg,,,,,,,,,,,5003',
  '#1004,nina@roasters.example,refunded,2026-05-30 11:00:00 +0000,,,,EUR,9,0,0,9,,0,,2026-05-30 11:00:00 +0000,1,Mug,-9,,,true,true,,Nina Berg,,,,,,,,,,2026-05-31 08:00:00 +0000,5004',
].join('\n');

describe('importing orders', () => {

  it('imports a Shopify orders export: line items grouped, customers created, events that start only recent playbooks', async () => {
    const report = await importCsv(shopify, { preset: 'shopify-orders' });
    expect(report).toMatchObject({ rows_read: 5, inserted: 3, updated: 0, skipped: 1, failed: 1, skipped_reasons: { 'not paid': 1 } });
    const failure = await handle.db.selectFrom('import_failures').select(['row_number', 'reason']).where('import_id', '=', report.id).execute();
    expect(failure).toEqual([{ row_number: 6, reason: 'row 6: unit_price: negative amount -9' }]);
    const order = await handle.db.selectFrom('orders').innerJoin('accounts', 'accounts.id', 'orders.account_id')
      .select(['orders.id', 'orders.total', 'orders.status', 'orders.shipped_at', 'orders.external_id', 'accounts.name', 'accounts.lifecycle'])
      .where('number', '=', '#1001').executeTakeFirstOrThrow();
    expect(order).toMatchObject({ total: 58.9, status: 'shipped', external_id: '5001', name: 'Nordic Roasters', lifecycle: 'customer' });
    expect(order.shipped_at?.toISOString()).toBe('2026-05-29T12:21:21.000Z');
    const lines = await handle.db.selectFrom('order_lines').select(['description', 'quantity', 'unit_price', 'sku']).where('order_id', '=', order.id).orderBy('position').execute();
    expect(lines).toEqual([
      { description: 'Espresso beans', quantity: 2, unit_price: 24.95, sku: 'BEAN-1' },
      { description: 'Filter papers', quantity: 1, unit_price: 4, sku: null },
    ]);
    const placed = await handle.db.selectFrom('events').select('payload').where('type', '=', 'order.placed').orderBy('id').execute();
    expect(placed.map((e) => e.payload)).toEqual([
      { number: '#1001', total: 58.9, placed_at: '2026-05-28T07:50:26.000Z', first_order: true, reorder_of: null },
      { number: '#1002', total: 10, placed_at: '2025-01-10T10:00:00.000Z', first_order: true, reorder_of: null },
    ]);
    // The welcome playbook starts for the order of last week, not for the one of last year.
    await drainPlaybookEvents(handle.db, links);
    const runs = await handle.db.selectFrom('playbook_runs').innerJoin('accounts', 'accounts.id', 'playbook_runs.account_id').select('accounts.name').execute();
    expect(runs.length).toBeGreaterThan(0);
    expect(new Set(runs.map((r) => r.name))).toEqual(new Set(['Nordic Roasters']));
  });

  it('re-imports the same export without duplicating anything, and follows a status change', async () => {
    const again = await importCsv(shopify, { preset: 'shopify-orders' });
    expect(again).toMatchObject({ inserted: 0, updated: 0, skipped: 4, failed: 1, skipped_reasons: { unchanged: 3, 'not paid': 1 } });
    const cancelled = await importCsv(shopify.replace(',5002', '2025-01-11 10:00:00 +0000,5002'), { preset: 'shopify-orders' });
    expect(cancelled).toMatchObject({ inserted: 0, updated: 1, skipped: 3, failed: 1 });
    const counts = await handle.db.selectFrom('orders').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(counts.n).toBe(2);
    const contacts = await handle.db.selectFrom('contacts').select('email').orderBy('email').execute();
    expect(contacts.map((c) => c.email)).toEqual(['nina@roasters.example', 'old@customer.example']);
    expect(await handle.db.selectFrom('events').select('type').where('type', '=', 'order.cancelled').execute()).toHaveLength(1);
  });

  it('imports a Stripe payments export: failed payments skipped, refunds cancelled, unknown customers refused', async () => {
    const stripe = [
      'id,Description,Seller Message,Created (UTC),Amount,Amount Refunded,Currency,Converted Amount,Converted Amount Refunded,Fee,Tax,Converted Currency,Status,Statement Descriptor,Customer ID,Customer Description,Customer Email,Captured,Card ID',
      'ch_1,Subscription,Payment complete.,2026-05-20 10:15,"1,200.00",0.00,eur,1200.00,0.00,35.10,0,eur,Paid,,cus_A,Lumen Optics,ops@lumen.example,true,card_1',
      'ch_2,Subscription,Payment declined.,2026-05-21 10:15,50.00,0.00,eur,50.00,0.00,0,0,eur,Failed,,cus_A,Lumen Optics,ops@lumen.example,false,card_1',
      'ch_3,One-off,Payment complete.,2026-05-22 10:15,80.00,80.00,usd,74.00,74.00,2.62,0,eur,Refunded,,cus_A,Lumen Optics,ops@lumen.example,true,card_1',
      'ch_4,One-off,Payment complete.,2026-05-23 10:15,20.00,0.00,eur,20.00,0.00,0.88,0,eur,Paid,,cus_GONE,,,true,card_2',
      'ch_5,One-off,Payment complete.,2026-02-31 10:15,20.00,0.00,eur,20.00,0.00,0.88,0,eur,Paid,,cus_A,,,true,card_2',
    ].join('\n');
    const report = await importCsv(stripe, { preset: 'stripe-payments' });
    const failures = await handle.db.selectFrom('import_failures').select(['row_number', 'reason']).where('import_id', '=', report.id).orderBy('row_number').execute();
    expect(report).toMatchObject({ rows_read: 5, inserted: 2, skipped: 1, failed: 2 });
    expect(failures).toEqual([
      { row_number: 5, reason: 'account_external_id: unknown account reference cus_GONE' },
      { row_number: 6, reason: 'placed_at: bad date "2026-02-31 10:15" (use YYYY-MM-DD or an ISO timestamp, a year from 1900 to 2999)' },
    ]);
    const orders = await handle.db.selectFrom('orders').select(['number', 'total', 'currency', 'status']).where('number', 'like', 'ch_%').orderBy('number').execute();
    expect(orders).toEqual([
      { number: 'ch_1', total: 1200, currency: 'EUR', status: 'placed' },
      { number: 'ch_3', total: 80, currency: 'USD', status: 'cancelled' },
    ]);
    const account = await handle.db.selectFrom('accounts').select(['name', 'kind']).where('external_id', '=', 'cus_A').executeTakeFirstOrThrow();
    expect(account).toEqual({ name: 'Lumen Optics', kind: 'person' });
  });
  it('with playbooks off, a recent imported order starts nothing (a migration of history)', async () => {
    const quiet = shopify.replaceAll('#1001', '#2001').replaceAll('5001', '6001').replaceAll('Nordic Roasters', 'Quiet Roasters').replaceAll('orders@nordic', 'orders@quiet');
    const report = await importCsv(quiet, { preset: 'shopify-orders', start_playbooks: false });
    expect(report.inserted).toBeGreaterThan(0);
    const placed = await handle.db.selectFrom('events').select('payload').where('type', '=', 'order.placed').execute();
    expect(placed.find((e) => e.payload.number === '#2001')?.payload).toMatchObject({ start_playbooks: false });
    await drainPlaybookEvents(handle.db, links);
    const runs = await handle.db.selectFrom('playbook_runs').innerJoin('accounts', 'accounts.id', 'playbook_runs.account_id').select('accounts.name').where('accounts.name', '=', 'Quiet Roasters').execute();
    expect(runs).toEqual([]);
  });
});

// Last: its accounts and orders would change the counts the tests above assert.
describe('an order date in the future', () => {
  it('refuses an order placed more than a day from now, naming placed_at, and keeps a local time a few hours ahead', async () => {
    const csv = 'order_number,customer_email,placed_at,description,unit_price\nF-1,far@future.example,2031-01-01,Mug,9\nF-2,near@future.example,2026-06-01 20:00:00,Mug,9\n';
    const report = await importCsv(csv, {});
    expect(report).toMatchObject({ inserted: 1, failed: 1 });
    const failures = await handle.db.selectFrom('import_failures').select('reason').where('import_id', '=', report.id).execute();
    expect(failures).toEqual([{ reason: 'placed_at: 2031-01-01T00:00:00.000Z is more than a day from now' }]);
  });

  it('says which amount or quantity is too large for an order, not what the database refused', async () => {
    const csv = 'order_number,customer_email,placed_at,description,quantity,unit_price\nB-1,big@order.example,2026-05-01,Mug,3000000000,9\nB-2,big@order.example,2026-05-01,Mug,1,99999999999\n';
    const report = await importCsv(csv, {});
    expect(report).toMatchObject({ inserted: 0, failed: 2 });
    const failures = await handle.db.selectFrom('import_failures').select('reason').where('import_id', '=', report.id).orderBy('row_number').execute();
    expect(failures.map((f) => f.reason)).toEqual(['row 2: quantity: quantity 3000000000 is more than 1000000', 'row 3: unit_price: amount 99999999999 is more than 9999999999.99']);
  });
});
