import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../tests/helpers/test-app.ts';
import { addDays, now, pinClock } from '../../platform/clock.ts';
import { drainPlaybookEvents } from '../../../tests/helpers/playbook-events.ts';
import { appendEvent } from '../../platform/events.ts';

let t: TestApp;
const links = { publicUrl: 'http://app.test', secret: 'test-secret-for-links' };
beforeAll(async () => {
  pinClock('2026-04-06T08:00:00Z'); // a Monday
  t = await startTestApp();
});
afterAll(async () => {
  pinClock(null);
  await t.close();
});

async function customerWithContact(name: string, contact: { email: string | null; consent: boolean }) {
  const api = t.as('sales');
  const account = (await api('POST', '/api/v1/accounts', { name, owner_id: t.userIds.sales, service_owner_id: t.userIds.service, interests: ['espresso'] })).json();
  await api('POST', '/api/v1/contacts', { account_id: account.id, name: `${name} Buyer`, email: contact.email, postal_address: 'Main St 1, Springfield', newsletter_consent: contact.consent });
  return account.id as string;
}

const touchesOf = (accountId: string) =>
  t.db.selectFrom('touches').selectAll().where('account_id', '=', accountId).where('playbook_run_id', 'is not', null).orderBy('due_at').execute();

describe('after-sale playbooks', () => {
  it('winning a deal starts the welcome and stay-in-touch programs, each step a dated touch', async () => {
    const accountId = await customerWithContact('Brew Bros', { email: 'buyer@brew.example', consent: true });
    const deal = (await t.as('sales')('POST', '/api/v1/deals', { account_id: accountId, title: 'Grinders', value: 3000 })).json();
    await t.as('sales')('POST', `/api/v1/deals/${deal.id}/win`);
    const consumed = await drainPlaybookEvents(t.db, links);
    expect(consumed.runs).toBe(2);

    const touches = await touchesOf(accountId);
    const byStep = new Map(touches.map((x) => [x.step_key, x]));
    expect([...byStep.keys()].sort()).toEqual(['annual_survey', 'check_in', 'management_call', 'newsletter', 'onboarding_call', 'thank_you_card', 'welcome_email']);
    expect(byStep.get('thank_you_card')).toMatchObject({ kind: 'card', assignee_id: t.userIds.sales, status: 'planned' });
    expect(byStep.get('thank_you_card')?.notes).toContain('Main St 1, Springfield');
    expect(byStep.get('thank_you_card')?.due_at?.toISOString()).toBe('2026-04-08T09:00:00.000Z');
    expect(byStep.get('onboarding_call')).toMatchObject({ kind: 'check_in', assignee_id: t.userIds.service });
    expect(byStep.get('onboarding_call')?.due_at?.toISOString()).toBe('2026-04-20T09:00:00.000Z');
    expect(byStep.get('management_call')?.assignee_id).toBe(t.userIds.manager);
    expect(byStep.get('check_in')?.recurrence_days).toBe(90);
    const messages = await t.db.selectFrom('messages').select(['to_email', 'subject', 'status', 'unsubscribe_url']).where('account_id', '=', accountId).orderBy('send_after').execute();
    expect(messages.map((m) => m.subject)).toEqual(['Welcome to us, Brew Bros', 'Your subscription to our newsletter']);
    expect(messages[0]).toMatchObject({ to_email: 'buyer@brew.example', status: 'queued' });
    expect(messages[0]?.unsubscribe_url).toMatch(/^http:\/\/app\.test\/u\/.+\..+$/);
    const timeline = (await t.as('sales')('GET', `/api/v1/accounts/${accountId}/timeline?limit=100`)).json().items;
    expect(timeline).toContainEqual(expect.objectContaining({ kind: 'event', title: 'Playbook started', detail: 'Welcome a new customer' }));
  });

  it('addresses the thank-you card to the account when its contact has no postal address of their own', async () => {
    const api = t.as('sales');
    const billing = { address: { street: 'Hafenstraße 12', postal_code: '20457', city: 'Hamburg', country: 'Germany' } };
    const account = (await api('POST', '/api/v1/accounts', { name: 'Harbour Benches', owner_id: t.userIds.sales, billing })).json();
    await api('POST', '/api/v1/contacts', { account_id: account.id, name: 'Hanna Harbour', email: 'hanna@harbour.example' });
    const deal = (await api('POST', '/api/v1/deals', { account_id: account.id, title: 'Benches', value: 900 })).json();
    await api('POST', `/api/v1/deals/${deal.id}/win`);
    await drainPlaybookEvents(t.db, links);
    const card = (await touchesOf(account.id)).find((x) => x.step_key === 'thank_you_card');
    expect(card?.notes).toContain('Hafenstraße 12, 20457 Hamburg, Germany');
    expect(card?.notes).not.toContain('no postal address');
  });

  it('one batch of events starts each run once, the first event of a key, with its touches, emails and started event', async () => {
    const accountId = await customerWithContact('Late Latte', { email: 'buyer@late.example', consent: true });
    const orderId = crypto.randomUUID();
    const late = { title: 'Order 77 is late', number: '77', ship_by: '2026-04-03', touch_id: crypto.randomUUID(), assignee_id: null, expected_by: '2026-04-10', signed_by: 'Sam' };
    // The same late order reported twice in one batch: the delay note goes out once, from the first report.
    await t.db.transaction().execute(async (trx) => {
      await appendEvent(trx, { type: 'order.late', accountId, subjectId: orderId, payload: late });
      await appendEvent(trx, { type: 'order.late', accountId, subjectId: orderId, payload: late });
    });
    const reported = await t.db.selectFrom('events').select('id').where('type', '=', 'order.late').where('subject_id', '=', orderId).orderBy('id').execute();
    await drainPlaybookEvents(t.db, links);
    const runs = await t.db.selectFrom('playbook_runs').select(['id', 'event_id', 'trigger_key']).where('account_id', '=', accountId).execute();
    expect(runs).toEqual([{ id: expect.any(String), event_id: reported[0]?.id, trigger_key: `order-late:${orderId}` }]);
    const touches = await touchesOf(accountId);
    expect(touches.length).toBeGreaterThan(0);
    expect(touches.every((x) => x.playbook_run_id === runs[0]?.id)).toBe(true);
    const emails = await t.db.selectFrom('messages').select(['touch_id', 'idempotency_key']).where('account_id', '=', accountId).execute();
    expect(emails.map((m) => m.idempotency_key)).toEqual(emails.map((m) => `touch:${m.touch_id}`));
    const started = await t.db.selectFrom('events').select(['subject_id', 'payload']).where('type', '=', 'playbook.started').where('account_id', '=', accountId).execute();
    expect(started).toEqual([{ subject_id: runs[0]?.id, payload: expect.objectContaining({ trigger_key: `order-late:${orderId}`, touches: touches.length }) }]);
  });

  it('never starts a run twice: re-reading the events and a first order change nothing', async () => {
    const before = await t.db.selectFrom('playbook_runs').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    await t.db.updateTable('event_cursors').set({ last_tx: '0', last_id: 0 }).execute();
    expect((await drainPlaybookEvents(t.db, links)).runs).toBe(0);
    const [account] = await t.db.selectFrom('accounts').select('id').where('name', '=', 'Brew Bros').execute();
    await t.as('sales')('POST', '/api/v1/orders', { account_id: account?.id, lines: [{ description: 'Beans', quantity: 1, unit_price: 20 }] });
    expect((await drainPlaybookEvents(t.db, links)).runs).toBe(0);
    const after = await t.db.selectFrom('playbook_runs').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('a first order welcomes a customer who came without a deal; no consent, no newsletter', async () => {
    const accountId = await customerWithContact('Quiet Cafe', { email: 'owner@quiet.example', consent: false });
    await t.as('sales')('POST', '/api/v1/orders', { account_id: accountId, lines: [{ description: 'Beans', quantity: 2, unit_price: 20 }] });
    await drainPlaybookEvents(t.db, links);
    const touches = await touchesOf(accountId);
    const newsletter = touches.find((x) => x.step_key === 'newsletter');
    expect(newsletter).toMatchObject({ status: 'skipped' });
    expect(newsletter?.outcome).toContain('consent');
    const messages = await t.db.selectFrom('messages').select('subject').where('account_id', '=', accountId).execute();
    expect(messages.map((m) => m.subject)).toEqual(['Welcome to us, Quiet Cafe']);
  });

  it('an order placed long ago (history, an import) starts nothing', async () => {
    const accountId = await customerWithContact('Old Times', { email: 'old@times.example', consent: true });
    await t.as('sales')('POST', '/api/v1/orders', { account_id: accountId, placed_at: '2025-12-01T10:00:00Z', lines: [{ description: 'Beans', quantity: 1, unit_price: 20 }] });
    expect((await drainPlaybookEvents(t.db, links)).runs).toBe(0);
    expect(await touchesOf(accountId)).toEqual([]);
  });

  it('announces a launched product to customers whose interests match, and plans a clipping for a press mention', async () => {
    const product = (await t.as('manager')('POST', '/api/v1/products', { sku: 'ESP-X', name: 'Espresso X', price: 900, tags: ['espresso'] })).json();
    await t.as('manager')('POST', `/api/v1/products/${product.id}/launch`);
    const [brew] = await t.db.selectFrom('accounts').select('id').where('name', '=', 'Brew Bros').execute();
    await t.as('sales')('POST', `/api/v1/accounts/${brew?.id}/mentions`, { source: 'Daily Bugle', title: 'Best coffee in town', published_at: '2026-04-05' });
    await drainPlaybookEvents(t.db, links);
    const announcements = await t.db.selectFrom('messages').select(['subject', 'account_id']).where('subject', '=', 'New: Espresso X').execute();
    expect(announcements.length).toBe(3);
    const clipping = await t.db.selectFrom('touches').selectAll().where('account_id', '=', brew!.id).where('kind', '=', 'clipping').executeTakeFirstOrThrow();
    expect(clipping.subject).toBe('Mail the clipping "Best coffee in town" to Brew Bros Buyer');
  });

  it('a recurring check-in plans the next one after the last real contact; a call pushes it out', async () => {
    const [brew] = await t.db.selectFrom('accounts').select('id').where('name', '=', 'Brew Bros').execute();
    const checkIn = await t.db.selectFrom('touches').selectAll().where('account_id', '=', brew!.id).where('step_key', '=', 'check_in').executeTakeFirstOrThrow();
    pinClock('2026-05-04T10:00:00Z');
    await t.as('sales')('POST', '/api/v1/touches/log', { account_id: brew!.id, kind: 'call', subject: 'Chatted about the new grinder' });
    const pushed = await t.db.selectFrom('touches').select('due_at').where('id', '=', checkIn.id).executeTakeFirstOrThrow();
    expect(pushed.due_at?.toISOString()).toBe(addDays(now(), 90).toISOString());
    pinClock('2026-08-03T10:00:00Z');
    const done = await t.as('service')('POST', `/api/v1/touches/${checkIn.id}/complete`, { outcome: 'Happy' });
    expect(done.statusCode).toBe(200);
    const next = await t.db.selectFrom('touches').selectAll().where('account_id', '=', brew!.id).where('step_key', '=', 'check_in#2').executeTakeFirstOrThrow();
    expect(next).toMatchObject({ status: 'planned', recurrence_days: 90, assignee_id: t.userIds.service });
    expect(next.due_at?.toISOString()).toBe(addDays(now(), 90).toISOString());
  });

  it('every order and a delivered order start playbooks of their own, with conditions on tags', async () => {
    const manager = t.as('manager');
    const step = (key: string) => [{ key, kind: 'task', touch_kind: 'task', offset_days: 0, subject: `${key} for {{account.name}}` }];
    await manager('POST', '/api/v1/playbooks', { name: 'Every order', trigger: 'order_placed', trigger_config: { tags_any: ['vip'] }, steps: step('check_order') });
    await manager('POST', '/api/v1/playbooks', { name: 'Delivered', trigger: 'order_delivered', steps: step('delivery_call') });
    const vip = (await t.as('sales')('POST', '/api/v1/accounts', { name: 'Vip Venue', owner_id: t.userIds.sales, tags: ['vip'] })).json();
    const plain = (await t.as('sales')('POST', '/api/v1/accounts', { name: 'Plain Pub', owner_id: t.userIds.sales })).json();
    const order = (await t.as('sales')('POST', '/api/v1/orders', { account_id: vip.id, lines: [{ description: 'Kegs', quantity: 2, unit_price: 80 }] })).json();
    await t.as('sales')('POST', '/api/v1/orders', { account_id: plain.id, lines: [{ description: 'Kegs', quantity: 1, unit_price: 80 }] });
    await t.as('service')('POST', `/api/v1/orders/${order.id}/status`, { status: 'delivered' });
    await drainPlaybookEvents(t.db, links);
    const subjects = async (accountId: string) =>
      (await t.db.selectFrom('touches').select('subject').where('account_id', '=', accountId).where('kind', '=', 'task').orderBy('subject').execute()).map((x) => x.subject);
    expect(await subjects(vip.id)).toEqual(['check_order for Vip Venue', 'delivery_call for Vip Venue']);
    expect(await subjects(plain.id)).toEqual([]);
  });

  it('editing a playbook makes a new version and leaves runs in flight alone', async () => {
    const list = (await t.as('manager')('GET', '/api/v1/playbooks')).json().items;
    const welcome = list.find((p: { key: string }) => p.key === 'welcome');
    expect((await t.as('sales')('PATCH', `/api/v1/playbooks/${welcome.id}`, { name: 'X' })).statusCode).toBe(403);
    const edited = await t.as('manager')('PATCH', `/api/v1/playbooks/${welcome.id}`, {
      steps: [{ key: 'only_card', kind: 'task', touch_kind: 'card', offset_days: 1, subject: 'Card' }],
    });
    expect(edited.json()).toMatchObject({ version: 2 });
    const runs = await t.db.selectFrom('playbook_runs').select(['playbook_version', 'steps']).where('playbook_id', '=', welcome.id).execute();
    expect(runs.every((r) => r.playbook_version === 1 && r.steps.length === 4)).toBe(true);
    const bad = await t.as('manager')('POST', '/api/v1/playbooks', { name: 'Bad', trigger: 'deal_won', steps: [] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('steps');
    const unnamed = await t.as('manager')('POST', '/api/v1/playbooks', { name: '', trigger: 'deal_won', steps: [{ key: 'card', kind: 'task', offset_days: 1 }] });
    expect(unnamed.json().error).toEqual({ code: 'invalid_input', message: 'Name must not be empty', field: 'name' });
  });

  it('refuses an email without a subject and a placeholder that names nothing, which the customer would get as blanks', async () => {
    const email = (subject: string, body: string) => ({ name: 'Hello', trigger: 'deal_won', steps: [{ key: 'hello', kind: 'email', offset_days: 1, subject, body }] });
    const noSubject = await t.as('manager')('POST', '/api/v1/playbooks', email('  ', 'Hi {{contact.name}}'));
    expect(noSubject.json().error).toMatchObject({ code: 'invalid_input', field: 'steps.0.subject', message: 'Steps › #1 › subject: an email needs a subject' });
    const misspelt = await t.as('manager')('POST', '/api/v1/playbooks', email('Thanks, {{account.name}}', 'Dear {{contact.nam}}, thank you. {{trigger.number}}'));
    expect(misspelt.statusCode).toBe(400);
    expect(misspelt.json().error.field).toBe('steps.0.body');
    expect(misspelt.json().error.message).toMatch(/^Steps › #1 › body: \{\{contact\.nam\}\} is not a placeholder; use \{\{account\.name\}\}/);
    const fine = await t.as('manager')('POST', '/api/v1/playbooks', email('Thanks, {{account.name}}', 'Dear {{ contact.name }}, your order {{trigger.number}}'));
    expect(fine.statusCode).toBe(201);
  });
});
