import { z } from 'zod';
import { currencyCode } from '../../platform/field-formats.ts';
import { logoTypes } from '../../platform/db-schema.ts';

/** The largest logo the database keeps: a header image, not a photo. */
export const maxLogoBytes = 200 * 1024;


export const logoUpload = z.object({
  type: z.enum(logoTypes, { message: 'The logo must be a PNG, JPEG, WebP or GIF image' }),
  data_base64: z.string().max(Math.ceil((maxLogoBytes * 4) / 3) + 4, `The logo must be at most ${maxLogoBytes / 1024} KB`).base64('The logo must be sent as base64'),
});

export const editCompanySettingsBody = z
  .object({
    business_name: z.string().trim().max(120, 'The business name must be at most 120 characters'),
    reply_to: z.string().trim().email('The reply-to address must be an email address').max(254).nullable(),
    default_currency: currencyCode,
    // Only https: the public pages are served over https, and a plain-http image would be blocked or warned about.
    logo_url: z.string().trim().url('The logo address must be a web address').max(2000).startsWith('https://', 'The logo address must start with https://').nullable(),
    logo_upload: logoUpload.nullable(),
  })
  .partial()
  .strict();

export type EditCompanySettingsInput = z.infer<typeof editCompanySettingsBody>;
