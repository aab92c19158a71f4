import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../tests/helpers/test-app.ts';

// A misspelt field used to be dropped: the client got a 200 and nothing it meant was stored.

let t: TestApp;
let accountId: string;
beforeAll(async () => {
  t = await startTestApp();
  accountId = (await t.as('sales')('POST', '/api/v1/accounts', { name: 'Fieldwise Foundry', lifecycle: 'prospect' })).json().id;
});
afterAll(async () => {
  await t.close();
});

const lifecycleOf = async () => (await t.db.selectFrom('accounts').select('lifecycle').where('id', '=', accountId).executeTakeFirstOrThrow()).lifecycle;

describe('a body field the API does not know', () => {
  it('is refused at the top level, named, with the field it was probably meant to be', async () => {
    const res = await t.as('sales')('PATCH', `/api/v1/accounts/${accountId}`, { lifecyle: 'customer' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ error: { code: 'invalid_input', field: 'lifecyle', message: '"lifecyle" is not a field of this request; did you mean "lifecycle"?' } });
    expect(await lifecycleOf()).toBe('prospect');
  });

  it('counts a swap of two letters as one slip', async () => {
    const res = await t.as('sales')('PATCH', `/api/v1/accounts/${accountId}`, { nmae: 'Fieldwise' });
    expect(res.json().error).toMatchObject({ field: 'nmae', message: '"nmae" is not a field of this request; did you mean "name"?' });
  });

  it('suggests nothing when no field is close', async () => {
    const res = await t.as('sales')('PATCH', `/api/v1/accounts/${accountId}`, { favourite_colour: 'teal' });
    expect(res.json().error.message).toBe('"favourite_colour" is not a field of this request');
  });

  it('is refused inside a nested object and a list of objects', async () => {
    const deal = await t.as('sales')('POST', '/api/v1/deals', {
      account_id: accountId,
      title: 'Casting moulds',
      next_step: { kind: 'call', assignee_id: t.userIds.sales, due_at: '2099-01-10T09:00:00Z', subjct: 'Call about moulds' },
    });
    expect(deal.statusCode).toBe(400);
    expect(deal.json().error).toMatchObject({ field: 'next_step.subjct', message: '"next_step.subjct" is not a field of this request; did you mean "subject"?' });
    expect(await t.db.selectFrom('deals').select('id').where('account_id', '=', accountId).execute()).toEqual([]);

    const playbook = await t.as('manager')('POST', '/api/v1/playbooks', {
      name: 'Mould follow-up',
      trigger: 'deal_won',
      steps: [{ key: 'call', kind: 'task', touch_kind: 'call', subject: 'Call', offset_days: 3, offset_form: 'previous' }],
    });
    expect(playbook.statusCode).toBe(400);
    expect(playbook.json().error).toMatchObject({ field: 'steps.0.offset_form', message: '"steps.0.offset_form" is not a field of this request; did you mean "offset_from"?' });
  });

  it('is refused in the variant of a union the body is', async () => {
    const res = await t.as('sales')('POST', '/api/v1/touches/bulk', { action: 'skip', touch_ids: [accountId], until: '2099-01-01' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.field).toBe('until');
  });

  it('does not stop a body with only known fields', async () => {
    const res = await t.as('sales')('PATCH', `/api/v1/accounts/${accountId}`, { lifecycle: 'customer' });
    expect(res.statusCode).toBe(200);
    expect(await lifecycleOf()).toBe('customer');
  });
});
