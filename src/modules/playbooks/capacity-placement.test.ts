import { describe, expect, it } from 'vitest';
import { localDate } from '../../platform/working-time.ts';
import { type DayLoads, isWorkingDay, placeTask, stepWindowDays } from './capacity-placement.ts';

const person = { id: 'p1', time_zone: 'Europe/Berlin', capacity: { touches_per_day: 2, working_days: [1, 2, 3, 4, 5], work_start_hour: 9 } };
const mondayNine = new Date('2026-06-01T07:00:00Z'); // 9:00 in Berlin

const fullMonday = (): DayLoads => new Map([['p1|2026-06-01', 2]]);

describe('placing a task in a person capacity', () => {
  it('keeps a task on its day while the day has room', () => {
    expect(placeTask(new Map(), person, mondayNine, 5)).toMatchObject({ dueAt: mondayNine, flag: null });
  });

  it('moves a task with slack to the next working day with room, at the start of that day', () => {
    const loads = fullMonday();
    expect(placeTask(loads, person, mondayNine, 5)).toMatchObject({ dueAt: new Date('2026-06-02T07:00:00Z'), flag: null });
    expect(loads.get('p1|2026-06-02')).toBe(1);
  });

  it('skips days the person does not work', () => {
    const loads: DayLoads = new Map([['p1|2026-06-05', 2]]);
    const friday = new Date('2026-06-05T07:00:00Z');
    expect(placeTask(loads, person, friday, 3).dueAt).toEqual(new Date('2026-06-08T07:00:00Z'));
  });

  it('never exceeds capacity for slack tasks: after a full window it goes later and is flagged', () => {
    const loads: DayLoads = new Map([
      ['p1|2026-06-01', 2],
      ['p1|2026-06-02', 2],
    ]);
    expect(placeTask(loads, person, mondayNine, 1)).toMatchObject({ dueAt: new Date('2026-06-03T07:00:00Z'), flag: 'past_window' });
  });

  it('keeps a no-slack task on its deadline and flags it when the day is full', () => {
    const loads = fullMonday();
    expect(placeTask(loads, person, mondayNine, 0)).toEqual({ dueAt: mondayNine, flag: 'over_capacity', window: null });
    expect(loads.get('p1|2026-06-01')).toBe(3);
  });

  it('gives a card and a check-in slack by default and a call none unless its step says so', () => {
    expect(stepWindowDays({ touch_kind: 'card' })).toBe(5);
    expect(stepWindowDays({ touch_kind: 'check_in' })).toBe(10);
    expect(stepWindowDays({ touch_kind: 'call' })).toBe(0);
    expect(stepWindowDays({ touch_kind: 'call', window_days: 10 })).toBe(10);
  });
});

describe('placing a task around time away', () => {
  const away = { ...person, away: { from: '2026-06-02', until: '2026-06-04' } };

  it('lets a task with slack skip the days away, as days off', () => {
    const loads = fullMonday();
    const placed = placeTask(loads, away, mondayNine, 5);
    expect(placed.dueAt).toEqual(new Date('2026-06-05T07:00:00Z'));
    expect(placed.flag).toBeNull();
    // Monday plus five working days that are not away: Friday, then Monday to Thursday the week after.
    expect(placed.window).toEqual({ from: mondayNine, until: new Date('2026-06-11T22:00:00Z') });
  });

  it('counts only days at work against the window', () => {
    const loads: DayLoads = new Map([
      ['p1|2026-06-01', 2],
      ['p1|2026-06-05', 2],
    ]);
    expect(placeTask(loads, away, mondayNine, 1)).toMatchObject({ dueAt: new Date('2026-06-08T07:00:00Z'), flag: 'past_window' });
  });

  it('places a long queue exactly as a day-by-day walk from each wanted day would', () => {
    // The walk the placement's shortcuts must agree with: the first working day with room.
    const walk = (loads: DayLoads, wanted: Date): string => {
      for (let at = wanted.getTime(); ; at += 86_400_000) {
        const ymd = localDate(new Date(at), person.time_zone);
        if (isWorkingDay(away, ymd) && (loads.get(`p1|${ymd}`) ?? 0) < away.capacity.touches_per_day) return ymd;
      }
    };
    const away = { ...person, capacity: { ...person.capacity, touches_per_day: 3 }, away: { from: '2026-06-15', until: '2026-06-19' } };
    const placed: DayLoads = new Map();
    const walked: DayLoads = new Map();
    let seed = 7;
    const random = () => {
      seed = (seed * 48_271) % 2_147_483_647;
      return seed / 2_147_483_647;
    };
    for (let i = 0; i < 600; i++) {
      const wanted = new Date(mondayNine.getTime() + Math.floor(random() * 30) * 86_400_000);
      const expected = walk(walked, wanted);
      walked.set(`p1|${expected}`, (walked.get(`p1|${expected}`) ?? 0) + 1);
      const { dueAt } = placeTask(placed, away, wanted, 1 + Math.floor(random() * 10));
      expect(localDate(dueAt, person.time_zone)).toBe(expected);
    }
    expect(placed).toEqual(walked);
  });
});
