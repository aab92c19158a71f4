import { sql } from 'kysely';
import type { Db } from '../../platform/db.ts';
import type { HoldoutCheck } from '../../platform/db-schema.ts';
import { shiftDate } from './as-of.ts';
import { type BgNbdFit, bgNbdConditionalExpectedPurchases, bgNbdExpectedPurchasesIfAlive, bgNbdProbabilityAlive } from './clv/bgnbd.ts';
import { MIN_REPEAT_CUSTOMERS } from './clv/fit-report.ts';
import { discountedCustomerValue, type GammaGammaFit, gammaGammaConditionalExpectedSpend, hasRepeatSpend } from './clv/gamma-gamma.ts';
import type { PurchaseHistory, SpendHistory } from './clv/summary.ts';
import { fitBgNbdForScoring, fitGammaGammaForScoring } from './scoring-fits.ts';
import { drawnForFit } from './rfm.queries.ts';
import type { AnalyticsSettings } from './settings.service.ts';

/**
 * The models are fitted on at most this many customers, drawn by a hash of the account id so a
 * rerun draws the same ones. Beyond a few thousand customers more data no longer moves the estimates
 * much (standard errors of a few per cent), and the fit's time grows with the sample.
 */
export const FIT_SAMPLE_SIZE = 10_000;
/** The holdout check refits on the history before this window and predicts the repeat orders in it. */
export const HOLDOUT_DAYS = 90;

export type History = PurchaseHistory & SpendHistory & { holdoutX: number };
export type ClvModels = {
  bgnbd: BgNbdFit & { fitMs: number; customers: number; holdoutCheck: HoldoutCheck };
  gammagamma: GammaGammaFit & { fitMs: number };
};
/**
 * What the fit thread found. `reason` is a plain sentence for the people reading the Analytics page;
 * `problems` keeps the optimiser's own words (parameters, gradients) for the log. A fit that failed
 * (`unfit`) may fall back to the last good one; data too thin to fit (`thin`) may not.
 */
export type ClvOutcome = ({ fitted: true; models: ClvModels } | { fitted: false; cause: 'thin' | 'unfit'; reason: string }) & {
  problems: string[];
};

/**
 * The accounts the fit draws, for a share of all accounts, as a uuid[] literal. Read apart from
 * their orders: inside one statement PostgreSQL cannot tell that the draw keeps one account in a
 * hundred, and joined the orders of all of them by a parallel scan of every order (2.5 s of three
 * processes at 1M accounts, twice a run, beside the read pass) instead of reading the drawn
 * accounts' orders from the index (0.1 s).
 */
export async function drawFitSample(db: Db, share: number): Promise<string> {
  const { rows } = await sql<{ ids: string | null }>`
    select string_agg(id::text, ',') as ids from accounts where ${drawnForFit(sql.ref('id'), share)}`.execute(db);
  return `{${rows[0]?.ids ?? ''}}`;
}

/** Day-unit calibration summaries (x, t_x, T, mean repeat spend, holdout purchase days) of the drawn customers (a uuid[] literal). */
export async function sampledHistories(db: Db, calibrationEnd: string, asOf: string, sample: string): Promise<History[]> {
  const { rows } = await sql<History>`
    with days as (
      select o.account_id, (o.placed_at at time zone 'UTC')::date as day, sum(o.total) as spend
      from orders o
      where o.account_id = any(${sample}::uuid[]) and o.status <> 'cancelled' and o.placed_at < ((${asOf}::date + 1)::timestamp at time zone 'UTC')
      group by 1, 2
    ), dated as (
      select days.*, min(day) over (partition by account_id) as first_day from days
    )
    select (count(*) filter (where day <= ${calibrationEnd}::date) - 1)::int as x,
      (max(day) filter (where day <= ${calibrationEnd}::date) - min(first_day))::float8 as tx,
      (${calibrationEnd}::date - min(first_day))::float8 as "T",
      coalesce(sum(spend) filter (where day <= ${calibrationEnd}::date and day > first_day)
        / nullif(count(*) filter (where day <= ${calibrationEnd}::date) - 1, 0), 0)::float8 as monetary,
      count(*) filter (where day > ${calibrationEnd}::date)::int as "holdoutX"
    from dated group by account_id having min(first_day) <= ${calibrationEnd}::date
    order by account_id`.execute(db);
  return rows;
}

