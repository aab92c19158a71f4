import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountIdFromExternalId } from '../../src/modules/accounts/index.ts';
import type { DbHandle } from '../../src/platform/db.ts';
import { openTestDb } from '../helpers/test-db.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'afterclose-import-kill-'));
let handle: DbHandle & { url?: string };
const customers = 300;
const ordersPerCustomer = 10;
const linesPerOrder = 4;

beforeAll(async () => {
  handle = await openTestDb();
  const externalIds = Array.from({ length: customers }, (_, i) => `K${i + 1}`);
  const ids = externalIds.map(accountIdFromExternalId);
  await sql`insert into accounts (id, external_id, name)
    select id, x, 'Kill customer ' || x from unnest(${ids}::uuid[], ${externalIds}::text[]) u(id, x)`.execute(handle.db);
  // Imports find an account by the record of who holds its external id (decision 0041).
  await sql`insert into account_external_ids (key, external_id, account_id)
    select id, x, id from unnest(${ids}::uuid[], ${externalIds}::text[]) u(id, x)`.execute(handle.db);
  // Lines of one order are spread over the file (a deterministic shuffle), as in a real export.
  const rows: string[] = [];
  for (let c = 1; c <= customers; c++) {
    for (let o = 1; o <= ordersPerCustomer; o++) {
      for (let l = 1; l <= linesPerOrder; l++) rows.push(`K${c}-${o},K${c},2026-01-${String(1 + (o % 28)).padStart(2, '0')},${l}.50,${l},Part ${l}`);
    }
  }
  let seed = 7;
  for (let i = rows.length - 1; i > 0; i--) {
    seed = (seed * 48271) % 2147483647;
    const j = seed % (i + 1);
    [rows[i], rows[j]] = [rows[j] ?? '', rows[i] ?? ''];
  }
  writeFileSync(join(dir, 'orders.csv'), `order_number,account_external_id,placed_at,unit_price,quantity,description\n${rows.join('\n')}\n`);
}, 60_000);
afterAll(async () => {
  await handle.close();
  rmSync(dir, { recursive: true, force: true });
});

const importOrders = () =>
  spawn(process.execPath, ['bin/afterclose.js', 'import', 'orders', join(dir, 'orders.csv'), '--no-playbooks'], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: handle.url ?? '', LOG_LEVEL: 'silent' },
    stdio: 'ignore',
  });

const orderCount = async () => (await sql<{ n: number }>`select count(*)::int as n from orders where number like 'K%'`.execute(handle.db)).rows[0]?.n ?? 0;

describe('an orders import killed with SIGKILL', () => {
  // Proves: a kill -9 in the middle of an orders import leaves only whole orders (every stored order
  // has all its lines, though they are spread over the file), and importing the same file again
  // completes it with each order and each line exactly once.
  it('leaves whole orders only, and a second run completes it without doubles', { timeout: 180_000 }, async () => {
    const first = importOrders();
    const until = Date.now() + 120_000;
    while ((await orderCount()) === 0) {
      if (Date.now() > until || first.exitCode !== null) throw new Error('the import wrote nothing before it ended or timed out');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    first.kill('SIGKILL');
    await new Promise((resolve) => first.once('exit', resolve));

    const partial = await sql<{ number: string; lines: number }>`
      select o.number, count(l.id)::int as lines from orders o left join order_lines l on l.account_id = o.account_id and l.order_id = o.id
      where o.number like 'K%' group by o.number`.execute(handle.db);
    // Killed in the middle: some orders are in, not all.
    expect(partial.rows.length).toBeGreaterThan(0);
    expect(partial.rows.length).toBeLessThan(customers * ordersPerCustomer);
    expect(partial.rows.filter((r) => r.lines !== linesPerOrder)).toEqual([]);

    const second = importOrders();
    const code = await new Promise<number | null>((resolve) => second.once('exit', resolve));
    expect(code).toBe(0);
    const all = await sql<{ orders: number; lines: number; per_order_max: number }>`
      select count(distinct o.id)::int as orders, count(l.id)::int as lines,
        (select max(n) from (select count(*) as n from orders where number like 'K%' group by account_id, number) d)::int as per_order_max
      from orders o join order_lines l on l.account_id = o.account_id and l.order_id = o.id where o.number like 'K%'`.execute(handle.db);
    expect(all.rows[0]).toEqual({ orders: customers * ordersPerCustomer, lines: customers * ordersPerCustomer * linesPerOrder, per_order_max: 1 });
  });
});
