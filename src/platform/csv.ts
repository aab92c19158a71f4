type CsvValue = string | number | boolean | null | undefined;

/** One CSV line (RFC 4180): a field with a comma, quote or line break is quoted, quotes doubled. */
export function csvLine(fields: readonly CsvValue[]): string {
  return `${fields.map(csvField).join(',')}\r\n`;
}

// OWASP "CSV injection": a spreadsheet runs a cell as a formula when it starts with = + - @, or a
// tab or carriage return, also behind leading spaces or quotes, and some read the full-width forms
// (＝ ＋ － ＠) the same way. A plain number written as text ("-12.50") is safe and stays a number.
const formulaStart = /^[\s"']*[=+\-@\t\r\n\uFF1D\uFF0B\uFF0D\uFF20]/;
const plainNumber = /^[+-]?\d+(\.\d+)?$/;

/** A cell a spreadsheet shows as typed: a leading quote makes it text, never a formula. */
export function defuseFormula(text: string): string {
  return formulaStart.test(text) && !plainNumber.test(text) ? `'${text}` : text;
}

function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  // Numbers and booleans are ours, never a formula; every string may come from a customer.
  const text = typeof value === 'string' ? defuseFormula(value) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
