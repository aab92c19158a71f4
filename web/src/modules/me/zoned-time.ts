/**
 * "Today" on My day is the person's own day in their profile time zone (as the server counts it),
 * which is not always the browser's zone, so dates are shown and read in that zone.
 */
function wallClock(at: Date, timeZone: string) {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (type: string) => parts.find((part) => part.type === type)?.value ?? '00';
  return {
    date: `${get('year')}-${get('month')}-${get('day')}`,
    time: `${get('hour')}:${get('minute')}`,
  };
}

const offsetMs = (at: Date, timeZone: string): number => {
  const { date, time } = wallClock(at, timeZone);
  return Date.parse(`${date}T${time}:00Z`) - Math.floor(at.getTime() / 60_000) * 60_000;
};

/** The instant of a wall-clock date and time (YYYY-MM-DD, HH:MM) in a time zone, as ISO. */
export function zonedInstant(date: string, time: string, timeZone: string): string {
  const guess = new Date(`${date}T${time}:00Z`);
  const first = new Date(guess.getTime() - offsetMs(guess, timeZone));
  return new Date(guess.getTime() - offsetMs(first, timeZone)).toISOString();
}

/** The date and time inputs' values for an instant in a time zone. */
export function zonedParts(iso: string, timeZone: string): { date: string; time: string } {
  return wallClock(new Date(iso), timeZone);
}

export function addDaysToDate(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

export function formatInZone(iso: string, timeZone: string, withDate: boolean): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(undefined, {
    timeZone,
    ...(withDate ? { weekday: 'short', day: 'numeric', month: 'short' } : {}),
    hour: '2-digit',
    minute: '2-digit',
  }).format(date);
}
