import type { ColumnType, Generated } from 'kysely';

export const logoTypes = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'] as const;
export type LogoType = (typeof logoTypes)[number];
type DefaultedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;

/** Owned by src/modules/company. */
export type CompanyTables = {
  company_settings: {
    id: Generated<boolean>;
    business_name: Generated<string>;
    reply_to: string | null;
    default_currency: Generated<string>;
    logo_url: string | null;
    logo_type: LogoType | null;
    /** An uploaded logo, base64; served at /company/logo with its type. */
    logo_base64: string | null;
    updated_at: DefaultedTimestamp;
    updated_by: string | null;
  };
};
