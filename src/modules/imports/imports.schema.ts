import { z } from 'zod';
import { AppError } from '../../platform/errors.ts';
import { importKinds } from '../../platform/db-schema.ts';
import { presetNames } from './presets.ts';

export const csvDelimiters = [',', ';', '\t', '|'] as const;
export type CsvDelimiter = (typeof csvDelimiters)[number];
export const csvEncodings = ['utf8', 'latin1', 'utf16le'] as const;
export type CsvEncoding = (typeof csvEncodings)[number];

/** Column mapping: our field name → the header of the column in the file that holds it. */
export const columnMapping = z.record(z.string().min(1).max(60), z.string().min(1).max(200));
export type ColumnMapping = z.infer<typeof columnMapping>;

export const importOptions = z.object({
  kind: z.enum(importKinds),
  preset: z.enum(presetNames).optional(),
  map: columnMapping.default({}),
  delimiter: z.enum(csvDelimiters).optional(),
  encoding: z.enum(csvEncodings).default('utf8'),
  /** Recent imported orders start the after-sale playbooks unless this is off (a migration of history). */
  start_playbooks: z.boolean().default(true),
  /** Orders: an unknown account_external_id becomes a new account instead of failing its rows. */
  create_customers: z.boolean().default(false),
  /** Bounds on one row, so that memory stays constant whatever the file holds (docs/imports.md). */
  max_field_bytes: z.number().int().min(64).max(256 * 1024 * 1024).optional(),
  max_columns: z.number().int().min(1).max(100_000).optional(),
});
export type ImportOptions = z.infer<typeof importOptions>;

/** `--map "email=E-mail address,name=Full name"` as the CLI and the upload form send it. */
export function parseMapOption(text: string): ColumnMapping {
  const pairs = text.split(',').map((pair) => pair.split('=').map((part) => part.trim()));
  const mapping: ColumnMapping = {};
  for (const [field, header] of pairs) {
    if (!field || !header) throw new AppError('invalid_input', 'write the mapping as field=Header pairs separated by commas', 'map');
    mapping[field] = header;
  }
  return mapping;
}

/** Rows: every row read is inserted, updated, skipped (by reason) or failed, so the four add up to rows_read. */
export type ImportCounts = { rows_read: number; inserted: number; updated: number; skipped: number; failed: number; skipped_reasons: Record<string, number> };

export type ImportProgress = ImportCounts & { bytes_read: number; bytes_total: number | null; elapsed_ms: number };
