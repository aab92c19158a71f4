import { z } from 'zod';

/**
 * A web address people open or the server calls: http or https only. zod's url() alone takes
 * `javascript:alert(1)`, which a page showing the link would run when clicked.
 */
export const webAddress = z
  .string()
  .trim()
  .max(2000)
  .url()
  .refine((u) => /^https?:\/\//i.test(u), 'must be a web address starting with http:// or https://');

// Node knows the ISO 4217 codes; an unknown one would make every amount shown in it unreadable.
const currencies = new Set(Intl.supportedValuesOf('currency'));

/** A three-letter ISO 4217 currency code Node can format amounts in (EUR, USD…). */
export const currencyCode = z
  .string()
  .trim()
  .toUpperCase()
  .refine((code) => currencies.has(code), 'must be a three-letter ISO currency code such as EUR or USD');

/** The largest price a product or an order line holds (numeric(12, 2)). */
export const maxUnitPrice = 9_999_999_999.99;
/** The largest order total (numeric(14, 2)). */
export const maxOrderTotal = 999_999_999_999.99;
/** The most items of one product on an order line: more is a typo, and an integer column ends at 2^31. */
export const maxQuantity = 1_000_000;
