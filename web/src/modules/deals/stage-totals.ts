import { formatMoney } from '../../ui/format.ts';
import type { Deal } from './deals.api.ts';

/** A column's value, one sum per currency: euros and dollars are never added together. */
export function totalsByCurrency(deals: Pick<Deal, 'value' | 'currency'>[]): string {
  const sums = new Map<string, number>();
  for (const deal of deals) sums.set(deal.currency, (sums.get(deal.currency) ?? 0) + deal.value);
  if (sums.size === 0) return formatMoney(0, 'EUR');
  return [...sums.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, sum]) => formatMoney(sum, currency))
    .join(' + ');
}
