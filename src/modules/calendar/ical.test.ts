import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { icalendar } from './ical.ts';

const event = (summary: string, description = '') => ({
  uid: 'touch-1@afterclose', start: new Date('2026-06-01T09:00:00Z'), minutes: 30, summary, description, url: null, stamp: new Date('2026-06-01T08:00:00Z'),
});

describe('iCalendar text', () => {
  it('escapes a bare CR, a bare LF and CRLF as \\n, and backslash, comma and semicolon, so a subject cannot add a property', () => {
    const summary = 'Call back\rATTENDEE:mailto:evil@example.com\nthen\r\nlater; a, b \\ c\u0007';
    const feed = icalendar('Sam, sales', [event(summary)]);
    // Every CR ends a line (CRLF), none stands alone inside one.
    expect(feed.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
    expect(feed.replaceAll('\r\n ', '')).toContain('SUMMARY:Call back\\nATTENDEE:mailto:evil@example.com\\nthen\\nlater\\; a\\, b \\\\ c\r\n');
    expect(feed).not.toMatch(/^ATTENDEE/m);
    const vevent = new ICAL.Component(ICAL.parse(feed)).getFirstSubcomponent('vevent');
    expect(vevent?.getAllProperties().map((p) => p.name)).toEqual(['uid', 'dtstamp', 'dtstart', 'dtend', 'summary', 'description']);
    expect(vevent?.getFirstPropertyValue('summary')).toBe('Call back\nATTENDEE:mailto:evil@example.com\nthen\nlater; a, b \\ c');
  });

  it('folds long lines at 75 octets without splitting a character, and a reader unfolds them', () => {
    const description = `Notes: ${'Grüße aus Köln, 😀 '.repeat(20)}`;
    const feed = icalendar('Cal', [event('Long', description)]);
    for (const line of feed.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    const vevent = new ICAL.Component(ICAL.parse(feed)).getFirstSubcomponent('vevent');
    expect(vevent?.getFirstPropertyValue('description')).toBe(description);
  });
});
