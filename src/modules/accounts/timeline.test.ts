import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../tests/helpers/test-app.ts';
import { pinClock } from '../../platform/clock.ts';
import { describeEvent } from './timeline-events.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  pinClock(null);
  await t.close();
});

type Item = { kind: string; title: string; at: string; amount: { value: number; currency: string } | null };

describe('account timeline', () => {
  it('lists touches, orders, deals and events newest first, paged without gaps or repeats', async () => {
    const api = t.as('sales');
    pinClock('2026-02-01T09:00:00Z');
    const account = (await api('POST', '/api/v1/accounts', { name: 'Timeline Oy', owner_id: t.userIds.sales })).json();
    const deal = (await api('POST', '/api/v1/deals', { account_id: account.id, title: 'First deal', value: 900 })).json();
    pinClock('2026-02-03T09:00:00Z');
    await api('POST', '/api/v1/touches/log', { account_id: account.id, kind: 'note', subject: 'Met at the fair' });
    pinClock('2026-02-05T09:00:00Z');
    await api('POST', `/api/v1/deals/${deal.id}/win`);
    pinClock('2026-02-06T09:00:00Z');
    await api('POST', '/api/v1/orders', { account_id: account.id, lines: [{ description: 'Setup', quantity: 1, unit_price: 900 }] });
    await api('POST', '/api/v1/touches', { account_id: account.id, kind: 'card', subject: 'Thank-you card', due_at: '2026-02-08T09:00:00Z' });

    const all = (await api('GET', `/api/v1/accounts/${account.id}/timeline`)).json().items as Item[];
    expect(all.map((i) => (i.kind === 'order' ? 'order' : `${i.kind}:${i.title}`))).toEqual([
      'touch:Thank-you card',
      'order',
      'event:Deal won',
      'event:Became a customer',
      'touch:Met at the fair',
      'deal:First deal',
    ]);
    expect(all[1]?.title).toMatch(/^Order \S+$/);
    expect(all[1]?.amount).toEqual({ value: 900, currency: 'EUR' });
    const times = all.map((i) => new Date(i.at).getTime());
    expect([...times].sort((a, b) => b - a)).toEqual(times);

    const seen: Item[] = [];
    let cursor: string | undefined;
    do {
      const page = (await api('GET', `/api/v1/accounts/${account.id}/timeline?limit=2${cursor ? `&cursor=${cursor}` : ''}`)).json();
      seen.push(...page.items);
      cursor = page.next;
    } while (cursor);
    expect(seen).toEqual(all);
  });

  it('gives each entry its real kind and filters by it, paged', async () => {
    const api = t.as('sales');
    pinClock('2026-03-01T09:00:00Z');
    const account = (await api('POST', '/api/v1/accounts', { name: 'Kinds GmbH', owner_id: t.userIds.sales })).json();
    for (const [day, kind, subject] of [['02', 'call', 'First call'], ['03', 'email', 'Sent prices'], ['04', 'call', 'Second call'], ['05', 'meeting', 'Visit']]) {
      pinClock(`2026-03-${day}T09:00:00Z`);
      await api('POST', '/api/v1/touches/log', { account_id: account.id, kind, subject });
    }
    await api('POST', '/api/v1/orders', { account_id: account.id, lines: [{ description: 'Kit', quantity: 1, unit_price: 50 }] });
    const all = (await api('GET', `/api/v1/accounts/${account.id}/timeline`)).json().items as (Item & { type: string })[];
    expect(all.map((i) => i.type).sort()).toEqual(['account', 'call', 'call', 'email', 'meeting', 'order']);
    const calls = await api('GET', `/api/v1/accounts/${account.id}/timeline?type=call&limit=1`);
    expect(calls.json().items.map((i: Item) => i.title)).toEqual(['Second call']);
    const rest = (await api('GET', `/api/v1/accounts/${account.id}/timeline?type=call&limit=1&cursor=${calls.json().next}`)).json();
    expect([rest.items.map((i: Item) => i.title), rest.next]).toEqual([['First call'], undefined]);
    expect((await api('GET', `/api/v1/accounts/${account.id}/timeline?type=order`)).json().items.map((i: Item) => i.kind)).toEqual(['order']);
    expect((await api('GET', `/api/v1/accounts/${account.id}/timeline?type=issue`)).json().items).toEqual([]);
    const bad = await api('GET', `/api/v1/accounts/${account.id}/timeline?type=party`);
    expect([bad.statusCode, bad.json().error.field]).toEqual([400, 'type']);
  });

  it('answers 404 for an unknown account', async () => {
    const res = await t.as('sales')('GET', '/api/v1/accounts/00000000-0000-4000-8000-000000000001/timeline');
    expect(res.statusCode).toBe(404);
  });

  it('says in words what an event means', () => {
    expect(describeEvent('survey.answered', { score: 3, comment: 'Too slow' })).toEqual({ title: 'NPS answered', detail: '3 — “Too slow”' });
    expect(describeEvent('issue.resolved', { title: 'Broken zipper' })).toEqual({ title: 'Service issue resolved', detail: 'Broken zipper' });
    expect(describeEvent('deal.stage_changed', { from: 'lead', to: 'proposal' })).toEqual({ title: 'Deal moved to another stage', detail: 'lead → proposal' });
    expect(describeEvent('something.new', {})).toEqual({ title: 'something.new', detail: null });
  });
});
