import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { Db } from '../platform/db.ts';
import { AppError } from '../platform/errors.ts';
import { runSimulation, simulationBody, simulationCsv } from '../modules/playbooks/index.ts';

const simulateOptions = z.object({
  from: z.string().optional(),
  to: z.string().optional(),
  'silent-days': z.coerce.number().optional(),
  'emails-warning': z.coerce.number().optional(),
  program: z.string().optional(),
  planning: z.enum(['capacity', 'wanted_day']).optional(),
  csv: z.literal(true).optional(),
});

/** The edited program from a JSON file: a list of playbooks as the API takes them (or `{ "items": [...] }` as it lists them). */
function readProgram(file: string): unknown {
  const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
  return typeof parsed === 'object' && parsed !== null && 'items' in parsed ? parsed.items : parsed;
}

/** `afterclose simulate`: the same sandbox replay as the Simulate page, printed as JSON or CSV. */
export async function simulateCommand(db: Db, options: Record<string, string | true>): Promise<void> {
  const opts = simulateOptions.safeParse(options);
  if (!opts.success) throw new AppError('invalid_input', `--${opts.error.issues[0]?.path.join('.')}: ${opts.error.issues[0]?.message}`);
  const o = opts.data;
  const input = simulationBody.safeParse({
    from: o.from,
    to: o.to,
    silent_days: o['silent-days'],
    emails_per_month_warning: o['emails-warning'],
    edited: o.program ? readProgram(o.program) : undefined,
    planning: o.planning,
  });
  if (!input.success) {
    const issue = input.error.issues[0];
    throw new AppError('invalid_input', `${issue?.path.join('.') ?? 'option'}: ${issue?.message ?? 'invalid'}`);
  }
  const result = await runSimulation(db, input.data);
  process.stdout.write(o.csv ? simulationCsv(result) : `${JSON.stringify(result, null, 2)}\n`);
}
