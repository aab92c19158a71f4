import { useProfile } from '../modules/me/me.api.ts';

/**
 * Dates are shown in the person's own time zone from their profile, which is not always the
 * browser's (a laptop still on home time while travelling, a manager reading a rep's day), and
 * the page says which zone it used.
 */

const browserZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/** The signed-in person's time zone; the browser's own until their profile has loaded. */
export function useUserTimeZone(): string {
  const profile = useProfile();
  return profile.data?.time_zone ?? browserZone();
}

/** Date and time of an instant, in the reader's locale and the given zone. */
export function formatDateTimeInZone(iso: string, timeZone: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  return new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(at);
}

/** The words under a page heading that say which zone its times are in. */
export const timesInZone = (timeZone: string): string => `Times in ${timeZone.replaceAll('_', ' ')}`;

/** Every IANA zone the browser knows, for the profile's searchable list. */
export function knownTimeZones(): string[] {
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return zones.includes('UTC') ? zones : ['UTC', ...zones];
}
