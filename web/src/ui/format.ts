const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, {
  dateStyle: 'medium',
  timeStyle: 'short',
});
const numberFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });

/**
 * Amounts that carry no currency of their own (product prices, sums) are in the company's default
 * currency (Settings → Company). The app shell sets it once the company settings are loaded; until
 * then, EUR, the database's default.
 */
let companyCurrency = 'EUR';
export const setCompanyCurrency = (currency: string): void => {
  companyCurrency = currency;
};
const moneyFormats = new Map<string, Intl.NumberFormat>();
const moneyFormat = (currency: string, cents: boolean): Intl.NumberFormat => {
  const key = `${currency}:${cents}`;
  let format = moneyFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(undefined, { style: 'currency', currency, ...(cents ? { minimumFractionDigits: 2 } : { maximumFractionDigits: 0 }) });
    moneyFormats.set(key, format);
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

/** Money always says its currency, in the reader's own style: "€4,800", "4.800 €", "€24.50" (cents only when there are some). */
export const formatMoney = (value: number, currency: string = companyCurrency): string => moneyFormat(currency, !Number.isInteger(value)).format(value);

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


/** A day without a time (YYYY-MM-DD), shown as that calendar day whatever the browser's zone. */
export const formatDay = (day: string): string => {
  const date = new Date(`${day}T12:00:00Z`);
  return Number.isNaN(date.getTime()) ? day : new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' }).format(date);
};
