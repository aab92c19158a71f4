import type { BenchTarget } from './bench-target.ts';
import type { GenerateResult } from './generate.ts';
import { formatCount, formatMs, formatTable, type Latency } from './measure.ts';
import type { CitusLayout, NodeWork, QueryFanOut } from './server-work.ts';
import { generatedTables } from './tables.ts';

/** The phases whose database work is read per node on a server (load, then the three figures compared across targets). */
export type PhaseName = 'load' | 'timeline' | 'myDay' | 'scoring';

export type TargetReport = {
  target: BenchTarget;
  where: string;
  load: GenerateResult;
  /** Wall time of the whole load, generating rows in JS included. */
  loadWallMs: number;
  timeline: Latency;
  stalled: Latency;
  /** My day of the person with the most planned touches. */
  myDay: Latency;
  /** The nightly scoring run over every account, on the freshly loaded business. */
  scoring: { millis: number; accounts: number };
  /** What each database node did per phase; absent on PGlite, which has no statistics views. */
  work?: Record<PhaseName, NodeWork[]>;
  /** On Citus: how the shards are spread, and what one timeline and one My day reach. */
  citus?: { layout: CitusLayout; timeline: QueryFanOut; myDay: QueryFanOut };
  openDeals: number;
  stalledDeals: number;
  peakRssMb: number;
};

const perSecond = (rows: number, ms: number) => (ms > 0 ? formatCount((rows / ms) * 1000) : '-');

export const loadedRows = (r: TargetReport) => generatedTables.reduce((sum, t) => sum + r.load.rows[t], 0);
/** Rows per second of the insert statements, all tables (JS generation not counted). */
export const insertRowsPerSecond = (r: TargetReport) => (loadedRows(r) / generatedTables.reduce((sum, t) => sum + r.load.insertMillis[t], 0)) * 1000;

export function loadTable(load: GenerateResult, loadWallMs: number): string {
  const rows = generatedTables.map((table) => [
    table,
    formatCount(load.rows[table]),
    (load.insertMillis[table] / 1000).toFixed(1),
    perSecond(load.rows[table], load.insertMillis[table]),
  ]);
  const total = generatedTables.reduce((sum, t) => sum + load.rows[t], 0);
  const insertMs = generatedTables.reduce((sum, t) => sum + load.insertMillis[t], 0);
  rows.push(['all tables (insert time)', formatCount(total), (insertMs / 1000).toFixed(1), perSecond(total, insertMs)]);
  rows.push(['all tables (wall, JS generation incl.)', formatCount(total), (loadWallMs / 1000).toFixed(1), perSecond(total, loadWallMs)]);
  rows.push(['analyze', '', (load.analyzeMillis / 1000).toFixed(1), '']);
  return formatTable(['load', 'rows', 'seconds', 'rows/s'], rows);
}

export function queryTable(report: TargetReport): string {
  const row = (name: string, l: Latency) => [name, String(l.runs), formatMs(l.p50), formatMs(l.p99), formatMs(l.mean)];
  return formatTable(
    ['query', 'runs', 'p50 ms', 'p99 ms', 'mean ms'],
    [
      row('accountTimeline, first page of 50, random account', report.timeline),
      row('myDay, the busiest person', report.myDay),
      row(`listStalledDeals, first page of 50 (${formatCount(report.stalledDeals)} of ${formatCount(report.openDeals)} open deals stalled)`, report.stalled),
    ],
  );
}

/** One line per figure, one column per target, for comparing PGlite with the server at a glance. */
export function summaryTable(reports: readonly TargetReport[]): string {
  const cell = (f: (r: TargetReport) => string) => reports.map(f);
  return formatTable(
    ['summary', ...reports.map((r) => r.target)],
    [
      ['load wall time, s', ...cell((r) => (r.loadWallMs / 1000).toFixed(1))],
      ['insert rows/s, all tables', ...cell((r) => formatCount(insertRowsPerSecond(r)))],
      ['orders rows/s', ...cell((r) => perSecond(r.load.rows.orders, r.load.insertMillis.orders))],
      ['touches rows/s', ...cell((r) => perSecond(r.load.rows.touches, r.load.insertMillis.touches))],
      ['timeline p50 / p99 ms', ...cell((r) => `${formatMs(r.timeline.p50)} / ${formatMs(r.timeline.p99)}`)],
      ['My day p50 / p99 ms', ...cell((r) => `${formatMs(r.myDay.p50)} / ${formatMs(r.myDay.p99)}`)],
      ['stalled deals p50 / p99 ms', ...cell((r) => `${formatMs(r.stalled.p50)} / ${formatMs(r.stalled.p99)}`)],
      ['nightly scoring, s', ...cell((r) => (r.scoring.millis / 1000).toFixed(1))],
      ['peak RSS of this process, MB', ...cell((r) => r.peakRssMb.toFixed(0))],
    ],
  );
}
