import { createReadStream, createWriteStream, statSync } from 'node:fs';
import { once } from 'node:events';
import { z } from 'zod';
import { exportCsv } from '../modules/exports/index.ts';
import { exportListNames } from '../modules/exports/index.ts';
import { failedRowsCsv } from '../modules/imports/index.ts';
import { csvDelimiters, csvEncodings, type ImportProgress, importOptions, parseMapOption } from '../modules/imports/index.ts';
import { presetNames } from '../modules/imports/index.ts';
import { runImport } from '../modules/imports/index.ts';
import type { Db } from '../platform/db.ts';
import { importKinds } from '../platform/db-schema.ts';
import { AppError } from '../platform/errors.ts';
import type { CommandOutput } from './analytics-commands.ts';

const stdout: CommandOutput = { write: (text) => process.stdout.write(text), isTTY: process.stdout.isTTY === true };

const importArgs = z.object({
  kind: z.enum(importKinds, { message: `name what to import: ${importKinds.join(', ')}` }),
  file: z.string({ message: 'name the CSV file' }).min(1),
  preset: z.enum(presetNames).optional(),
  map: z.string().optional(),
  // "tab" because a literal tab is awkward to type in a shell.
  delimiter: z.enum([...csvDelimiters, 'tab']).optional(),
  encoding: z.enum(csvEncodings).default('utf8'),
  'allow-errors': z.literal(true).optional(),
  'no-playbooks': z.literal(true).optional(),
  'create-customers': z.literal(true).optional(),
  'max-field-bytes': z.coerce.number().int().optional(),
  'max-columns': z.coerce.number().int().optional(),
  failed: z.string().optional(),
});

function parseOptions<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new AppError('invalid_input', `${issue?.path.join('.') ?? 'option'}: ${issue?.message ?? 'invalid'}`, issue?.path.join('.'));
}

const count = new Intl.NumberFormat('en-US');
const clock = (seconds: number) => `${Math.floor(seconds / 60)}:${String(Math.round(seconds % 60)).padStart(2, '0')}`;

/** A progress bar with rows/s and an ETA on a terminal; a plain line every 5 seconds otherwise. */
export function importProgressPrinter(output: CommandOutput) {
  let lastLine = 0;
  return (p: ImportProgress) => {
    const seconds = p.elapsed_ms / 1000;
    const rate = seconds > 0 ? p.rows_read / seconds : 0;
    const share = p.bytes_total ? Math.min(1, p.bytes_read / p.bytes_total) : 0;
    const eta = share > 0 ? clock((seconds / share) * (1 - share)) : '?';
    const summary = `${count.format(p.rows_read)} rows, ${count.format(Math.round(rate))} rows/s, ${count.format(p.failed)} failed`;
    if (output.isTTY) {
      const filled = Math.round(share * 30);
      output.write(`\r[${'#'.repeat(filled)}${'-'.repeat(30 - filled)}] ${Math.floor(share * 100)}% ${summary}, ETA ${eta}  `);
    } else if (p.elapsed_ms - lastLine >= 5000) {
      lastLine = p.elapsed_ms;
      output.write(`${Math.floor(share * 100)}% ${summary}, ETA ${eta}\n`);
    }
  };
}

/**
 * `afterclose import accounts|contacts|products|orders FILE.csv [--preset P] [--map "field=Header,…"]
 * [--delimiter ,|;|tab||] [--encoding utf8|latin1|utf16le] [--allow-errors] [--no-playbooks] [--create-customers]
 * [--max-field-bytes N] [--max-columns N] [--failed FILE]`.
 * Returns the exit code: 1 when any row failed, unless --allow-errors.
 */
export async function importCommand(db: Db, words: string[], options: Record<string, string | true>, output: CommandOutput = stdout): Promise<number> {
  const args = parseOptions(importArgs, { ...options, kind: words[0], file: words[1] });
  const size = statSync(args.file, { throwIfNoEntry: false })?.size;
  if (size === undefined) throw new AppError('invalid_input', `No file ${args.file}`, 'file');
  const report = await runImport(db, {
    source: createReadStream(args.file),
    fileName: args.file,
    bytesTotal: size,
    options: parseOptions(importOptions, {
      kind: args.kind,
      preset: args.preset,
      map: args.map ? parseMapOption(args.map) : {},
      delimiter: args.delimiter === 'tab' ? '\t' : args.delimiter,
      encoding: args.encoding,
      start_playbooks: !args['no-playbooks'],
      create_customers: args['create-customers'] === true,
      max_field_bytes: args['max-field-bytes'],
      max_columns: args['max-columns'],
    }),
    startedBy: null,
    onProgress: importProgressPrinter(output),
  });
  if (output.isTTY) output.write('\n');
  const rate = Math.round(report.rows_read / Math.max(report.millis / 1000, 0.001));
  output.write(
    `Imported ${args.kind} from ${args.file} in ${(report.millis / 1000).toFixed(1)} s (${count.format(rate)} rows/s): ` +
      `${count.format(report.inserted)} inserted, ${count.format(report.updated)} updated, ${count.format(report.skipped)} skipped, ${count.format(report.failed)} failed\n`,
  );
  const reasons = Object.entries(report.skipped_reasons).sort(([a], [b]) => a.localeCompare(b));
  if (reasons.length > 0) output.write(`Skipped rows: ${reasons.map(([reason, n]) => `${count.format(n)} ${reason}`).join(', ')}\n`);
  if (report.failed > 0) {
    const path = args.failed ?? `${args.file.replace(/\.csv$/i, '')}.failed.csv`;
    await writeLines(path, failedRowsCsv(db, report.id));
    output.write(`Failed rows with the reason for each: ${path}\n`);
  }
  return report.failed > 0 && !args['allow-errors'] ? 1 : 0;
}

async function writeLines(path: string, lines: AsyncIterable<string>): Promise<void> {
  const file = createWriteStream(path);
  for await (const line of lines) if (!file.write(line)) await once(file, 'drain');
  file.end();
  await once(file, 'finish');
}

const exportArgs = z.object({ list: z.enum(exportListNames, { message: `name a list: ${exportListNames.join(', ')}` }), out: z.string().optional() });

/** `afterclose export accounts|touches|scores [--out FILE]`: the list as CSV, to stdout by default. */
export async function exportCommand(db: Db, words: string[], options: Record<string, string | true>): Promise<void> {
  const args = parseOptions(exportArgs, { ...options, list: words[0] });
  if (args.out) await writeLines(args.out, exportCsv(db, args.list, {}));
  else for await (const chunk of exportCsv(db, args.list, {})) if (!process.stdout.write(chunk)) await once(process.stdout, 'drain');
}
