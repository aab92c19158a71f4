import { describe, expect, it } from 'vitest';
import { createCustomerValuer } from './clv-scoring.ts';
import { bgNbdConditionalExpectedPurchases, bgNbdProbabilityAlive } from './clv/bgnbd.ts';
import { discountedCustomerValue, gammaGammaConditionalExpectedSpend } from './clv/gamma-gamma.ts';

// CDNOW's published estimates (days would scale α; the formulas do not care about the unit).
const models = {
  bgnbd: { params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } },
  gammagamma: { params: { p: 6.25, q: 3.74, gamma: 15.44 } },
};
const settings = { clv_horizon_months: 12, clv_monthly_discount_rate: 0.01 };

/** The valuation of one customer written out from the model functions, without sharing anything. */
function valueDirectly(account: { order_days: number; span_days: number; age_days: number; repeat_spend_mean: number }) {
  const history = { x: account.order_days - 1, tx: account.span_days, T: account.age_days };
  const expectedSpend = gammaGammaConditionalExpectedSpend(models.gammagamma.params, { x: history.x, monetary: account.repeat_spend_mean });
  return {
    p_alive: bgNbdProbabilityAlive(models.bgnbd.params, history),
    expected_purchases_90d: bgNbdConditionalExpectedPurchases(models.bgnbd.params, history, 90),
    expected_spend: expectedSpend,
    clv: discountedCustomerValue({
      expectedPurchases: (t) => bgNbdConditionalExpectedPurchases(models.bgnbd.params, history, t),
      expectedSpend,
      periods: settings.clv_horizon_months,
      periodLength: 365.25 / 12,
      discountRate: settings.clv_monthly_discount_rate,
    }),
  };
}

describe('the valuation of a scoring run', () => {
  it('values customers who share repeat purchases and age but not their last purchase as the formulas do', () => {
    const value = createCustomerValuer(models, settings);
    const lapsed = { order_days: 3, span_days: 30, age_days: 400, repeat_spend_mean: 25 };
    // Same (x, T) as the lapsed one, another t_x and spend: p(alive) and spend differ, the pair's series not.
    const recent = { order_days: 3, span_days: 390, age_days: 400, repeat_spend_mean: 80 };
    const accounts = [
      { order_days: 1, span_days: 0, age_days: 40, repeat_spend_mean: 0 },
      lapsed,
      recent,
      { order_days: 27, span_days: 700, age_days: 730, repeat_spend_mean: 12.5 },
      // A fractional age is valued without the cache.
      { order_days: 2, span_days: 10.5, age_days: 20.25, repeat_spend_mean: 40 },
    ];
    for (const account of accounts) {
      const valued = value(account);
      const direct = valueDirectly(account);
      for (const field of ['p_alive', 'expected_purchases_90d', 'expected_spend', 'clv'] as const) {
        expect(valued[field]).toBeCloseTo(direct[field], 10);
      }
    }
    expect(value(lapsed).clv).toBeLessThan(value(recent).clv);
  });
});
