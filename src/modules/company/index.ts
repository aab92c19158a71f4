/**
 * The company behind Afterclose's emails and public pages: business name, reply-to address,
 * default currency and logo. Everyone reads them; managers and admins change them.
 */
export { registerCompanyRoutes } from './company.routes.ts';
export type { EditCompanySettingsInput } from './company.schema.ts';
export type { LogoType } from '../../platform/db-schema.ts';
export { type CompanyBrand, type CompanySettings, companyBrand, companyCurrency, pageBrand, readCompanySettings } from './company.service.ts';
