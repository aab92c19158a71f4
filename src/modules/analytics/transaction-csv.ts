import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { AppError } from '../../platform/errors.ts';
import type { Transaction } from './clv/summary.ts';

const row = z.object({
  customer_id: z.string().trim().min(1, 'is empty'),
  date: z.string().trim().date('must be a date YYYY-MM-DD'),
  amount: z.string().trim().min(1, 'is empty').pipe(z.coerce.number<string>().finite('must be a number')),
});

const requiredColumns = ['customer_id', 'date', 'amount'] as const;

/** Splits one CSV line; fields may be quoted with "…", a doubled "" standing for one quote. */
function splitCsvLine(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (quoted) {
      if (char === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      fields.push(field);
      field = '';
    } else field += char;
  }
  fields.push(field);
  return fields;
}

export type TransactionLog = {
  transactions: Transaction[];
  rows: number;
  /** Rows whose amount was 0 or negative (returns, free goods): they count as purchases with no spend. */
  nonPositiveAmounts: number;
};

/**
 * Reads a transaction log with the header customer_id,date,amount (in any order, other columns
 * ignored), streaming line by line. A malformed row stops the read with its line number.
 */
export async function readTransactionCsv(path: string): Promise<TransactionLog> {
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Number.POSITIVE_INFINITY });
  const log: TransactionLog = { transactions: [], rows: 0, nonPositiveAmounts: 0 };
  let columns: number[] | null = null;
  let lineNumber = 0;
  for await (const line of lines) {
    lineNumber++;
    if (line.trim() === '') continue;
    const fields = splitCsvLine(line);
    if (!columns) {
      const header = fields.map((f) => f.trim().toLowerCase().replace(/^\uFEFF/, ''));
      columns = requiredColumns.map((name) => header.indexOf(name));
      const missing = requiredColumns.filter((_, i) => columns?.[i] === -1);
      if (missing.length) throw new AppError('invalid_input', `${path}: the header lacks ${missing.join(', ')}; expected customer_id,date,amount`, 'file');
      continue;
    }
    const [customerIndex = -1, dateIndex = -1, amountIndex = -1] = columns;
    const parsed = row.safeParse({ customer_id: fields[customerIndex] ?? '', date: fields[dateIndex] ?? '', amount: fields[amountIndex] ?? '' });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new AppError('invalid_input', `${path} line ${lineNumber}: ${issue?.path.join('.')} ${issue?.message ?? 'is invalid'}`, 'file');
    }
    const { customer_id, date, amount } = parsed.data;
    log.rows++;
    if (amount <= 0) log.nonPositiveAmounts++;
    log.transactions.push({ customerId: customer_id, date, amount: Math.max(0, amount) });
  }
  if (!columns) throw new AppError('invalid_input', `${path} is empty; expected the header customer_id,date,amount`, 'file');
  return log;
}
