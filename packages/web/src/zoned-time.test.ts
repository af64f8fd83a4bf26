import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, fromLocalInput, toLocalInput, weekdayOf, zonedInstant, zonedParts, zoneOffset } from './zoned-time';

const at = (iso: string) => Date.parse(iso);

describe('wall clock in a zone', () => {
  it('reads local parts and offsets', () => {
    expect(zonedParts(at('2025-03-11T09:00:00Z'), 'Europe/Berlin')).toMatchObject({ year: 2025, month: 3, day: 11, hour: 10, minute: 0, weekday: 2 });
    expect(zonedParts(at('2025-03-11T03:00:00Z'), 'America/New_York')).toMatchObject({ day: 10, hour: 23, weekday: 1 });
    expect(zoneOffset(at('2025-07-01T00:00:00Z'), 'Europe/Berlin')).toBe(2 * 3_600_000);
    expect(zoneOffset(at('2025-01-01T00:00:00Z'), 'Asia/Kolkata')).toBe(5.5 * 3_600_000);
  });

  it('finds the instant of a local time', () => {
    expect(zonedInstant({ year: 2025, month: 3, day: 11, hour: 10, minute: 0 }, 'Europe/Berlin')).toBe(at('2025-03-11T09:00:00Z'));
    expect(zonedInstant({ year: 2025, month: 7, day: 1, hour: 0, minute: 0 }, 'UTC')).toBe(at('2025-07-01T00:00:00Z'));
  });

  it('resolves a skipped time to the end of the gap, as the server does', () => {
    // Berlin jumps from 02:00 to 03:00 on 30 March 2025.
    expect(zonedInstant({ year: 2025, month: 3, day: 30, hour: 2, minute: 30 }, 'Europe/Berlin')).toBe(at('2025-03-30T01:00:00Z'));
  });

  it('resolves a repeated time to the occurrence asked for', () => {
    // Berlin goes back from 03:00 to 02:00 on 26 October 2025.
    const local = { year: 2025, month: 10, day: 26, hour: 2, minute: 30 };
    expect(zonedInstant(local, 'Europe/Berlin')).toBe(at('2025-10-26T00:30:00Z'));
    expect(zonedInstant(local, 'Europe/Berlin', 'later')).toBe(at('2025-10-26T01:30:00Z'));
  });

  it('does calendar arithmetic without meeting DST', () => {
    expect(addDays({ year: 2025, month: 3, day: 30 }, 3)).toEqual({ year: 2025, month: 4, day: 2 });
    expect(addDays({ year: 2024, month: 3, day: 1 }, -1)).toEqual({ year: 2024, month: 2, day: 29 });
    expect(weekdayOf({ year: 2025, month: 3, day: 16 })).toBe(7);
  });

  it('round-trips datetime-local values', () => {
    const t = at('2025-03-11T09:05:00Z');
    expect(toLocalInput(t, 'Europe/Berlin')).toBe('2025-03-11T10:05');
    expect(fromLocalInput('2025-03-11T10:05', 'Europe/Berlin')).toBe(t);
    expect(fromLocalInput('2025-03-11', 'Europe/Berlin')).toBeNull();
  });

  it('finds every instant again from its local time (property)', () => {
    const zones = ['UTC', 'Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kolkata', 'America/St_Johns'];
    const minute = fc.integer({ min: Date.UTC(2000, 0, 1) / 60_000, max: Date.UTC(2040, 0, 1) / 60_000 }).map((m) => m * 60_000);
    fc.assert(
      fc.property(minute, fc.constantFrom(...zones), (t, zone) => {
        const local = zonedParts(t, zone);
        // A repeated local time has two instants; t is one of them.
        expect([zonedInstant(local, zone, 'earlier'), zonedInstant(local, zone, 'later')]).toContain(t);
      }),
    );
  });
});
