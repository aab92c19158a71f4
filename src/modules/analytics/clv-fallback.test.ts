import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb } from '../../../tests/helpers/test-db.ts';
import { pinClock } from '../../platform/clock.ts';
import type { DbHandle } from '../../platform/db.ts';
import { fitReport } from './runs.queries.ts';
import { insertAccountWithOrders, insertBuyingCustomers } from './analytics-test-data.ts';
import { createSeededRandom } from './clv/simulate.ts';
import { scoreAccounts } from './score-accounts.ts';

let handle: DbHandle;
const warnings: { problem: string }[] = [];
const log = { warn: (fields: { problem: string }) => warnings.push(fields) };

beforeAll(async () => {
  pinClock('2026-04-01T02:00:00Z');
  handle = await openTestDb();
  await insertBuyingCustomers(handle.db, { customers: 300, asOf: '2026-02-28', historyDays: 500, seed: 11 });
});
afterAll(async () => {
  pinClock(null);
  await handle.close();
});

describe('a CLV fit that fails', () => {
  it('keeps the last good models, says so in a plain sentence and logs the optimiser’s account', async () => {
    const { db } = handle;
    const good = await scoreAccounts(db, { asOf: '2026-03-01', log });
    expect(good.clv).toBe('fitted');
    const goodGammaGamma = (await fitReport(db, '2026-03-01')).models.find((m) => m.model === 'gammagamma');

    // Customers whose mean spend has a tail so heavy (1/u³) that the spend model's mean is infinite
    // (q ≤ 1): no CLV can be computed from a fit on this day's history.
    const random = createSeededRandom(5);
    for (let i = 0; i < 150; i++) {
      const total = Math.round(20 / (1 - random()) ** 3);
      await insertAccountWithOrders(db, `Whale ${i}`, [
        { on: '2026-03-05', total },
        { on: '2026-03-20', total },
        { on: '2026-03-28', total },
      ]);
    }
    const failed = await scoreAccounts(db, { asOf: '2026-03-31', log });
    expect(failed.clv).not.toBe('fitted');

    const report = await fitReport(db, '2026-03-31');
    expect(report.run.message).toBe('The CLV models could not be fitted to this order history, so p(alive) and CLV use the models fitted as of 2026-03-01.');
    expect(report.models).toEqual([]);
    expect(warnings.map((w) => w.problem)).toContainEqual(expect.stringMatching(/q = \d\.\d+ ≤ 1/));

    const scores = await db.selectFrom('account_scores').select(['clv', 'p_alive']).where('as_of', '=', '2026-03-31').execute();
    expect(scores.length).toBeGreaterThan(300);
    expect(scores.every((s) => s.clv !== null && s.p_alive !== null)).toBe(true);
    expect(goodGammaGamma?.params.q).toBeGreaterThan(1);
  });
});
