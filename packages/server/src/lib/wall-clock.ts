import { DateTime, IANAZone } from 'luxon';
import { invalid } from './errors.js';

/**
 * Wall-clock helpers shared by the time-zone rules (maintenance windows, working
 * hours; schedules next).
 *
 * Luxon alone resolves a skipped time (02:30 on a spring-forward day) by shifting it
 * an hour forward and an ambiguous one to the later occurrence; the product rule
 * (SPEC §2.4) is "first valid instant after the gap", "first occurrence for starts,
 * last for ends", so the resolution is done here.
 */

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** A calendar date with no zone: a Luxon DateTime at UTC midnight, so day arithmetic never meets DST. */
export type CalendarDate = DateTime;

export function zoneNamed(name: string, field = 'timeZone'): IANAZone {
  const zone = IANAZone.create(name);
  if (!zone.isValid) throw invalid([{ field, message: `Unknown IANA time zone "${name}"` }]);
  return zone;
}

/** Minutes after midnight for an `HH:MM` (24-hour) clock time. */
export function parseClockTime(text: string, field: string): number {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text);
  if (!match) throw invalid([{ field, message: 'Expected HH:MM (24-hour)' }]);
  return Number(match[1]) * 60 + Number(match[2]);
}

export function checkIsoDays(days: readonly number[], field: string): void {
  if (!days.every((d) => Number.isInteger(d) && d >= 1 && d <= 7)) {
    throw invalid([{ field, message: 'ISO weekdays are 1 (Monday) to 7 (Sunday)' }]);
  }
}

/** The local calendar date of an instant in a zone. */
export function localDate(zone: IANAZone, at: number): CalendarDate {
  const local = DateTime.fromMillis(at, { zone });
  return DateTime.utc(local.year, local.month, local.day);
}

/**
 * The instant a wall-clock time happens on a local date. An ambiguous time (fall-back)
 * resolves to its earlier or later occurrence as asked; a skipped time (spring-forward)
 * resolves to the first valid instant after the gap, i.e. the transition itself.
 */
export function wallClockInstant(zone: IANAZone, date: CalendarDate, minuteOfDay: number, prefer: 'earlier' | 'later'): number {
  return wallClockAt(zone, date.toMillis(), minuteOfDay, prefer);
}

/** `wallClockInstant` for a local date given as its UTC-midnight epoch milliseconds (no objects: hot in schedules). */
export function wallClockAt(zone: IANAZone, dayMs: number, minuteOfDay: number, prefer: 'earlier' | 'later'): number {
  return wallInstant(zone, dayMs + minuteOfDay * MINUTE, prefer);
}

/**
 * `wallClockAt` for a local date-time given as the epoch milliseconds it would be at
 * UTC (so local date-times step by plain addition, as hour rotations need).
 */
export function wallInstant(zone: IANAZone, wall: number, prefer: 'earlier' | 'later'): number {
  // Offsets a day either side include both sides of any transition near this time.
  const before = offsetAt(zone, wall - DAY);
  const middle = offsetAt(zone, wall);
  const after = offsetAt(zone, wall + DAY);
  // No transition near: one candidate, and no arrays (an hourly rotation asks every hour).
  if (before === middle && middle === after && offsetAt(zone, wall - middle * MINUTE) === middle) return wall - middle * MINUTE;
  const offsets = [...new Set([before, middle, after])];
  const candidates = offsets.map((o) => wall - o * MINUTE).sort((a, b) => a - b);
  const valid = candidates.filter((t) => offsetAt(zone, t) * MINUTE === wall - t);
  if (valid.length > 0) return prefer === 'earlier' ? valid[0]! : valid[valid.length - 1]!;

  // In a gap the earliest candidate still has the old offset and the latest the new
  // one; the transition between them is the first instant that exists after the gap.
  let lo = candidates[0]!;
  let hi = candidates[candidates.length - 1]!;
  const old = offsetAt(zone, lo);
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (offsetAt(zone, mid) === old) lo = mid;
    else hi = mid;
  }
  return hi;
}

const QUARTER_HOUR = 15 * MINUTE;
const offsetCache = new Map<string, Map<number, number>>();
const CACHE_LIMIT = 500_000;

/**
 * A zone's UTC offset in minutes at an instant, memoized per quarter hour. Asking
 * Intl for an offset costs microseconds and schedules ask thousands of times per
 * calculation; every transition in the time-zone database since 1970 falls on a
 * quarter hour of UTC, so the offset is constant within each bucket. A transition
 * found mid-bucket (older history) is never cached.
 */
export function offsetAt(zone: IANAZone, at: number): number {
  let perZone = offsetCache.get(zone.name);
  if (!perZone) offsetCache.set(zone.name, (perZone = new Map()));
  const bucket = Math.floor(at / QUARTER_HOUR);
  const cached = perZone.get(bucket);
  if (cached !== undefined) return cached;
  const start = bucket * QUARTER_HOUR;
  const offset = zone.offset(start);
  if (zone.offset(start + QUARTER_HOUR - 1) !== offset) return zone.offset(at);
  if (perZone.size >= CACHE_LIMIT) perZone.clear();
  perZone.set(bucket, offset);
  return offset;
}

/** The local date of an instant as UTC-midnight epoch milliseconds. */
export function localDayMs(zone: IANAZone, at: number): number {
  const local = at + offsetAt(zone, at) * MINUTE;
  return local - (((local % DAY) + DAY) % DAY);
}

/** ISO weekday (1 = Monday) of a UTC-midnight day. 1970-01-01 was a Thursday. */
export function isoWeekday(dayMs: number): number {
  return ((((Math.floor(dayMs / DAY) + 3) % 7) + 7) % 7) + 1;
}