function thinDataReason(histories: readonly History[]): string | null {
  const repeaters = histories.filter((h) => h.x > 0).length;
  const spenders = histories.filter(hasRepeatSpend).length;
  if (repeaters >= MIN_REPEAT_CUSTOMERS && spenders >= MIN_REPEAT_CUSTOMERS) return null;
  return (
    `Too little order history to fit the CLV models: ${repeaters} of ${histories.length} customers ` +
    `have ordered on more than one day and ${spenders} have spent on a repeat order; at least ` +
    `${MIN_REPEAT_CUSTOMERS} of each are needed. p(alive) and CLV stay empty until then.`
  );
}

function timed<T>(run: () => T): [T, number] {
  const started = performance.now();
  return [run(), Math.round((performance.now() - started) * 10) / 10];
}

const errorMessage = (error: unknown) => (error instanceof Error ? error.message : String(error));

function checkOnHoldout(histories: readonly History[], calibrationEnd: string, problems: string[]): HoldoutCheck {
  const thin = thinDataReason(histories);
  if (thin) return { skipped: `Not enough history before ${calibrationEnd}. ${thin}` };
  let fit: BgNbdFit;
  try {
    fit = fitBgNbdForScoring(histories);
  } catch (error) {
    problems.push(`Holdout check, history before ${calibrationEnd}: ${errorMessage(error)}`);
    return { skipped: `The purchase model could not be fitted to the history before ${calibrationEnd}, so there is no holdout check this time.` };
  }
  const predicted = histories.reduce((sum, h) => sum + bgNbdConditionalExpectedPurchases(fit.params, h, HOLDOUT_DAYS), 0);
  return {
    calibration_end: calibrationEnd,
    holdout_days: HOLDOUT_DAYS,
    customers: histories.length,
    predicted_repeat_orders: Math.round(predicted * 10) / 10,
    actual_repeat_orders: histories.reduce((sum, h) => sum + h.holdoutX, 0),
  };
}

/** The outcome when the sample is too thin to fit, decided without starting the fit thread; else null. */
export function thinClvOutcome(histories: readonly History[]): ClvOutcome | null {
  const thin = thinDataReason(histories);
  return thin ? { fitted: false, cause: 'thin', reason: thin, problems: [] } : null;
}

export type FitInput = { histories: History[]; beforeHoldout: History[]; calibrationEnd: string };

/**
 * Fits BG/NBD and Gamma-Gamma (time in days) on the sampled histories, plus the holdout check: the
 * CPU-bound part of scoring, which runs in a thread of its own (fit-thread.ts). Data too thin to
 * identify the models, a fit that does not converge, or a spend model with an infinite mean (q ≤ 1)
 * come back as a reason instead of numbers.
 */
export function fitClvModelsForScoring({ histories, beforeHoldout, calibrationEnd }: FitInput): ClvOutcome {
  const thin = thinClvOutcome(histories);
  if (thin) return thin;
  const problems: string[] = [];
  const unfit = { fitted: false, cause: 'unfit', reason: 'The CLV models could not be fitted to this order history.', problems } as const;
  try {
    const [bgnbd, bgnbdMs] = timed(() => fitBgNbdForScoring(histories));
    const [gammagamma, gammagammaMs] = timed(() => fitGammaGammaForScoring(histories));
    if (!(gammagamma.params.q > 1)) {
      problems.push(`Gamma-Gamma fit has q = ${gammagamma.params.q.toFixed(3)} ≤ 1: the mean spend is not finite.`);
      return unfit;
    }
    const holdoutCheck = checkOnHoldout(beforeHoldout, calibrationEnd, problems);
    return {
      fitted: true,
      models: {
        bgnbd: { ...bgnbd, fitMs: bgnbdMs, customers: histories.length, holdoutCheck },
        gammagamma: { ...gammagamma, fitMs: gammagammaMs },
      },
      problems,
    };
  } catch (error) {
    // A fit that does not converge is a finding for the log and a reason to keep the last good fit,
    // not a reason to lose the rest of the scores.
    problems.push(errorMessage(error));
    return unfit;
  }
}

