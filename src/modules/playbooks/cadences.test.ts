import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drainPlaybookEvents } from '../../../tests/helpers/playbook-events.ts';
import { startTestApp, type TestApp } from '../../../tests/helpers/test-app.ts';
import { addDays, pinClock } from '../../platform/clock.ts';
import { createMailTransport, sendDueMessages } from '../messages/index.ts';
import { sendDueSurveyInvites } from '../surveys/index.ts';

// Regression tests for issue 10, defect 1: the annual survey recurs, and only the contact a cadence
// is about resets it.
let t: TestApp;
const links = { publicUrl: 'http://app.test', secret: 'test-secret-for-links' };
const outboxDir = mkdtempSync(join(tmpdir(), 'afterclose-cadences-'));
const transport = createMailTransport({ outboxDir });
const wonAt = new Date('2026-04-06T08:00:00Z'); // a Monday
let accountId: string;

beforeAll(async () => {
  pinClock(wonAt);
  t = await startTestApp();
  const api = t.as('sales');
  accountId = (await api('POST', '/api/v1/accounts', { name: 'Cadence Café', owner_id: t.userIds.sales, service_owner_id: t.userIds.service })).json().id;
  await api('POST', '/api/v1/contacts', { account_id: accountId, name: 'Cleo Cadence', email: 'cleo@cadence.example' });
  const deal = (await api('POST', '/api/v1/deals', { account_id: accountId, title: 'Espresso machines', value: 9000 })).json();
  await api('POST', `/api/v1/deals/${deal.id}/win`);
  await drainPlaybookEvents(t.db, links);
});
afterAll(async () => {
  pinClock(null);
  transport.close();
  await t.close();
  rmSync(outboxDir, { recursive: true, force: true });
});

const stepTouch = (stepKey: string) =>
  t.db.selectFrom('touches').selectAll().where('account_id', '=', accountId).where('step_key', '=', stepKey).executeTakeFirstOrThrow();

describe('recurring cadences', () => {
  it('a call resets the check-in cadence but moves neither the management call nor the annual survey', async () => {
    const [checkIn, management, survey] = [await stepTouch('check_in'), await stepTouch('management_call'), await stepTouch('annual_survey')];
    expect(survey.resets_on).toEqual([]);
    pinClock(addDays(wonAt, 30));
    const call = await t.as('sales')('POST', '/api/v1/touches/log', { account_id: accountId, kind: 'call', subject: 'How are the machines?' });
    expect(call.statusCode).toBe(201);
    expect((await stepTouch('check_in')).due_at?.toISOString()).toBe(addDays(wonAt, 30 + 90).toISOString());
    expect((await stepTouch('check_in')).due_at).not.toEqual(checkIn.due_at);
    expect((await stepTouch('management_call')).due_at).toEqual(management.due_at);
    expect((await stepTouch('annual_survey')).due_at).toEqual(survey.due_at);
  });

  it('the annual survey, once mailed, is done, written on the log, and planned again a year later', async () => {
    const survey = await stepTouch('annual_survey');
    const sentAt = addDays(survey.due_at ?? wonAt, 0);
    pinClock(sentAt);
    expect(await sendDueSurveyInvites(t.db, links)).toBe(1);
    expect(await sendDueMessages(t.db, { transport, from: 'team@app.test', leaseSeconds: 60 })).toBeGreaterThan(0);
    expect(await stepTouch('annual_survey')).toMatchObject({ status: 'done', outcome: 'Email sent' });
    const completed = await t.db.selectFrom('events').select('type').where('subject_id', '=', survey.id).where('type', '=', 'touch.completed').execute();
    expect(completed).toHaveLength(1);
    const next = await stepTouch('annual_survey#2');
    expect(next).toMatchObject({ status: 'planned', kind: 'survey', recurrence_days: 365, resets_on: [] });
    expect(next.due_at?.toISOString()).toBe(addDays(sentAt, 365).toISOString());
  });
});
