const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, {
  dateStyle: 'medium',
  timeStyle: 'short',
});
const numberFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });

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

export const formatAmount = (value: number): string => numberFormat.format(value);

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

/** Money always says its currency, in the browser's own style: "€4,800", "€24.50" (cents only when there are some). */
export const formatMoney = (value: number, currency: string): string =>
  new Intl.NumberFormat(undefined, { style: 'currency', currency, ...(Number.isInteger(value) ? { maximumFractionDigits: 0 } : { minimumFractionDigits: 2 }) }).format(value);

/** A day without a time (YYYY-MM-DD), shown as that calendar day whatever the browser's zone. */
export const formatDay = (day: string): string => {
  const date = new Date(`${day}T12:00:00Z`);
  return Number.isNaN(date.getTime()) ? day : new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' }).format(date);
};
