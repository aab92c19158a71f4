import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../src/platform/db.ts';
import { pendingEvents } from '../../src/platform/event-cursor.ts';
import { openTestDb } from '../helpers/test-db.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const outbox = mkdtempSync(join(tmpdir(), 'afterclose-playbook-kill-'));
let handle: DbHandle & { url?: string };
const wonCustomers = 3000;

beforeAll(async () => {
  handle = await openTestDb();
  // One playbook with one task step, so each won customer is exactly one run and one touch.
  await handle.db.updateTable('playbooks').set({ enabled: false }).execute();
  await handle.db
    .insertInto('playbooks')
    .values({
      name: 'Thank-you call',
      trigger: 'deal_won',
      trigger_config: JSON.stringify({}),
      steps: JSON.stringify([{ key: 'call', kind: 'task', touch_kind: 'call', offset_days: 1, subject: 'Thank {{account.name}}', assignee: 'owner' }]),
    })
    .execute();
  await sql`
    with owner as (select id from users where role = 'sales' limit 1),
    a as (
      insert into accounts (name, lifecycle, owner_id)
      select 'Batch customer ' || g, 'customer', (select id from owner) from generate_series(1, ${wonCustomers}) g returning id)
    insert into events (account_id, type, occurred_at, payload) select id, 'deal.won', now(), '{}' from a`.execute(handle.db);
}, 60_000);
afterAll(async () => {
  await handle.close();
  rmSync(outbox, { recursive: true, force: true });
});

function startWorker(): ChildProcess {
  return spawn(process.execPath, ['bin/afterclose.js', 'worker'], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: handle.url ?? '', OUTBOX_DIR: outbox, LOG_LEVEL: 'silent' },
    stdio: 'ignore',
  });
}

const runs = async () => (await sql<{ n: number }>`select count(*)::int as n from playbook_runs r join playbooks p on p.id = r.playbook_id where p.name = 'Thank-you call'`.execute(handle.db)).rows[0]?.n ?? 0;

async function waitFor(check: () => Promise<boolean>, seconds: number): Promise<void> {
  const until = Date.now() + seconds * 1000;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`Condition not met within ${seconds} s`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('a worker killed with SIGKILL during a playbook batch', () => {
  // Proves: killed between or inside its batches (each batch and its cursor move is one transaction),
  // a worker loses nothing: the batch in flight is rolled back with the cursor move, and a new
  // worker re-reads it: every won customer ends with exactly one run and one planned call, none
  // lost and none twice.
  it('starts every run exactly once after a restart', { timeout: 180_000 }, async () => {
    const first = startWorker();
    await waitFor(async () => (await runs()) > 0, 90);
    first.kill('SIGKILL');
    await new Promise((resolve) => first.once('exit', resolve));
    expect(await runs()).toBeLessThan(wonCustomers);

    const second = startWorker();
    try {
      await waitFor(async () => (await pendingEvents(handle.db, 'playbooks')) === 0 && (await runs()) === wonCustomers, 120);
    } finally {
      second.kill('SIGTERM');
      await new Promise((resolve) => second.once('exit', resolve));
    }
    const perAccount = await sql<{ accounts: number; calls: number; most: number }>`
      select count(distinct account_id)::int as accounts, count(*)::int as calls, max(n)::int as most from (
        select t.account_id, count(*) over (partition by t.account_id) as n from touches t
        join accounts a on a.id = t.account_id where a.name like 'Batch customer %' and t.kind = 'call') x`.execute(handle.db);
    expect(perAccount.rows[0]).toEqual({ accounts: wonCustomers, calls: wonCustomers, most: 1 });
  });
});
