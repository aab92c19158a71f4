let pinned: Date | null = null;

/** The one place that reads the wall clock; tests pin it so that "today" and "overdue" are stable. */
export function now(): Date {
  return pinned ? new Date(pinned.getTime()) : new Date();
}

export function pinClock(at: Date | string | null): void {
  pinned = at === null ? null : new Date(at);
}

export const DAY_MS = 86_400_000;

export function addDays(at: Date, days: number): Date {
  return new Date(at.getTime() + days * DAY_MS);
}
