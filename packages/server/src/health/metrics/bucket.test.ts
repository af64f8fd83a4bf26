import { describe, expect, it } from 'vitest';
import { bucketOf, safeZone } from './bucket.js';

const at = (iso: string) => new Date(iso);

describe('bucketOf, in the person’s own zone', () => {
  it('splits a weekday into sleep, business and off-hours at 08:00, 18:00 and 22:00 (start included)', () => {
    // Wednesday 4 November 2026, UTC
    expect(bucketOf(at('2026-11-04T07:59:59Z'), 'UTC')).toBe('sleep');
    expect(bucketOf(at('2026-11-04T08:00:00Z'), 'UTC')).toBe('business');
    expect(bucketOf(at('2026-11-04T17:59:59Z'), 'UTC')).toBe('business');
    expect(bucketOf(at('2026-11-04T18:00:00Z'), 'UTC')).toBe('off_hours');
    expect(bucketOf(at('2026-11-04T21:59:30Z'), 'UTC')).toBe('off_hours');
    expect(bucketOf(at('2026-11-04T22:00:00Z'), 'UTC')).toBe('sleep');
    expect(bucketOf(at('2026-11-04T22:00:30Z'), 'UTC')).toBe('sleep');
    expect(bucketOf(at('2026-11-04T00:00:00Z'), 'UTC')).toBe('sleep');
  });

  it('has no business hours at the weekend: Sat–Sun 08:00–22:00 is off-hours', () => {
    expect(bucketOf(at('2026-11-07T07:59:00Z'), 'UTC')).toBe('sleep'); // Saturday
    expect(bucketOf(at('2026-11-07T08:00:00Z'), 'UTC')).toBe('off_hours');
    expect(bucketOf(at('2026-11-08T12:00:00Z'), 'UTC')).toBe('off_hours'); // Sunday noon
    expect(bucketOf(at('2026-11-08T22:00:00Z'), 'UTC')).toBe('sleep');
    expect(bucketOf(at('2026-11-06T21:00:00Z'), 'UTC')).toBe('off_hours'); // Friday evening
    expect(bucketOf(at('2026-11-09T08:00:00Z'), 'UTC')).toBe('business'); // Monday morning
  });

  it('reads the instant on the person’s wall clock, not UTC', () => {
    // 14:00 UTC on a Wednesday is business in London, 23:00 in Tokyo, 06:00 in Los Angeles
    const t = at('2026-11-04T14:00:00Z');
    expect(bucketOf(t, 'Europe/London')).toBe('business');
    expect(bucketOf(t, 'Asia/Tokyo')).toBe('sleep');
    expect(bucketOf(t, 'America/Los_Angeles')).toBe('sleep');
    // +05:30: 16:30 UTC is 22:00 in Kolkata
    expect(bucketOf(at('2026-11-04T16:29:59Z'), 'Asia/Kolkata')).toBe('off_hours');
    expect(bucketOf(at('2026-11-04T16:30:00Z'), 'Asia/Kolkata')).toBe('sleep');
    // A Monday 01:00 UTC is still Sunday evening in New York: weekend off-hours
    expect(bucketOf(at('2026-11-09T01:00:00Z'), 'America/New_York')).toBe('off_hours');
  });

  it('moves with DST: Cairo falls back at midnight Thursday 29 October 2026, mid-week', () => {
    // Tuesday 27 Oct, UTC+3: 21:59:30 local is 18:59:30Z, 22:00:30 local is 19:00:30Z
    expect(bucketOf(at('2026-10-27T18:59:30Z'), 'Africa/Cairo')).toBe('off_hours');
    expect(bucketOf(at('2026-10-27T19:00:30Z'), 'Africa/Cairo')).toBe('sleep');
    // Friday 30 Oct, UTC+2: the same local minutes are an hour later in UTC
    expect(bucketOf(at('2026-10-30T19:59:30Z'), 'Africa/Cairo')).toBe('off_hours');
    expect(bucketOf(at('2026-10-30T20:00:30Z'), 'Africa/Cairo')).toBe('sleep');
    // …so 19:00:30Z, sleep on Tuesday, is 21:00:30 local on Friday: off-hours
    expect(bucketOf(at('2026-10-30T19:00:30Z'), 'Africa/Cairo')).toBe('off_hours');
    // 08:00 local on Thursday (UTC+3) and on Friday (UTC+2)
    expect(bucketOf(at('2026-10-29T05:00:00Z'), 'Africa/Cairo')).toBe('business');
    expect(bucketOf(at('2026-10-30T05:30:00Z'), 'Africa/Cairo')).toBe('sleep'); // 07:30 local
    expect(bucketOf(at('2026-10-30T06:00:00Z'), 'Africa/Cairo')).toBe('business');
  });

  it('keeps 22:00 across a spring-forward night (Berlin, 29 March 2026)', () => {
    expect(bucketOf(at('2026-03-27T20:59:30Z'), 'Europe/Berlin')).toBe('off_hours'); // Fri 21:59:30 CET
    expect(bucketOf(at('2026-03-27T21:00:30Z'), 'Europe/Berlin')).toBe('sleep'); // Fri 22:00:30 CET
    expect(bucketOf(at('2026-03-30T19:59:30Z'), 'Europe/Berlin')).toBe('off_hours'); // Mon 21:59:30 CEST
    expect(bucketOf(at('2026-03-30T20:00:30Z'), 'Europe/Berlin')).toBe('sleep'); // Mon 22:00:30 CEST
  });

  it('reads an unknown zone as UTC instead of failing a report', () => {
    expect(safeZone('Mars/Olympus')).toBe('UTC');
    expect(safeZone('')).toBe('UTC');
    expect(bucketOf(at('2026-11-04T12:00:00Z'), 'Mars/Olympus')).toBe('business');
  });
});
