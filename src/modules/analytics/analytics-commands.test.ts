// The `afterclose score` and `afterclose clv fit` commands, called as functions (src/cli/main.ts
// only parses the words and hands them over).

import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb } from '../../../tests/helpers/test-db.ts';
import { type CommandOutput, clvCommand, scoreCommand } from '../../cli/analytics-commands.ts';
import { pinClock } from '../../platform/clock.ts';
import type { DbHandle } from '../../platform/db.ts';
import { insertAccountWithOrders } from './analytics-test-data.ts';

const dataDir = new URL('../../../../shared/data/', import.meta.url);
const dataExists = existsSync(dataDir);
if (!dataExists) console.warn(`Skipping the CDNOW "clv fit" test: ${dataDir.pathname} is absent (not in the repository).`);

const dir = mkdtempSync(join(tmpdir(), 'afterclose-clv-'));
let handle: DbHandle;
beforeAll(async () => {
  pinClock('2026-02-01T06:00:00Z');
  handle = await openTestDb();
});
afterAll(async () => {
  pinClock(null);
  rmSync(dir, { recursive: true, force: true });
  await handle.close();
});

function capture(isTTY = false): CommandOutput & { text: () => string } {
  const chunks: string[] = [];
  return { isTTY, write: (chunk) => chunks.push(chunk), text: () => chunks.join('') };
}

function writeCsv(name: string, lines: string[]): string {
  const path = join(dir, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

const relative = (actual: number, expected: number) => Math.abs(actual / expected - 1);

describe('afterclose clv fit', () => {
  it.skipIf(!dataExists)('fits the three models on the CDNOW log to the published parameters', async () => {
    // BTYD's cdnowElog has masterid,sampleid,date(YYYYMMDD),cds,sales; the command reads customer_id,date,amount.
    const elog = readFileSync(new URL('cdnowElog.csv', dataDir), 'utf8').trim().split(/\r?\n/).slice(1);
    const path = writeCsv('cdnow.csv', [
      'customer_id,date,amount',
      ...elog.map((line) => {
        const [, id, d = '', , sales] = line.split(',');
        return `${id},${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)},${sales}`;
      }),
    ]);
    const output = capture();
    await clvCommand(['fit', path], { 'calibration-end': '1997-09-30', unit: 'week', json: true }, output);
    const report = JSON.parse(output.text());
    expect(report.customers).toBe(2357);
    expect(report.input).toMatchObject({ rows: 6919, non_positive_amounts: 8 });
    // Fader, Hardie & Lee (2005) and Fader & Hardie note 025, via ../shared/data/SOURCES.md §2.
    const published = {
      bgnbd: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426, ll: -9582.4 },
      paretonbd: { r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669, ll: -9595.0 },
      gammagamma: { p: 6.25, q: 3.74, gamma: 15.44 },
    };
    for (const [model, values] of Object.entries(published)) {
      for (const [name, value] of Object.entries(values)) {
        const actual = report[model][name];
        if (name === 'll') expect(Math.abs(actual - value), `${model} ll`).toBeLessThan(0.1);
        else expect(relative(actual, value), `${model} ${name} = ${actual}`).toBeLessThan(0.01);
      }
      expect(report[model].fit_ms).toBeGreaterThan(0);
    }
    expect(report.gammagamma.customers).toBe(946);
  });

  it('refuses a log too thin to fit, and names the line of a malformed row', async () => {
    const thin = writeCsv('thin.csv', ['customer_id,date,amount', 'a,2024-01-02,10', 'a,2024-02-02,12', 'b,2024-01-05,-3']);
    await expect(clvCommand(['fit', thin], { 'calibration-end': '2024-06-30' }, capture())).rejects.toThrow(
      /Too little data to fit CLV models: 1 of 2 customers have a repeat purchase/,
    );
    const bad = writeCsv('bad.csv', ['date,amount,customer_id', '2024-01-02,10,a', '2024-13-02,1,b']);
    await expect(clvCommand(['fit', bad], { 'calibration-end': '2024-06-30' }, capture())).rejects.toThrow(/bad\.csv line 3: date must be a date YYYY-MM-DD/);
    await expect(clvCommand(['fit', thin], { 'calibration-end': 'June' }, capture())).rejects.toMatchObject({ field: 'calibration-end' });
    await expect(clvCommand(['fit'], {}, capture())).rejects.toThrow(/Usage: afterclose clv fit FILE.csv/);
  });
});

describe('afterclose score', () => {
  it('prints progress as plain lines off a terminal, and the fit report with --report', async () => {
    await insertAccountWithOrders(handle.db, 'Oak', [{ on: '2025-11-02', total: 40 }, { on: '2025-12-02', total: 60 }]);
    await insertAccountWithOrders(handle.db, 'Ash', [{ on: '2026-01-20', total: 15 }]);
    const output = capture();
    await scoreCommand(handle.db, { report: true }, output);
    const lines = output.text().split('\n');
    expect(lines[0]).toMatch(/^read \d+ of \d+ accounts$/);
    expect(lines).toContainEqual(expect.stringMatching(/^scored 2 of 2 accounts$/));
    expect(output.text()).toMatch(/Scored 2 accounts as of 2026-02-01 in [\d.]+ s \(run \d+\)\. CLV not fitted: Too little order history/);
    expect(output.text()).toMatch(/Fit report, run \d+ as of 2026-02-01\nCLV models not fitted: Too little order history/);

    const terminal = capture(true);
    await scoreCommand(handle.db, { 'as-of': '2026-01-31' }, terminal);
    expect(terminal.text()).toMatch(/^\rread {3}\[#+-*\] \d+% /);
    expect(terminal.text()).toMatch(/\rscored \[#+\] 100% 2\/2 accounts\n/);
    await expect(scoreCommand(handle.db, { 'as-of': 'yesterday' }, capture())).rejects.toMatchObject({ field: 'as-of' });
  });
});
