import ical, { type VEvent } from 'node-ical';
import { describe, expect, it } from 'vitest';
import { renderCalendar, shiftUid, summary, type FeedCalendar, type FeedShift } from './calendar-render.js';

const SCHEDULE = '11111111-1111-4111-8111-111111111111';
const ANA = '22222222-2222-4222-8222-222222222222';
const BO = '33333333-3333-4333-8333-333333333333';
const at = (iso: string) => new Date(iso).getTime();

const shift = (extra: Partial<FeedShift> = {}): FeedShift => ({
  scheduleId: SCHEDULE,
  scheduleName: 'Payments',
  timeZone: 'America/New_York',
  role: 'primary',
  userId: ANA,
  userName: 'Ana',
  start: at('2026-10-27T14:00:00Z'),
  end: at('2026-11-03T15:00:00Z'),
  ackMinutes: 5,
  ...extra,
});

const feed = (shifts: FeedShift[], extra: Partial<FeedCalendar> = {}): FeedCalendar => ({
  kind: 'schedule',
  name: 'Payments on call',
  description: 'Who is on call for Payments',
  publicUrl: 'https://operable.example.com',
  now: new Date('2026-10-20T12:00:00Z'),
  shifts,
  ...extra,
});

const text = (v: unknown) => (typeof v === 'string' ? v : (v as { val: string }).val);
const events = (ics: string) => Object.values(ical.sync.parseICS(ics)).filter((c): c is VEvent => c?.type === 'VEVENT');

describe('calendar rendering', () => {
  it('is an RFC 5545 calendar: CRLF lines of at most 75 octets, VERSION, PRODID, a name and a refresh interval', () => {
    const ics = renderCalendar(feed([shift({ scheduleName: 'P'.repeat(300) })]));
    expect(ics.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    const lines = ics.split('\r\n');
    expect(lines.every((l) => !l.includes('\n') && !l.includes('\r'))).toBe(true);
    expect(lines.filter((l) => Buffer.byteLength(l) > 75)).toEqual([]);
    expect(ics).toContain('VERSION:2.0\r\n');
    expect(ics).toMatch(/PRODID:-\/\/Operable\/\/On-call\/\/EN\r\n/);
    expect(ics).toContain('X-WR-CALNAME:Payments on call\r\n');
    expect(ics).toContain('REFRESH-INTERVAL;VALUE=DURATION:PT1H\r\n');
    const parsed = ical.sync.parseICS(ics);
    expect(parsed.vcalendar?.['WR-CALNAME' as never]).toBe('Payments on call');
  });

  it('ends every content line with CRLF, the last (END:VCALENDAR) too (RFC 5545 §3.1), and still parses', () => {
    for (const shifts of [[], [shift(), shift({ userId: BO, userName: 'Bo', start: at('2026-11-03T15:00:00Z'), end: at('2026-11-10T15:00:00Z') })]]) {
      const ics = renderCalendar(feed(shifts));
      expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
      expect(ics.split('\r\n').pop()).toBe('');
      expect(ics.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
      expect(events(ics).length).toBe(shifts.length);
      expect(ical.sync.parseICS(ics).vcalendar?.['WR-CALNAME' as never]).toBe('Payments on call');
    }
  });

  it('writes one event per shift with UTC start and end, a stable UID, summary, description and link', () => {
    const ics = renderCalendar(feed([shift(), shift({ userId: BO, userName: 'Bo', start: at('2026-11-03T15:00:00Z'), end: at('2026-11-10T15:00:00Z') })]));
    expect(ics).toContain('DTSTART:20261027T140000Z\r\n');
    expect(ics).toContain('DTEND:20261103T150000Z\r\n');
    expect(ics).not.toContain('TZID');
    const [first, second] = events(ics);
    expect(first!.uid).toBe(shiftUid('schedule', shift()));
    expect(first!.start.toISOString()).toBe('2026-10-27T14:00:00.000Z');
    expect(first!.end!.toISOString()).toBe('2026-11-03T15:00:00.000Z');
    expect(text(first!.summary)).toBe('On call: Ana (primary) — Payments');
    expect(text(second!.summary)).toBe('On call: Bo (primary) — Payments');
    expect(text(first!.url)).toBe(`https://operable.example.com/schedules/${SCHEDULE}`);
    expect(first!.transparency).toBe('TRANSPARENT');
    // The local handoff times read the same on both sides of the DST change.
    expect(text(first!.description)).toContain('Tue 27 Oct 2026 10:00 – Tue 3 Nov 2026 10:00 (America/New_York)');
    expect(text(first!.description)).toContain('Acknowledge pages within 5 min');
  });

  it('escapes commas, semicolons, backslashes and newlines so the text round-trips', () => {
    const name = 'Payments, EU; "core" \\ team\nnight';
    const ics = renderCalendar(feed([shift({ scheduleName: name, userName: 'Ana, Jr.; \\o/' })], { name: `${name} on call` }));
    expect(ics).toContain('Payments\\, EU\\; "core" \\\\ team\\nnight');
    const [event] = events(ics);
    expect(text(event!.summary)).toBe(`On call: Ana, Jr.; \\o/ (primary) — ${name}`);
    expect(text(event!.description)).toContain(`Primary on call for ${name}: Ana, Jr.; \\o/.`);
  });

  it('keeps non-ASCII names intact (UTF-8, folded between characters, not inside them)', () => {
    const name = 'Zahlungsverkehr Größe 🚨'.repeat(6);
    const [event] = events(renderCalendar(feed([shift({ scheduleName: name, userName: 'Łucja Ørsted' })])));
    expect(text(event!.summary)).toBe(`On call: Łucja Ørsted (primary) — ${name}`);
  });

  it('orders events by start and renders an empty calendar when nobody is on call', () => {
    const later = shift({ start: at('2026-12-01T15:00:00Z'), end: at('2026-12-08T15:00:00Z') });
    const starts = events(renderCalendar(feed([later, shift()]))).map((e) => e.start.toISOString());
    expect(starts).toEqual(['2026-10-27T14:00:00.000Z', '2026-12-01T15:00:00.000Z']);
    const empty = renderCalendar(feed([]));
    expect(events(empty)).toEqual([]);
    expect(empty).toContain('BEGIN:VCALENDAR');
  });

  it('names the person in a schedule feed and only the schedule in a personal feed', () => {
    expect(summary('schedule', shift({ role: 'secondary' }))).toBe('On call: Ana (secondary) — Payments');
    expect(summary('user', shift({ role: 'secondary' }))).toBe('On call (secondary) — Payments');
  });

  it('gives the same UID to the same shift and different UIDs to anything else', () => {
    const base = shift();
    expect(shiftUid('schedule', base)).toBe(shiftUid('schedule', { ...base }));
    expect(shiftUid('schedule', base)).toBe(`schedule-${SCHEDULE}-primary-${ANA}-20261027T140000Z@operable`);
    const variants = [
      shiftUid('user', base),
      shiftUid('schedule', { ...base, role: 'secondary' }),
      shiftUid('schedule', { ...base, userId: BO }),
      shiftUid('schedule', { ...base, start: base.start + 1000 }),
      shiftUid('schedule', { ...base, scheduleId: BO }),
    ];
    expect(new Set([shiftUid('schedule', base), ...variants]).size).toBe(6);
  });
});
