// Builds the per-customer calibration summary (x, t_x, T, mean repeat spend) that the purchase and
// spend models are fitted on, following the CDNOW conventions of Fader & Hardie, BTYD and
// lifetimes.

export type Transaction = { customerId: string; date: string; amount: number };

export type TimeUnit = 'day' | 'week';

/** Repeat purchases x, time of the last one t_x and age T, all from the first purchase. */
export type PurchaseHistory = { x: number; tx: number; T: number };

/** Repeat purchases x and their mean spend (0 when x = 0). */
export type SpendHistory = { x: number; monetary: number };

export type CustomerSummary = PurchaseHistory &
  SpendHistory & {
    customerId: string;
    firstPurchase: string;
    /** Purchase days after the calibration end, up to the holdout end when one is given. */
    holdoutX: number;
  };

export type CalibrationInput = {
  transactions: readonly Transaction[];
  /** Last day of the calibration period, inclusive, YYYY-MM-DD. */
  calibrationEnd: string;
  /** Last day of the holdout period, inclusive; without it every later purchase counts. */
  holdoutEnd?: string;
  unit: TimeUnit;
};

const DAYS_PER_UNIT: Record<TimeUnit, number> = { day: 1, week: 7 };
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whole days since 1970-01-01 for a YYYY-MM-DD calendar date; the date has no time zone. */
export function dayNumber(date: string): number {
  const match = DATE_PATTERN.exec(date);
  if (match) {
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const ms = Date.UTC(year, month - 1, day);
    if (new Date(ms).getUTCDate() === day && new Date(ms).getUTCMonth() === month - 1) {
      return ms / 86_400_000;
    }
  }
  throw new Error(`"${date}" is not a calendar date in the form YYYY-MM-DD.`);
}

type Days = { calibration: Map<number, number>; holdout: Set<number> };

/**
 * One row per customer whose first purchase falls on or before the calibration end (later customers
 * are not in the cohort). Purchases on the same day count as one transaction and their amounts are
 * summed; x counts purchase days after the first, t_x and T run from the first purchase day, and
 * the monetary value is the mean of the repeat purchase days only, so that it is independent of the
 * first purchase as the Gamma-Gamma model assumes. Rows keep the order of first appearance.
 */
export function summarizeCalibration(input: CalibrationInput): CustomerSummary[] {
  const calibrationEnd = dayNumber(input.calibrationEnd);
  const holdoutEnd =
    input.holdoutEnd === undefined ? Number.POSITIVE_INFINITY : dayNumber(input.holdoutEnd);
  if (holdoutEnd < calibrationEnd) {
    throw new Error('The holdout end is before the calibration end.');
  }
  const unitDays = DAYS_PER_UNIT[input.unit];
  const byCustomer = new Map<string, Days>();
  for (const { customerId, date, amount } of input.transactions) {
    if (!Number.isFinite(amount)) {
      throw new Error(`Transaction of customer "${customerId}" on ${date} has no finite amount.`);
    }
    const day = dayNumber(date);
    let days = byCustomer.get(customerId);
    if (!days) {
      days = { calibration: new Map(), holdout: new Set() };
      byCustomer.set(customerId, days);
    }
    if (day <= calibrationEnd) {
      days.calibration.set(day, (days.calibration.get(day) ?? 0) + amount);
    } else if (day <= holdoutEnd) {
      days.holdout.add(day);
    }
  }
  const rows: CustomerSummary[] = [];
  for (const [customerId, days] of byCustomer) {
    const purchaseDays = [...days.calibration.keys()].sort((p, q) => p - q);
    const firstDay = purchaseDays[0];
    const lastDay = purchaseDays[purchaseDays.length - 1];
    if (firstDay === undefined || lastDay === undefined) continue;
    let repeatSpend = 0;
    for (const day of purchaseDays.slice(1)) repeatSpend += days.calibration.get(day) ?? 0;
    const x = purchaseDays.length - 1;
    rows.push({
      customerId,
      firstPurchase: new Date(firstDay * 86_400_000).toISOString().slice(0, 10),
      x,
      tx: (lastDay - firstDay) / unitDays,
      T: (calibrationEnd - firstDay) / unitDays,
      monetary: x > 0 ? repeatSpend / x : 0,
      holdoutX: days.holdout.size,
    });
  }
  return rows;
}
