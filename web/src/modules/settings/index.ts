// Other web modules format amounts without a currency in the company's default currency.
export { type CompanySettings, useCompanySettings } from './company.api.ts';
