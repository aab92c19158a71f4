import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { benchPlaybookTriggers, playbookTriggerLines } from '../../../bench/playbooks.ts';
import { startTestApp, type TestApp } from '../../../tests/helpers/test-app.ts';

// The benchmark line of decision 0025 ("capacity on vs off"): the worker plans the same won deals
// with placement and with every task on its wanted day, on a business where capacity binds.
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('planning with capacity on and off', () => {
  it('plans the same runs both ways, moves tasks only with capacity on, and leaves the business as it found it', async () => {
    const accountsBefore = await t.db.selectFrom('accounts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const result = await benchPlaybookTriggers(t.db, 30, () => {}, 1);
    expect(result.capacity.runs).toBeGreaterThan(0);
    expect(result.wantedDay).toMatchObject({ runs: result.capacity.runs, touches: result.capacity.touches, moved: 0, pastWindow: 0 });
    // 30 thank-you cards wanted on one day for one salesperson (12 a day): placement spreads them.
    expect(result.wantedDay.busiestDay).toBeGreaterThanOrEqual(30);
    expect(result.capacity.moved).toBeGreaterThan(0);
    expect(result.capacity.busiestDay).toBeLessThan(result.wantedDay.busiestDay);
    expect(playbookTriggerLines(result).join('\n')).toMatch(/capacity on vs off: (costs|gains) \d+\.\d %/);
    const accountsAfter = await t.db.selectFrom('accounts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(accountsAfter.n).toBe(accountsBefore.n);
  });
});
