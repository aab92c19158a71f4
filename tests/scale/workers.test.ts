import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appSecret } from '../../src/modules/customer-links/index.ts';
import { sendDueMessages } from '../../src/modules/messages/index.ts';
import { createMailTransport } from '../../src/modules/messages/index.ts';
import { type DbHandle, openDatabase } from '../../src/platform/db.ts';
import { drainPlaybookEvents } from '../helpers/playbook-events.ts';
import { type SmtpReceiver, startSmtpReceiver } from '../helpers/smtp-receiver.ts';
import { openTestDb } from '../helpers/test-db.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
let handle: DbHandle & { url?: string };
let smtp: SmtpReceiver;

beforeAll(async () => {
  handle = await openTestDb();
  smtp = await startSmtpReceiver();
  // One playbook with one email step, so each won customer is exactly one due email.
  await handle.db.updateTable('playbooks').set({ enabled: false }).execute();
  await handle.db
    .insertInto('playbooks')
    .values({
      name: 'Thank you email',
      trigger: 'deal_won',
      trigger_config: JSON.stringify({}),
      steps: JSON.stringify([{ key: 'thanks', kind: 'email', touch_kind: 'email', offset_days: 0, subject: 'Thank you, {{account.name}}', body: 'Thanks!' }]),
    })
    .execute();
}, 60_000);
afterAll(async () => {
  await smtp.close();
  await handle.close();
});

/** N won customers, each with one contact: the welcome playbook queues one email per customer. */
async function queueWelcomeEmails(n: number, prefix: string): Promise<number> {
  const { db } = handle;
  await sql`
    with owner as (select id from users where role = 'sales' limit 1),
    a as (
      insert into accounts (name, lifecycle, owner_id)
      select ${prefix} || ' customer ' || g, 'customer', (select id from owner) from generate_series(1, ${n}) g
      returning id, name)
    , c as (insert into contacts (account_id, name, email) select id, name, replace(name, ' ', '.') || '@example.test' from a returning account_id)
    insert into events (account_id, type, occurred_at, payload) select account_id, 'deal.won', now(), '{}' from c`.execute(db);
  await drainPlaybookEvents(db, { publicUrl: 'http://app.test', secret: await appSecret(db) });
  const queued = await db.selectFrom('messages').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'queued').executeTakeFirstOrThrow();
  return queued.n;
}

const sentCount = async () =>
  (await handle.db.selectFrom('messages').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'sent').executeTakeFirstOrThrow()).n;

const uniqueIds = () => new Set(smtp.received.map((m) => m.messageId)).size;

function startWorkerProcess(url: string): ChildProcess {
  return spawn(process.execPath, ['bin/afterclose.js', 'worker'], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: url, SMTP_URL: smtp.url, MESSAGE_LEASE_SECONDS: '2', LOG_LEVEL: 'silent' },
    stdio: 'ignore',
  });
}

async function waitFor(check: () => Promise<boolean> | boolean, seconds: number): Promise<void> {
  const until = Date.now() + seconds * 1000;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`Condition not met within ${seconds} s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('workers scale out on one PostgreSQL', () => {
  it('two workers send 1,000 due emails: exactly 1,000 arrive, none twice', { timeout: 180_000 }, async () => {
    expect(await queueWelcomeEmails(1000, 'Scale')).toBe(1000);
    const transport = createMailTransport({ smtpUrl: smtp.url, outboxDir: '/nonexistent' });
    const workers: DbHandle[] = [];
    for (let i = 0; i < 2; i++) workers.push(await openDatabase({ kind: 'postgres', url: handle.url ?? '', poolSize: 2 }));
    const options = { transport, from: 'team@afterclose.test', leaseSeconds: 60 };
    const handled = await Promise.all(
      workers.map(async (worker) => {
        let total = 0;
        for (let n = await sendDueMessages(worker.db, options); n > 0; n = await sendDueMessages(worker.db, options)) total += n;
        return total;
      }),
    );
    for (const worker of workers) await worker.close();
    transport.close();
    expect(handled[0]! + handled[1]!).toBe(1000);
    expect(handled.every((n) => n > 0)).toBe(true);
    expect(smtp.received).toHaveLength(1000);
    expect(uniqueIds()).toBe(1000);
    expect(await sentCount()).toBe(1000);
  });

  it('a worker killed with SIGKILL mid-batch loses nothing: after a restart every email is sent exactly once', { timeout: 180_000 }, async () => {
    smtp.received.length = 0;
    expect(await queueWelcomeEmails(300, 'Crash')).toBe(300);
    const first = startWorkerProcess(handle.url ?? '');
    await waitFor(() => smtp.received.length >= 50, 60);
    first.kill('SIGKILL');
    await new Promise((resolve) => first.once('exit', resolve));
    const arrivedBeforeCrash = smtp.received.length;
    expect(arrivedBeforeCrash).toBeLessThan(300);
    const second = startWorkerProcess(handle.url ?? '');
    try {
      await waitFor(async () => (await sentCount()) === 1300, 90);
    } finally {
      second.kill('SIGTERM');
      await new Promise((resolve) => second.once('exit', resolve));
    }
    expect(uniqueIds()).toBe(300);
    // Only a message in flight at the moment of the kill can arrive again, with the same Message-ID.
    expect(smtp.received.length - 300).toBeLessThanOrEqual(1);
    const touches = await handle.db.selectFrom('touches').select((eb) => eb.fn.countAll<number>().as('n')).where('kind', '=', 'email').where('status', '=', 'done').executeTakeFirstOrThrow();
    expect(touches.n).toBe(1300);
  });
});
