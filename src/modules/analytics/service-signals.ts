import { now } from '../../platform/clock.ts';
import type { Db } from '../../platform/db.ts';
import { openIssueCounts } from '../issues/index.ts';
import { lateOrderCounts } from '../orders/index.ts';
import { lastNpsScores } from '../surveys/index.ts';
import { daysBetween, shiftDate, utcDate } from './as-of.ts';
import type { HealthInput } from './health.ts';

/** What the service, survey and orders modules say about one account, as the health factors read it. */
export type ServiceSignals = Pick<HealthInput, 'open_issues' | 'last_nps' | 'late_orders'>;

const noIssues = { open: 0, breached: 0 };
const noLateOrders = { late: 0, days_late: 0 };

/**
 * The moment an as-of date is judged at: the last instant of that UTC day, like the orders and
 * touches. An on-demand run scores today, and an SLA must not count as breached by hours that have
 * not passed yet, so it is never later than now.
 */
export function asOfMoment(asOf: string): Date {
  const endOfDay = new Date(Date.parse(`${shiftDate(asOf, 1)}T00:00:00Z`) - 1);
  const current = now();
  return endOfDay < current ? endOfDay : current;
}

/**
 * Every account's open issues, last NPS answer and late orders as of a date: one statement each for
 * the whole run. Few accounts have any, so a map of those is small, where reading them per chunk of
 * accounts cost a round trip and an index probe per account. Statuses are those of today: an issue
 * resolved after a past as-of date no longer counts as open on that date (the service module keeps
 * no status history).
 */
export async function readServiceSignals(db: Db, asOf: string): Promise<(accountId: string) => ServiceSignals> {
  const at = asOfMoment(asOf);
  const [issues, answers, late] = await Promise.all([openIssueCounts(db, at), lastNpsScores(db, at), lateOrderCounts(db, at)]);
  return (accountId) => {
    const answer = answers.get(accountId);
    return {
      open_issues: issues.get(accountId) ?? noIssues,
      last_nps: answer ? { score: answer.score, days_ago: daysBetween(utcDate(answer.answered_at), asOf) } : null,
      late_orders: late.get(accountId) ?? noLateOrders,
    };
  };
}
