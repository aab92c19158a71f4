import { csvLine } from '../../platform/csv.ts';
import type { Db } from '../../platform/db.ts';
import { lastTwelveMonths, type Program, simulateProgram } from './simulate.ts';
import { type ProgramReport, programDiff, programReport, readHistory } from './simulation-report.ts';
import type { SimulationInput } from './simulation.schema.ts';

// Simulated emails are rolled back with everything else: their unsubscribe links are never sent.
const sandboxLinks = { publicUrl: 'http://simulation.invalid', secret: 'simulation-sandbox-only' };

function periodOf(input: SimulationInput): { from: Date; to: Date } {
  const fallback = lastTwelveMonths();
  const from = input.from ? new Date(`${input.from}T00:00:00Z`) : fallback.from;
  // The last day is replayed whole.
  const to = input.to ? new Date(Date.parse(`${input.to}T00:00:00Z`) + 86_400_000) : fallback.to;
  return { from, to };
}

/** A line of a streamed simulation: how far the replay of one program is. */
export type SimulationProgress = { program: 'current' | 'edited'; week: number; weeks: number };

/**
 * Runs the current program, and the edited one when given, over the same history in sandboxes that
 * are always rolled back, and reports both side by side.
 */
export async function runSimulation(db: Db, input: SimulationInput, onProgress: (progress: SimulationProgress) => void = () => {}) {
  const period = periodOf(input);
  const options = { silentDays: input.silent_days, emailsPerMonthWarning: input.emails_per_month_warning };
  const started = Date.now();
  const history = await readHistory(db, period);
  const simulate = async (program: Program, name: SimulationProgress['program']) => {
    const touches = await simulateProgram(db, program, period, sandboxLinks, (week, weeks) => onProgress({ program: name, week, weeks }), input.planning);
    return programReport(touches, period, history, options);
  };
  const current = await simulate({ kind: 'current' }, 'current');
  const edited = input.edited ? await simulate({ kind: 'edited', playbooks: input.edited }, 'edited') : null;
  return {
    period: { from: period.from.toISOString(), to: period.to.toISOString() },
    silent_days: input.silent_days,
    planning: input.planning,
    current,
    edited,
    diff: edited ? programDiff(current, edited) : null,
    seconds: Math.round((Date.now() - started) / 100) / 10,
  };
}
export type SimulationResult = Awaited<ReturnType<typeof runSimulation>>;

function programRows(name: string, report: ProgramReport): string[] {
  const rows: string[] = [];
  for (const person of report.workload.people) {
    person.weeks.forEach((count, i) => {
      rows.push(csvLine([name, 'workload', person.name, report.workload.weeks[i] ?? '', count, '', '', '']));
    });
  }
  for (const f of report.forgotten) rows.push(csvLine([name, 'forgotten', f.name, '', f.longest_silence_days, f.clv, f.p_alive, f.value_at_risk]));
  for (const m of report.emails.over_warning) rows.push(csvLine([name, 'emails_over_warning', m.name, m.month, m.emails, '', '', '']));
  rows.push(csvLine([name, 'surveys_sent', '', '', report.surveys_sent, '', '', '']));
  rows.push(csvLine([name, 'recovery_calls', '', '', report.recovery_calls, '', '', '']));
  return rows;
}

/** One row per number: workload per person and week, forgotten customers (count = longest silence in days), email warnings, totals. */
export function simulationCsv(result: SimulationResult): string {
  const header = csvLine(['program', 'report', 'name', 'week_or_month', 'count', 'clv', 'p_alive', 'value_at_risk']);
  const rows = [header, ...programRows('current', result.current), ...(result.edited ? programRows('edited', result.edited) : [])];
  return rows.join('');
}
