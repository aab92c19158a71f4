import { AsyncLocalStorage } from 'node:async_hooks';

let pinned: Date | null = null;

/** A clock that only the code inside `withClock` sees: a simulation steps it without moving anyone else's "now". */
export type SteppedClock = { at: Date };
const scoped = new AsyncLocalStorage<SteppedClock>();

/** The one place that reads the wall clock; tests pin it so that "today" and "overdue" are stable. */
export function now(): Date {
  const stepped = scoped.getStore();
  if (stepped) return new Date(stepped.at.getTime());
  return pinned ? new Date(pinned.getTime()) : new Date();
}

/** Runs `fn` with its own clock, which the caller moves by setting `clock.at`. */
export function withClock<T>(clock: SteppedClock, fn: () => Promise<T>): Promise<T> {
  return scoped.run(clock, fn);
}

/**
 * Runs `fn` as if it were `at`: a batch of playbook runs decided at different moments of a
 * simulation is written at once, each row with the moment its run was decided.
 */
export function atTime<T>(at: Date, fn: () => T): T {
  return scoped.run({ at }, fn);
}

export function pinClock(at: Date | string | null): void {
  pinned = at === null ? null : new Date(at);
}

export const DAY_MS = 86_400_000;

/**
 * Whether a moment a client says already happened (an order placed) lies more than a day ahead.
 * A day of slack: an export without a time zone is read as UTC, and shops keep local time up to
 * 14 hours ahead of it; beyond that it is a typo, and it would show as the customer's last order
 * for years.
 */
export function isBeyondTomorrow(at: Date): boolean {
  return at.getTime() > now().getTime() + DAY_MS;
}

export function addDays(at: Date, days: number): Date {
  return new Date(at.getTime() + days * DAY_MS);
}
