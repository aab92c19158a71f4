import { sql } from 'kysely';
import { consumePlaybookEvents, pendingPlaybookEvents, type PlanningMode, runSimulation } from '../src/modules/playbooks/index.ts';
import { now } from '../src/platform/clock.ts';
import type { Db } from '../src/platform/db.ts';
import { formatCount } from './measure.ts';

/** One pass of the worker over the same won deals, with one way of dating the tasks. */
export type PlanningPass = {
  planning: PlanningMode;
  runs: number;
  touches: number;
  seconds: number;
  touchesPerSecond: number;
  /** Tasks placed on a later local day than their step wanted (capacity only: wanted-day planning moves none). */
  moved: number;
  /** Tasks placed after their whole window was full, and no-slack tasks on a day already full. */
  pastWindow: number;
  overCapacity: number;
  /** The most tasks of this pass any one person got on one local day. */
  busiestDay: number;
};

export type PlaybookBenchResult = { wonDeals: number; owners: number; capacity: PlanningPass; wantedDay: PlanningPass; costPercent: number };

/**
 * Wins `deals` deals at once (one deal.won event each, on customers with a contact, all owned by one
 * salesperson) and times the worker turning them into playbook runs: the default after-sale program
 * plans about 7 touches and queues 2 emails per customer. One owner and a few service people get
 * hundreds of tasks wanted on the same days, so capacity binds: placement must move the slack ones.
 * The same deals are planned with capacity-aware placement (production) and on their wanted day
 * (as before decision 0025), each pass on customers of its own that are deleted after it, so both
 * start from the same planned load; `rounds` passes of each, alternated, the best throughput of each kept.
 */
export async function benchPlaybookTriggers(db: Db, deals: number, log: (line: string) => void, rounds = 2): Promise<PlaybookBenchResult> {
  // Events the business was loaded with (recent orders, deals) are planned first, untimed, so that
  // every pass plans exactly its own won deals.
  while ((await pendingPlaybookEvents(db)) > 0) await consumePlaybookEvents(db, links);
  let capacity: PlanningPass | undefined;
  let wantedDay: PlanningPass | undefined;
  for (let round = 0; round < rounds; round++) {
    for (const planning of ['capacity', 'wanted_day'] as const) {
      const pass = await planWonDeals(db, deals, planning, log);
      if (planning === 'capacity' && (!capacity || pass.touchesPerSecond > capacity.touchesPerSecond)) capacity = pass;
      if (planning === 'wanted_day' && (!wantedDay || pass.touchesPerSecond > wantedDay.touchesPerSecond)) wantedDay = pass;
    }
  }
  if (!capacity || !wantedDay) throw new Error('benchPlaybookTriggers needs at least one round');
  // What placement costs: the share of the wanted-day throughput lost with capacity on.
  const costPercent = (1 - capacity.touchesPerSecond / wantedDay.touchesPerSecond) * 100;
  return { wonDeals: deals, owners: 1, capacity, wantedDay, costPercent };
}

const wonPrefix = 'Won customer ';
const links = { publicUrl: 'http://localhost:3000', secret: 'bench' };

async function planWonDeals(db: Db, deals: number, planning: PlanningMode, log: (line: string) => void): Promise<PlanningPass> {
  await sql`
    with owner as (select id from users where role = 'sales' order by id limit 1),
    a as (insert into accounts (name, lifecycle, owner_id)
      select ${wonPrefix} || g, 'customer', (select id from owner) from generate_series(1, ${deals}) g returning id, name),
    c as (insert into contacts (account_id, name, email, newsletter_consent)
      select id, name, 'buyer' || md5(id::text) || '@bench.example', true from a returning account_id)
    insert into events (account_id, type, occurred_at, payload) select account_id, 'deal.won', now(), '{}' from c`.execute(db);
  const touchesBefore = await countTouches(db);
  const started = performance.now();
  let runs = 0;
  while ((await pendingPlaybookEvents(db)) > 0) {
    runs += (await consumePlaybookEvents(db, links, undefined, planning)).runs;
    log(`   ${planning}: ${formatCount(runs)} runs started (${((performance.now() - started) / 1000).toFixed(0)} s)`);
  }
  const seconds = (performance.now() - started) / 1000;
  const touches = (await countTouches(db)) - touchesBefore;
  const placed = await placementOfWonDeals(db);
  // The pass's customers go with their runs, touches and emails, so the next pass sees the same load.
  await db.transaction().execute(async (trx) => {
    const won = sql`(select id from accounts where starts_with(name, ${wonPrefix}))`;
    await sql`delete from messages where account_id in ${won}`.execute(trx);
    await sql`delete from events where account_id in ${won}`.execute(trx);
    await sql`delete from accounts where id in ${won}`.execute(trx);
  });
  return { planning, runs, touches, seconds, touchesPerSecond: touches / seconds, ...placed };
}

async function placementOfWonDeals(db: Db): Promise<Pick<PlanningPass, 'moved' | 'pastWindow' | 'overCapacity' | 'busiestDay'>> {
  const { rows } = await sql<{ moved: number; past_window: number; over_capacity: number; busiest_day: number }>`
    with t as (
      select t.assignee_id, t.planning_flag, (t.due_at at time zone u.time_zone)::date as day,
        (t.window_from at time zone u.time_zone)::date as wanted_day
      from touches t join users u on u.id = t.assignee_id
      where t.account_id in (select id from accounts where starts_with(name, ${wonPrefix})) and t.status = 'planned'
    )
    select count(*) filter (where day > wanted_day)::int as moved,
      count(*) filter (where planning_flag = 'past_window')::int as past_window,
      count(*) filter (where planning_flag = 'over_capacity')::int as over_capacity,
      coalesce((select max(n) from (select count(*)::int as n from t group by assignee_id, day) d), 0) as busiest_day
    from t`.execute(db);
  const r = rows[0];
  return { moved: r?.moved ?? 0, pastWindow: r?.past_window ?? 0, overCapacity: r?.over_capacity ?? 0, busiestDay: r?.busiest_day ?? 0 };
}

/** The bench's lines for the two passes and what placement costs. */
export function playbookTriggerLines(r: PlaybookBenchResult): string[] {
  const line = (label: string, p: PlanningPass) =>
    `     ${label}: ${formatCount(p.runs)} runs, ${formatCount(p.touches)} touches in ${p.seconds.toFixed(1)} s = ${p.touchesPerSecond.toFixed(0)} touches planned/s; busiest person-day ${formatCount(p.busiestDay)} tasks`;
  return [
    `   Playbooks: ${formatCount(r.wonDeals)} won deals of ${r.owners} salesperson, planned by the worker (best of the passes):`,
    `${line('capacity-aware placement (production)', r.capacity)}; ${formatCount(r.capacity.moved)} tasks moved to a later day, ${formatCount(r.capacity.pastWindow)} past their window, ${formatCount(r.capacity.overCapacity)} over capacity`,
    line('every task on its wanted day (off)', r.wantedDay),
    `     planning throughput with capacity on vs off: ${r.costPercent >= 0 ? 'costs' : 'gains'} ${Math.abs(r.costPercent).toFixed(1)} % (should cost < 20 %)`,
  ];
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