/** The sample both fits draw from: a share of all accounts, prospects included, by a hash of the id. */
export async function fitSampleShare(db: Db): Promise<number> {
  const { accounts } = await db.selectFrom('accounts').select((eb) => eb.fn.countAll<number>().as('accounts')).executeTakeFirstOrThrow();
  return FIT_SAMPLE_SIZE / Math.max(1, accounts);
}

/**
 * What the fit needs, read on its own before the read pass of all accounts: the sampled customers'
 * histories as of the date, and as they stood HOLDOUT_DAYS before it for the holdout check. Index
 * reads of a sample of the accounts, so the fit thread can run while the read pass does.
 */
export async function readFitInput(db: Db, asOf: string): Promise<FitInput> {
  const sample = await drawFitSample(db, await fitSampleShare(db));
  const calibrationEnd = shiftDate(asOf, -HOLDOUT_DAYS);
  const [histories, beforeHoldout] = await Promise.all([
    sampledHistories(db, asOf, asOf, sample),
    sampledHistories(db, calibrationEnd, asOf, sample),
  ]);
  return { histories, beforeHoldout, calibrationEnd };
}

export type CustomerValue = { p_alive: number; expected_purchases_90d: number; expected_spend: number; clv: number };
type ValuedAccount = { order_days: number; span_days: number; age_days: number; repeat_spend_mean: number };

/**
 * A run's valuation of its customers: p(alive), expected orders, spend and discounted value over
 * the horizon of one account, from its purchase days. The expected orders of a customer who is
 * still alive depend on the repeat purchases x and the age T alone, and each costs a hypergeometric
 * series per month of the horizon; at 1M accounts there are a few ten thousand (x, T) pairs among
 * 800k customers, so they are computed once per pair and multiplied by each customer's p(alive).
 */
export function createCustomerValuer(
  models: { bgnbd: Pick<ClvModels['bgnbd'], 'params'>; gammagamma: Pick<ClvModels['gammagamma'], 'params'> },
  settings: Pick<AnalyticsSettings, 'clv_horizon_months' | 'clv_monthly_discount_rate'>,
): (account: ValuedAccount) => CustomerValue {
  const params = models.bgnbd.params;
  const ifAlive = new Map<number, { next90d: number; discountedOrders: number }>();
  const ordersIfAlive = (x: number, T: number) => {
    // Day counts are whole numbers far below 2^20; any other pair is computed without the cache.
    const cacheable = Number.isInteger(T) && T >= 0 && T < 2 ** 20;
    const key = x * 2 ** 20 + T;
    const known = cacheable ? ifAlive.get(key) : undefined;
    if (known) return known;
    const computed = {
      next90d: bgNbdExpectedPurchasesIfAlive(params, { x, T }, 90),
      discountedOrders: discountedCustomerValue({
        expectedPurchases: (t) => bgNbdExpectedPurchasesIfAlive(params, { x, T }, t),
        expectedSpend: 1,
        periods: settings.clv_horizon_months,
        periodLength: 365.25 / 12,
        discountRate: settings.clv_monthly_discount_rate,
      }),
    };
    if (cacheable) ifAlive.set(key, computed);
    return computed;
  };
  return (account) => {
    const history = { x: account.order_days - 1, tx: account.span_days, T: account.age_days };
    const pAlive = bgNbdProbabilityAlive(params, history);
    const expectedSpend = gammaGammaConditionalExpectedSpend(models.gammagamma.params, { x: history.x, monetary: account.repeat_spend_mean });
    const { next90d, discountedOrders } = ordersIfAlive(history.x, history.T);
    return {
      p_alive: pAlive,
      expected_purchases_90d: next90d * pAlive,
      expected_spend: expectedSpend,
      clv: expectedSpend * discountedOrders * pAlive,
    };
  };
}
