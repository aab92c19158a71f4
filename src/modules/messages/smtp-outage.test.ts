import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SmtpReceiver, startSmtpReceiver } from '../../../tests/helpers/smtp-receiver.ts';
import { startTestApp, type TestApp } from '../../../tests/helpers/test-app.ts';
import { now, pinClock } from '../../platform/clock.ts';
import { queueEmails } from './queue-message.ts';
import { sendDueMessages } from './send-messages.ts';
import { createMailTransport, type MailTransport } from './transport.ts';

// Fault suite: the mail server is down for a while, then comes back on the same address.
let t: TestApp;
let transport: MailTransport;
let smtp: SmtpReceiver | null = null;
let port: number;
const outboxDir = mkdtempSync(join(tmpdir(), 'afterclose-outage-'));
const count = 12;

beforeAll(async () => {
  pinClock('2026-11-02T09:00:00Z');
  t = await startTestApp();
  // Take a free port and close it: the mail server is down.
  const probe = await startSmtpReceiver();
  port = Number(new URL(probe.url).port);
  await probe.close();
  // One pooled transport for the whole outage, as a worker process keeps it.
  transport = createMailTransport({ smtpUrl: `smtp://127.0.0.1:${port}?connectionTimeout=2000&greetingTimeout=2000`, outboxDir });
  await t.db.transaction().execute((trx) =>
    queueEmails(
      trx,
      Array.from({ length: count }, (_, i) => ({ idempotencyKey: `outage-${i}`, accountId: null, userId: t.userIds.sales, to: `person${i}@outage.example`, subject: `Note ${i}`, body: 'Hello', sendAfter: now() })),
      { publicUrl: 'http://app.test', secret: 'x'.repeat(32) },
    ),
  );
});
afterAll(async () => {
  pinClock(null);
  transport.close();
  await smtp?.close();
  await t.close();
  rmSync(outboxDir, { recursive: true, force: true });
});

const send = () => sendDueMessages(t.db, { transport, from: 'Afterclose <team@afterclose.test>', leaseSeconds: 60, batchSize: 50 });
const advance = (seconds: number) => pinClock(new Date(now().getTime() + seconds * 1000));
const outageMessages = () => t.db.selectFrom('messages').select(['id', 'status', 'attempts', 'send_after', 'error']).where('idempotency_key', 'like', 'outage-%').execute();

describe('SMTP server down, then back', () => {
  // Proves: while the mail server refuses connections, every email stays queued with its error and
  // is retried with doubling back-off (1, then 2 minutes), not hammered and not given up.
  it('keeps every email queued with doubling back-off while the server is down', async () => {
    const start = now().getTime();
    expect(await send()).toBe(count);
    let rows = await outageMessages();
    expect(rows.every((r) => r.status === 'queued' && r.attempts === 1 && r.error !== null)).toBe(true);
    expect(new Set(rows.map((r) => new Date(r.send_after).getTime() - start))).toEqual(new Set([60_000]));
    expect(await send()).toBe(0);

    advance(61);
    const second = now().getTime();
    expect(await send()).toBe(count);
    rows = await outageMessages();
    expect(rows.every((r) => r.status === 'queued' && r.attempts === 2)).toBe(true);
    expect(new Set(rows.map((r) => new Date(r.send_after).getTime() - second))).toEqual(new Set([120_000]));
    advance(61);
    expect(await send()).toBe(0);
  });

  // Proves: once the server is back, each email is delivered exactly once (one Message-ID per
  // message, no second copy on later ticks), and its row says sent.
  it('delivers each email exactly once when the server is back', async () => {
    smtp = await startSmtpReceiver(port);
    advance(60);
    expect(await send()).toBe(count);
    advance(3600);
    expect(await send()).toBe(0);
    const rows = await outageMessages();
    expect(rows.every((r) => r.status === 'sent' && r.attempts === 3)).toBe(true);
    expect(smtp.received).toHaveLength(count);
    expect(new Set(smtp.received.map((m) => m.messageId))).toEqual(new Set(rows.map((r) => `<${r.id}@afterclose>`)));
  });

  // Proves: a server that accepts the connection but refuses some messages (4xx after DATA) gets
  // only those again; the ones it took are not sent a second time.
  it('resends only the messages a flaky server refused', async () => {
    if (!smtp) throw new Error('the receiver should be up');
    const before = smtp.received.length;
    await t.db.transaction().execute((trx) =>
      queueEmails(
        trx,
        Array.from({ length: 4 }, (_, i) => ({ idempotencyKey: `outage-flaky-${i}`, accountId: null, userId: t.userIds.sales, to: `flaky${i}@outage.example`, subject: `Flaky ${i}`, body: 'Hi', sendAfter: now() })),
        { publicUrl: 'http://app.test', secret: 'x'.repeat(32) },
      ),
    );
    smtp.rejectNext = 2;
    expect(await send()).toBe(4);
    advance(61);
    expect(await send()).toBe(2);
    advance(3600);
    expect(await send()).toBe(0);
    const flaky = smtp.received.slice(before);
    expect(flaky).toHaveLength(4);
    expect(new Set(flaky.map((m) => m.messageId)).size).toBe(4);
  });
});
