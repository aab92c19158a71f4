import { changedFields, recordAudit } from '../../platform/audit.ts';
import { now } from '../../platform/clock.ts';
import type { Db } from '../../platform/db.ts';
import type { LogoType } from '../../platform/db-schema.ts';
import { AppError } from '../../platform/errors.ts';
import { type EditCompanySettingsInput, maxLogoBytes } from './company.schema.ts';

/** What everyone may read: the business as customers see it. The uploaded logo is served on its own path. */
export type CompanySettings = {
  business_name: string;
  reply_to: string | null;
  default_currency: string;
  /** Where the logo is shown from (an uploaded one or a web address), or null for none. */
  logo_url: string | null;
  logo_source: 'upload' | 'url' | null;
  updated_at: Date;
};

/** The public path of an uploaded logo; the version makes a new upload bypass caches. */
export const uploadedLogoPath = '/company/logo';

export async function readCompanySettings(db: Db): Promise<CompanySettings> {
  const row = await db
    .selectFrom('company_settings')
    .select(['business_name', 'reply_to', 'default_currency', 'logo_url', 'logo_type', 'updated_at'])
    .executeTakeFirstOrThrow();
  const uploaded = row.logo_type !== null;
  return {
    business_name: row.business_name,
    reply_to: row.reply_to,
    default_currency: row.default_currency,
    logo_url: uploaded ? `${uploadedLogoPath}?v=${row.updated_at.getTime()}` : row.logo_url,
    logo_source: uploaded ? 'upload' : row.logo_url ? 'url' : null,
    updated_at: row.updated_at,
  };
}

/** The currency of an amount given without one (an order, a deal): Settings → Company. */
export async function companyCurrency(db: Db): Promise<string> {
  return (await db.selectFrom('company_settings').select('default_currency').executeTakeFirstOrThrow()).default_currency;
}

// The first bytes of each allowed type: a file must be what it says, so nothing else is ever served as an image.
const signatures: Record<LogoType, (bytes: Buffer) => boolean> = {
  'image/png': (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'image/jpeg': (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'image/gif': (b) => b.subarray(0, 4).toString('latin1') === 'GIF8',
  'image/webp': (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
};

function checkedLogo(upload: NonNullable<EditCompanySettingsInput['logo_upload']>): string {
  const bytes = Buffer.from(upload.data_base64, 'base64');
  if (bytes.length === 0 || bytes.length > maxLogoBytes) {
    throw new AppError('invalid_input', `The logo must be an image of at most ${maxLogoBytes / 1024} KB`, 'logo_upload');
  }
  if (!signatures[upload.type](bytes)) throw new AppError('invalid_input', `The logo file is not a ${upload.type.slice(6).toUpperCase()} image`, 'logo_upload');
  return bytes.toString('base64');
}

/**
 * Changes the company settings; a logo is either uploaded or a web address, so setting one clears
 * the other. Audited with the fields that changed (never the image itself).
 */
export async function editCompanySettings(db: Db, input: EditCompanySettingsInput, actorId: string): Promise<CompanySettings> {
  const logo = input.logo_upload ? { logo_type: input.logo_upload.type, logo_base64: checkedLogo(input.logo_upload) } : null;
  await db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('company_settings').select(['business_name', 'reply_to', 'default_currency', 'logo_url', 'logo_type']).forUpdate().executeTakeFirstOrThrow();
    const set = {
      ...(input.business_name !== undefined ? { business_name: input.business_name } : {}),
      ...(input.reply_to !== undefined ? { reply_to: input.reply_to } : {}),
      ...(input.default_currency !== undefined ? { default_currency: input.default_currency } : {}),
      ...(input.logo_url !== undefined ? { logo_url: input.logo_url, ...(input.logo_url ? { logo_type: null, logo_base64: null } : {}) } : {}),
      ...(input.logo_upload !== undefined ? { logo_type: logo?.logo_type ?? null, logo_base64: logo?.logo_base64 ?? null, ...(logo ? { logo_url: null } : {}) } : {}),
    };
    await trx.updateTable('company_settings').set({ ...set, updated_at: now(), updated_by: actorId }).execute();
    const { logo_base64: _image, ...after } = set;
    await recordAudit(trx, { actorId, action: 'settings.company_updated', entityType: 'settings', entityId: 'company', changes: changedFields(before, after) });
  });
  return readCompanySettings(db);
}

/** The uploaded logo's bytes and type, or null when none was uploaded. */
export async function uploadedLogo(db: Db): Promise<{ type: LogoType; bytes: Buffer } | null> {
  const row = await db.selectFrom('company_settings').select(['logo_type', 'logo_base64']).executeTakeFirstOrThrow();
  return row.logo_type && row.logo_base64 ? { type: row.logo_type, bytes: Buffer.from(row.logo_base64, 'base64') } : null;
}

/** The name and logo atop the public pages customers open from an email. */
export async function pageBrand(db: Db): Promise<{ name: string; logoUrl: string | null }> {
  const settings = await readCompanySettings(db);
  return { name: settings.business_name, logoUrl: settings.logo_url };
}

/** How the business signs emails and heads public pages; empty name: the sender and pages stay as they were. */
export type CompanyBrand = { name: string; logoUrl: string | null; replyTo: string | null };

export async function companyBrand(db: Db): Promise<CompanyBrand> {
  const settings = await readCompanySettings(db);
  return { name: settings.business_name, logoUrl: settings.logo_url, replyTo: settings.reply_to };
}
