import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../src/platform/db.ts';
import { type SmtpReceiver, startSmtpReceiver } from '../helpers/smtp-receiver.ts';
import { openTestDb } from '../helpers/test-db.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const lateOrders = 200;
let handle: DbHandle & { url?: string };
let smtp: SmtpReceiver;

beforeAll(async () => {
  handle = await openTestDb();
  smtp = await startSmtpReceiver();
  // Only the default delay note ("Tell the customer an order is late") may send anything here.
  await handle.db.updateTable('playbooks').set({ enabled: false }).where('trigger', '<>', 'order_late').execute();
  // Customers with one contact and one order two hours past its deadline, not yet escalated; the
  // workers' own lateness tick finds them, raises the alert and the playbooks send the note.
  await sql`
    with service as (select id from users where role = 'service' limit 1),
    a as (
      insert into accounts (name, lifecycle, owner_id, service_owner_id)
      select 'Late customer ' || g, 'customer', (select id from service), (select id from service) from generate_series(1, ${lateOrders}) g
      returning id, name),
    c as (insert into contacts (account_id, name, email) select id, name, replace(lower(name), ' ', '.') || '@example.test' from a returning account_id)
    insert into orders (account_id, number, status, placed_at, ship_by, escalate_by, total)
    select account_id, 'LATE-' || row_number() over (), 'placed', now() - interval '5 days', now() - interval '2 hours', now() + interval '5 days', 10 from c`.execute(handle.db);
}, 60_000);
afterAll(async () => {
  await smtp.close();
  await handle.close();
});

function startWorker(): ChildProcess {
  return spawn(process.execPath, ['bin/afterclose.js', 'worker'], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: handle.url ?? '', SMTP_URL: smtp.url, LOG_LEVEL: 'silent' },
    stdio: 'ignore',
  });
}

async function waitFor(check: () => Promise<boolean>, seconds: number): Promise<void> {
  const until = Date.now() + seconds * 1000;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`Condition not met within ${seconds} s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const delayNotes = () => smtp.received.filter((m) => /^Subject: Your order LATE-\d+ is taking longer than we promised/m.test(m.headers));
const sentNotes = async () =>
  (await sql<{ n: number }>`select count(*)::int as n from messages where status = 'sent' and subject like 'Your order LATE-%'`.execute(handle.db)).rows[0]?.n ?? 0;

describe('two worker processes and late orders', () => {
  // Proves: two workers race for the same late orders (the lateness tick, the playbook events, the
  // outbox) and each customer still receives exactly one delay note, and each order has one alert.
  it('send one delay note per late order, received once by the SMTP server', { timeout: 180_000 }, async () => {
    const workers = [startWorker(), startWorker()];
    try {
      await waitFor(async () => (await sentNotes()) === lateOrders, 150);
      // Give a second sender the time it would need to send anything twice.
      await new Promise((resolve) => setTimeout(resolve, 3000));
    } finally {
      for (const worker of workers) worker.kill('SIGTERM');
      await Promise.all(workers.map((worker) => new Promise((resolve) => worker.once('exit', resolve))));
    }
    const notes = delayNotes();
    expect(notes).toHaveLength(lateOrders);
    expect(new Set(notes.map((m) => m.messageId)).size).toBe(lateOrders);
    const recipients = notes.flatMap((m) => m.to);
    expect(new Set(recipients).size).toBe(lateOrders);
    expect(recipients).toContain('late.customer.1@example.test');
    const perOrder = await sql<{ orders: number; alerts: number; notes: number; most: number }>`
      select count(*)::int as orders, sum(alerts)::int as alerts, sum(notes)::int as notes, max(greatest(alerts, notes))::int as most from (
        select o.id,
          (select count(*) from order_alerts oa where oa.order_id = o.id) as alerts,
          (select count(*) from messages m where m.account_id = o.account_id and m.subject like '%' || o.number || ' is taking longer%') as notes
        from orders o where o.number like 'LATE-%') x`.execute(handle.db);
    expect(perOrder.rows[0]).toEqual({ orders: lateOrders, alerts: lateOrders, notes: lateOrders, most: 1 });
  });
});
