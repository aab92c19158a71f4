const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, {
  dateStyle: 'medium',
  timeStyle: 'short',
});
const numberFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });

/**
 * The server keeps no company-wide currency; orders are stored in EUR unless they say otherwise
 * (the `orders.currency` default), so amounts that carry no currency of their own are shown as EUR.
 */
export const defaultCurrency = 'EUR';
const moneyFormats = new Map<string, Intl.NumberFormat>();
const moneyFormat = (currency: string): Intl.NumberFormat => {
  let format = moneyFormats.get(currency);
  if (!format) {
    format = new Intl.NumberFormat(undefined, { style: 'currency', currency, maximumFractionDigits: 0 });
    moneyFormats.set(currency, format);
  }
  return format;
};

const parse = (iso: string): Date | null => {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
};

export const formatDate = (iso: string): string => {
  const date = parse(iso);
  return date ? dateFormat.format(date) : iso;
};

export const formatDateTime = (iso: string): string => {
  const date = parse(iso);
  return date ? dateTimeFormat.format(date) : iso;
};

/** A count, grouped the way the reader's language groups digits. */
export const formatNumber = (value: number): string => numberFormat.format(value);

/** An amount of money with its currency symbol, in whole units: "€9,600" or "9.600 €" by language. */
export const formatMoney = (value: number, currency: string = defaultCurrency): string => moneyFormat(currency).format(value);

export const isPast = (iso: string): boolean => {
  const date = parse(iso);
  return date !== null && date.getTime() < Date.now();
};

export const humanize = (value: string): string => {
  const words = value.replace(/[_-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

export const pluralize = (count: number, one: string, many = `${one}s`): string =>
  `${count} ${count === 1 ? one : many}`;
