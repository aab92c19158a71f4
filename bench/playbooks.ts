import { sql } from 'kysely';
import { consumePlaybookEvents, pendingPlaybookEvents, runSimulation } from '../src/modules/playbooks/index.ts';
import { now } from '../src/platform/clock.ts';
import type { Db } from '../src/platform/db.ts';
import { formatCount } from './measure.ts';

export type PlaybookBenchResult = { wonDeals: number; runs: number; touches: number; seconds: number; touchesPerSecond: number };

/**
 * Wins `deals` deals at once (one deal.won event each, on customers with a contact) and times the
 * worker turning them into playbook runs: the default after-sale program plans about 7 touches
 * and queues 2 emails per customer.
 */
export async function benchPlaybookTriggers(db: Db, deals: number, log: (line: string) => void): Promise<PlaybookBenchResult> {
  await sql`
    with owner as (select id from users where role = 'sales' order by id limit 1),
    a as (insert into accounts (name, lifecycle, owner_id)
      select 'Won customer ' || g, 'customer', (select id from owner) from generate_series(1, ${deals}) g returning id, name),
    c as (insert into contacts (account_id, name, email, newsletter_consent)
      select id, name, 'buyer' || md5(id::text) || '@bench.example', true from a returning account_id)
    insert into events (account_id, type, occurred_at, payload) select account_id, 'deal.won', now(), '{}' from c`.execute(db);
  const touchesBefore = await countTouches(db);
  const links = { publicUrl: 'http://localhost:3000', secret: 'bench' };
  const started = performance.now();
  let runs = 0;
  while ((await pendingPlaybookEvents(db)) > 0) {
    runs += (await consumePlaybookEvents(db, links)).runs;
    log(`   ${formatCount(runs)} runs started (${((performance.now() - started) / 1000).toFixed(0)} s)`);
  }
  const seconds = (performance.now() - started) / 1000;
  const touches = (await countTouches(db)) - touchesBefore;
  return { wonDeals: deals, runs, touches, seconds, touchesPerSecond: touches / seconds };
}

async function countTouches(db: Db): Promise<number> {
  const row = await db.selectFrom('touches').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return row.n;
}

export type SimulationBenchResult = { days: number; touches: number; seconds: number; cpuSeconds: number };

/**
 * Times `afterclose simulate` of the current program over the last `days` days (the won deals above
 * included), report included. The CPU time of this process is given too: on a shared machine the
 * wall time mostly says how busy the others were.
 */
export async function benchSimulation(db: Db, days: number): Promise<SimulationBenchResult> {
  const to = now();
  const from = new Date(to.getTime() - days * 86_400_000);
  const started = performance.now();
  const cpu = process.cpuUsage();
  const result = await runSimulation(db, { from: from.toISOString().slice(0, 10), to: to.toISOString().slice(0, 10), silent_days: 90, emails_per_month_warning: 4, planning: 'capacity' });
  const used = process.cpuUsage(cpu);
  return { days, touches: result.current.touches, seconds: (performance.now() - started) / 1000, cpuSeconds: (used.user + used.system) / 1e6 };
}

export function simulationLine(r: SimulationBenchResult): string {
  return `Simulation of the last ${r.days} days (current program, rolled-back sandbox): ${formatCount(r.touches)} touches in ${r.seconds.toFixed(1)} s (${r.cpuSeconds.toFixed(1)} s CPU in this process)`;
}
