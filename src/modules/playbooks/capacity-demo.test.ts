import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drainPlaybookEvents } from '../../../tests/helpers/playbook-events.ts';
import { openTestDb } from '../../../tests/helpers/test-db.ts';
import { pinClock } from '../../platform/clock.ts';
import type { DbHandle } from '../../platform/db.ts';
import { loadDemoData } from '../demo/index.ts';
import { teamLoad } from '../team-load/index.ts';
import { scanTimeTriggers } from './index.ts';

// A first start: the demo business is loaded, then the worker reads the events and scans for silence.
const links = { publicUrl: 'http://localhost:3000', secret: 'test-secret-test-secret-test-secret' };
let handle: DbHandle;

beforeAll(async () => {
  pinClock('2026-03-02T09:00:00Z'); // a Monday
  handle = await openTestDb();
  // The demo only loads where nobody has an account yet.
  await handle.db.deleteFrom('users').execute();
  await loadDemoData(handle.db, { seed: 7, password: 'demo-password-for-tests' });
  await drainPlaybookEvents(handle.db, links);
  await scanTimeTriggers.run({ db: handle.db, links }, {});
  await drainPlaybookEvents(handle.db, links);
}, 120_000);
afterAll(async () => {
  pinClock(null);
  await handle?.close();
});

type DayLoad = { name: string; day: string; planned: number; capacity: number; over_capacity: number };

/** Playbook tasks per person per day in their own time zone, and the flagged no-slack ones among them. */
async function playbookLoadPerDay(): Promise<DayLoad[]> {
  const rows = await sql<DayLoad>`
    select u.name, (t.due_at at time zone u.time_zone)::date::text as day, count(*)::int as planned,
      u.touches_per_day as capacity, count(*) filter (where t.planning_flag = 'over_capacity')::int as over_capacity
    from touches t join users u on u.id = t.assignee_id
    where t.status = 'planned' and t.playbook_run_id is not null
    group by u.name, u.time_zone, u.touches_per_day, 2
    order by planned desc`.execute(handle.db);
  return rows.rows;
}

describe('a first start on the demo data', () => {
  it('plans attention-gap work for the demo team, spread over days', async () => {
    const loads = await playbookLoadPerDay();
    const total = loads.reduce((n, l) => n + l.planned, 0);
    expect(total).toBeGreaterThan(50);
    // The busiest days are exactly full: the rest of the work moved to later days.
    expect(loads[0]?.planned).toBe(loads[0]?.capacity);
    expect(new Set(loads.map((l) => l.day)).size).toBeGreaterThan(1);
  });

  it('gives no one more than their capacity on any day, except no-slack tasks that are flagged', async () => {
    const overloaded = (await playbookLoadPerDay()).filter((l) => l.planned - l.over_capacity > l.capacity);
    expect(overloaded).toEqual([]);
  });

  it('places slack work within its window on the demo data', async () => {
    const late = await handle.db.selectFrom('touches').select('id').where('planning_flag', '=', 'past_window').execute();
    expect(late).toEqual([]);
  });

  it('shows nobody over capacity on Team load: hand-planned work too stays within each working day', async () => {
    const load = await teamLoad(handle.db);
    const over = load.people.flatMap((p) => p.days.filter((d) => d.over).map((d) => `${p.name} ${d.day}: ${d.planned}/${d.capacity}`));
    expect(over).toEqual([]);
  });
});
