import { z } from 'zod';
import { now } from '../platform/clock.ts';
import type { Db } from '../platform/db.ts';
import { AppError } from '../platform/errors.ts';
import { utcDate } from '../modules/analytics/index.ts';
import { fitClvModels } from '../modules/analytics/index.ts';
import { summarizeCalibration } from '../modules/analytics/index.ts';
import { fitReport } from '../modules/analytics/index.ts';
import { scoreAccounts } from '../modules/analytics/index.ts';
import type { ScoringProgress } from '../modules/analytics/index.ts';
import { readTransactionCsv } from '../modules/analytics/index.ts';

/** Where a command prints; a terminal gets a live progress bar, a pipe or log file plain lines. */
export type CommandOutput = { write(text: string): void; isTTY: boolean };

const stdout: CommandOutput = { write: (text) => process.stdout.write(text), isTTY: process.stdout.isTTY === true };

function parseOptions<T extends z.ZodType>(schema: T, options: Record<string, string | true>): z.infer<T> {
  const parsed = schema.safeParse(options);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new AppError('invalid_input', `--${issue?.path.join('.') ?? 'option'}: ${issue?.message ?? 'invalid'}`, issue?.path.join('.'));
}

const date = z.string().date('must be a date YYYY-MM-DD');
const scoreOptions = z.object({ 'as-of': date.optional(), report: z.literal(true).optional() });

/** A bar per pass on a terminal (reading every account's orders, then scoring), plain lines at every tenth elsewhere. */
function progressPrinter(output: CommandOutput): ScoringProgress {
  const lastTenth = { read: -1, scored: -1 };
  return (step, done, total) => {
    const share = total === 0 ? 1 : done / total;
    if (output.isTTY) {
      const filled = Math.round(share * 30);
      output.write(`\r${step.padEnd(6)} [${'#'.repeat(filled)}${'-'.repeat(30 - filled)}] ${Math.floor(share * 100)}% ${done}/${total} accounts`);
      if (done === total) output.write('\n');
      return;
    }
    const tenth = Math.floor(share * 10);
    if (tenth > lastTenth[step]) {
      lastTenth[step] = tenth;
      output.write(`${step} ${done} of ${total} accounts\n`);
    }
  };
}

const round = (value: number, digits = 4) => Number(value.toPrecision(digits + 2));

async function printFitReport(db: Db, asOf: string, output: CommandOutput): Promise<void> {
  const report = await fitReport(db, asOf);
  output.write(`\nFit report, run ${report.run.id} as of ${report.run.as_of}\n`);
  if (!report.clv_fitted) output.write(`CLV models not fitted: ${report.run.message}\n`);
  for (const model of report.models) {
    const params = Object.entries(model.params).map(([name, value]) => `${name} ${round(value)} (se ${round(model.standard_errors[name] ?? Number.NaN, 2)})`);
    output.write(`${model.model.padEnd(11)} ${params.join(', ')}; LL ${model.ll.toFixed(2)}; ${model.customers} customers; ${model.fit_ms} ms; time in ${model.unit}s\n`);
    const check = model.holdout_check;
    if (check && 'skipped' in check) output.write(`holdout check skipped: ${check.skipped}\n`);
    else if (check) {
      output.write(
        `holdout check: fitted to ${check.calibration_end}, predicted ${check.predicted_repeat_orders} repeat orders in the next ` +
          `${check.holdout_days} days, actual ${check.actual_repeat_orders} (${check.customers} customers)\n`,
      );
    }
  }
}

/**
 * `afterclose score [--as-of YYYY-MM-DD] [--report]`: scores every account as of the date (default
 * today, UTC) in this process, showing progress; --report then prints the model fit report.
 */
export async function scoreCommand(db: Db, options: Record<string, string | true>, output: CommandOutput = stdout): Promise<void> {
  const parsed = parseOptions(scoreOptions, options);
  const asOf = parsed['as-of'] ?? utcDate(now());
  const result = await scoreAccounts(db, { asOf, onProgress: progressPrinter(output) });
  const clv = result.clv === 'fitted' ? 'CLV models fitted' : `CLV not fitted: ${result.clv}`;
  output.write(`Scored ${result.accountsScored} accounts as of ${asOf} in ${(result.millis / 1000).toFixed(1)} s (run ${result.runId}). ${clv}\n`);
  if (parsed.report) await printFitReport(db, asOf, output);
}

const clvFitOptions = z.object({
  'calibration-end': date,
  unit: z.enum(['week', 'day']).default('week'),
  json: z.literal(true).optional(),
});

/**
 * `afterclose clv fit FILE.csv --calibration-end YYYY-MM-DD [--unit week|day] [--json]`: fits
 * BG/NBD, Pareto/NBD and Gamma-Gamma on any transaction log, so anyone can compare our fits with
 * other tools on their own data. `words` are the words after `clv`.
 */
export async function clvCommand(words: string[], options: Record<string, string | true>, output: CommandOutput = stdout): Promise<void> {
  const [sub, file] = words;
  if (sub !== 'fit' || !file) {
    throw new AppError('invalid_input', 'Usage: afterclose clv fit FILE.csv --calibration-end YYYY-MM-DD [--unit week|day] [--json]');
  }
  const parsed = parseOptions(clvFitOptions, options);
  const log = await readTransactionCsv(file);
  const summary = summarizeCalibration({ transactions: log.transactions, calibrationEnd: parsed['calibration-end'], unit: parsed.unit });
  const report = fitClvModels(summary);
  const input = { file, rows: log.rows, non_positive_amounts: log.nonPositiveAmounts, calibration_end: parsed['calibration-end'], unit: parsed.unit };
  if (parsed.json) {
    output.write(`${JSON.stringify({ ...report, input }, null, 2)}\n`);
    return;
  }
  const { bgnbd: bg, paretonbd: pn, gammagamma: gg } = report;
  output.write(
    `${report.customers} customers from ${log.rows} rows (${log.nonPositiveAmounts} with a non-positive amount, counted as purchases without spend); ` +
      `calibration to ${input.calibration_end}, time in ${parsed.unit}s\n` +
      `BG/NBD       r ${round(bg.r)}  alpha ${round(bg.alpha)}  a ${round(bg.a)}  b ${round(bg.b)}  LL ${bg.ll.toFixed(4)}  ${bg.fit_ms} ms\n` +
      `Pareto/NBD   r ${round(pn.r)}  alpha ${round(pn.alpha)}  s ${round(pn.s)}  beta ${round(pn.beta)}  LL ${pn.ll.toFixed(4)}  ${pn.fit_ms} ms\n` +
      `Gamma-Gamma  p ${round(gg.p)}  q ${round(gg.q)}  gamma ${round(gg.gamma)}  (${gg.customers} customers with repeat spend)  ${gg.fit_ms} ms\n`,
  );
}
