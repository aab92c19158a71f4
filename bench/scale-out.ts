import { formatCount, formatMs, formatTable } from './measure.ts';
import { insertRowsPerSecond, loadedRows, type PhaseName, type TargetReport } from './report.ts';
import type { NodeWork } from './server-work.ts';

// Single PostgreSQL against Citus from the same run, the work each Citus worker did, and what that
// work predicts for N worker machines (the model is explained in docs/scaling.md, "Estimating the
// gain on N machines").

const phases: { name: PhaseName; label: string }[] = [
  { name: 'load', label: 'load (whole business)' },
  { name: 'timeline', label: 'timeline, one account' },
  { name: 'myDay', label: 'My day, busiest person' },
  { name: 'scoring', label: 'nightly scoring' },
];

/** Measured wall time of one run of the phase, ms: the load and scoring run once, the reads many times (mean). */
function wallPerRun(r: TargetReport, phase: PhaseName): number {
  if (phase === 'load') return r.loadWallMs;
  if (phase === 'scoring') return r.scoring.millis;
  return r[phase].mean;
}

/** Calls the phase made: its statistics count the warm-up calls as well as the measured ones. */
const callsOf = (r: TargetReport, phase: PhaseName) => (phase === 'load' || phase === 'scoring' ? 1 : r[phase].runs + r[phase].warmUp);
const sumOf = (nodes: readonly NodeWork[], f: (n: NodeWork) => number) => nodes.reduce((s, n) => s + f(n), 0);
const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(2)}×` : '-');

/** Shards one run reaches: the plans of the two reads; the load and scoring write or read every account. */
function shardsOf(citus: TargetReport, phase: PhaseName): number {
  const c = citus.citus;
  if (!c) return 0;
  if (phase === 'timeline') return c.timeline.maxShards;
  if (phase === 'myDay') return c.myDay.maxShards;
  return c.layout.shards;
}

export type PhaseEstimate = { phase: PhaseName; shards: number; wallMs: number; workerMs: number; overheadMs: number; estimateMs: (workers: number) => number };

/**
 * Per run: W, the workers' statement time (all shards, all workers), spreads over the workers'
 * cores, but a run reaches at most `shards` of them at once; the rest of the wall time here, O, is
 * the coordinator, the network and the client, and does not shrink with more workers.
 */
export function estimatePhase(citus: TargetReport, phase: PhaseName, coresPerMachine: number): PhaseEstimate {
  const work = citus.work?.[phase] ?? [];
  const runs = callsOf(citus, phase);
  const shards = Math.max(1, shardsOf(citus, phase));
  const wallMs = wallPerRun(citus, phase);
  // A backend waiting for a core counts as active: with more connections than cores the measured
  // time exceeds what the cores could have run, which is at most cores × wall time.
  const workerMs = Math.min(sumOf(work.filter((n) => n.role === 'worker'), (n) => n.activeMs) / runs, wallMs * coresPerMachine);
  // The workers shared this machine's cores with each other, the coordinator and the client.
  const overheadMs = Math.max(0, wallMs - workerMs / Math.min(shards, coresPerMachine));
  return { phase, shards, wallMs, workerMs, overheadMs, estimateMs: (n) => overheadMs + workerMs / Math.min(shards, n * coresPerMachine) };
}

export function comparisonTable(pg: TargetReport, citus: TargetReport): string {
  const latency = (name: string, f: (r: TargetReport) => number) => [name, formatMs(f(pg)), formatMs(f(citus)), ratio(f(citus), f(pg))];
  return formatTable(
    ['single PostgreSQL vs Citus, same run', 'postgres', 'citus', 'citus ÷ postgres'],
    [
      ['load, insert rows/s (all tables)', formatCount(insertRowsPerSecond(pg)), formatCount(insertRowsPerSecond(citus)), ratio(insertRowsPerSecond(citus), insertRowsPerSecond(pg))],
      latency('load wall time, s (JS generation incl.)', (r) => r.loadWallMs / 1000),
      latency('timeline p50 ms', (r) => r.timeline.p50),
      latency('timeline p99 ms', (r) => r.timeline.p99),
      latency('My day p50 ms', (r) => r.myDay.p50),
      latency('My day p99 ms', (r) => r.myDay.p99),
      latency('nightly scoring, s', (r) => r.scoring.millis / 1000),
    ],
  );
}

/** Per phase and run: shards and workers reached, statement time and rows read per node, rows per shard. */
export function shardWorkTable(pg: TargetReport | undefined, citus: TargetReport): string {
  const c = citus.citus;
  const workers = (citus.work?.load ?? []).filter((n) => n.role === 'worker').map((n) => n.node);
  const rows = phases.map(({ name, label }) => {
    const work = citus.work?.[name] ?? [];
    const runs = callsOf(citus, name);
    const byRole = (role: NodeWork['role'], f: (n: NodeWork) => number) => sumOf(work.filter((n) => n.role === role), f) / runs;
    const perWorker = (f: (n: NodeWork) => number) => work.filter((n) => n.role === 'worker').map((n) => formatMs(f(n) / runs)).join(' / ');
    const reached = name === 'timeline' ? c?.timeline : name === 'myDay' ? c?.myDay : undefined;
    const shards = shardsOf(citus, name);
    const workerRows = name === 'load' ? byRole('worker', (n) => n.rowsWritten) : byRole('worker', (n) => n.rowsRead);
    return [
      label,
      String(runs),
      reached ? `${reached.maxShards} (${reached.multiShard}/${reached.statements} fan out)` : `${shards} (all)`,
      reached ? String(reached.workers) : String(workers.length),
      pg?.work ? formatMs(sumOf(pg.work[name], (n) => n.activeMs) / callsOf(pg, name)) : '-',
      formatMs(byRole('coordinator', (n) => n.activeMs)),
      perWorker((n) => n.activeMs),
      formatCount(workerRows),
      formatCount(workerRows / Math.max(1, shards)),
    ];
  });
  const layout = c
    ? `${c.layout.shards} shards per table on ${c.layout.shardsPerWorker.map((w) => `${w.node} (${w.shards})`).join(', ')}; rows per shard (min / median / max): ` +
      c.layout.rowsPerShard.map((t) => `${t.table} ${formatCount(t.min)} / ${formatCount(t.median)} / ${formatCount(t.max)}`).join(', ')
    : '';
  return [
    formatTable(
      ['Citus work per call', 'calls', 'shards reached', 'workers', 'postgres stmt ms', 'coordinator stmt ms', `worker stmt ms (${workers.join(' / ')})`, 'worker rows (load: written, else read)', 'rows per shard reached'],
      rows,
    ),
    layout,
    'stmt ms: time the node\'s backends spent running statements of the benchmark database (pg_stat_database.active_time); the coordinator\'s includes waiting for the workers.',
  ].join('\n');
}

/** The model of docs/scaling.md applied to each phase, for worker machines with `cores` cores like this one. */
export function estimateTable(pg: TargetReport, citus: TargetReport, cores: number, machineCounts: readonly number[] = [2, 4, 8, 16]): string {
  const rows = phases.map(({ name, label }) => {
    const e = estimatePhase(citus, name, cores);
    const single = wallPerRun(pg, name);
    const cells = machineCounts.map((n) => {
      const ms = e.estimateMs(n);
      return name === 'load' ? `${formatCount((loadedRows(citus) / ms) * 1000)} rows/s (${ratio(ms, single)})` : `${formatMs(ms)} ms (${ratio(ms, single)})`;
    });
    return [label, formatMs(single), formatMs(e.wallMs), formatMs(e.workerMs), formatMs(e.overheadMs), ...cells];
  });
  return [
    formatTable(['estimate on N workers of this size', 'postgres ms', 'citus here ms', 'W worker ms', 'O other ms', ...machineCounts.map((n) => `N = ${n} (÷ postgres)`)], rows),
    `estimate(N) = O + W / min(shards reached, N × ${cores} cores); O = citus here − W / min(shards reached, ${cores}); W = the workers' statement time, at most ${cores} × citus here; per run (load and scoring: the whole run), means not p99.`,
  ].join('\n');
}
