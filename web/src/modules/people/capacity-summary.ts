import type { UserView } from '../../../../src/modules/users/index.ts';
/** What a person can take on, in the words a team uses: "12 touches a day, Mon–Fri, 9:00–17:00". */
export type CapacityFields = Pick<UserView, 'touches_per_day' | 'working_days' | 'work_start_hour' | 'work_end_hour'>;

export const weekdayNames = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;
const shortNames = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

const hour = (h: number) => `${String(h).padStart(2, '0')}:00`;

/** Consecutive days read as a range (Mon–Fri), others as a list (Mon, Wed, Fri). */
function dayList(days: number[]): string {
  const sorted = [...days].sort((a, b) => a - b);
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  if (first === undefined || last === undefined) return 'no working days';
  const consecutive = sorted.length > 2 && last - first === sorted.length - 1;
  if (consecutive) return `${shortNames[first - 1]}–${shortNames[last - 1]}`;
  return sorted.map((d) => shortNames[d - 1]).join(', ');
}

export function describeCapacity(c: CapacityFields): string {
  return `${c.touches_per_day} touches a day, ${dayList(c.working_days)}, ${hour(c.work_start_hour)}–${hour(c.work_end_hour)}`;
}

export const hourChoices = Array.from({ length: 25 }, (_, h) => ({ value: h, label: hour(h) }));
