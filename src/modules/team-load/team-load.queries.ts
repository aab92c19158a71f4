import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db-schema.ts';
import { dayCapacity, loadTeamWork } from './team-work.ts';

/**
 * Planned touches per person per day for four weeks, against what each person can take that day.
 * A day is over when it holds more than its capacity (any work at all on a day off or away); days
 * before today are shown but not counted as overflow, nothing can be done about them any more.
 */
export async function teamLoad(db: Kysely<Database>) {
  const { days, people } = await loadTeamWork(db);
  const rows = people.map((person) => {
    const planned = new Map<string, number>();
    const movable = new Map<string, number>();
    for (const task of person.tasks) {
      planned.set(task.day, (planned.get(task.day) ?? 0) + 1);
      if (task.window) movable.set(task.day, (movable.get(task.day) ?? 0) + 1);
    }
    const personDays = days.map((day) => {
      const capacity = dayCapacity(person, day);
      const n = planned.get(day) ?? 0;
      const past = day < person.today;
      return { day, planned: n, capacity, movable: movable.get(day) ?? 0, past, over: !past && n > capacity };
    });
    const overDays = personDays.filter((d) => d.over);
    return {
      id: person.id,
      name: person.name,
      role: person.role,
      touches_per_day: person.capacity.touches_per_day,
      working_days: person.capacity.working_days,
      work_start_hour: person.workStartHour,
      work_end_hour: person.workEndHour,
      away_from: person.away?.from ?? null,
      away_until: person.away?.until ?? null,
      days: personDays,
      over_days: overDays.length,
      over_touches: overDays.reduce((sum, d) => sum + d.planned - d.capacity, 0),
    };
  });
  return {
    days,
    people: rows,
    over_days: rows.reduce((sum, p) => sum + p.over_days, 0),
    over_touches: rows.reduce((sum, p) => sum + p.over_touches, 0),
  };
}
