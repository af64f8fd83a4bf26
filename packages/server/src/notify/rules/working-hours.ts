import type { WorkingHours } from '@operable/shared';
import type { IANAZone } from 'luxon';
import { type CalendarDate, checkIsoDays, localDate, parseClockTime, wallClockInstant, zoneNamed } from '../../lib/wall-clock.js';

/**
 * Working hours decide when a low-urgency notification is released: nobody is
 * disturbed for something that can wait until they are at work.
 *
 * A span belongs to the day it starts on; `end` before `start` crosses midnight, and
 * `end` equal to `start` is a whole day (a person reachable round the clock on their
 * days, rather than never). Per SPEC §2.4 an ambiguous start takes its first
 * occurrence and an ambiguous end its last; a skipped time means the first instant
 * after the gap.
 */

interface Span {
  start: number;
  end: number;
}

/** A span ends on the local date it starts or the next, so only yesterday's can still run. */
const LOOKBACK_DAYS = 1;
/** A week always holds a span once `days` is non-empty; the slack covers DST-emptied ones. */
const LOOKAHEAD_DAYS = 15;

export function isWithinWorkingHours(hours: WorkingHours, timeZone: string, at: Date): boolean {
  return within(parse(hours, timeZone), at.getTime());
}

/**
 * The first instant at or after `at` inside working hours: `at` itself when already
 * inside, null when the person has no working days.
 */
export function nextWorkingStart(hours: WorkingHours, timeZone: string, at: Date): Date | null {
  const parsed = parse(hours, timeZone);
  const t = at.getTime();
  if (parsed.days.length === 0) return null;
  if (within(parsed, t)) return at;
  const next = spans(parsed, t, -LOOKBACK_DAYS, LOOKAHEAD_DAYS).find((s) => s.start >= t);
  return next ? new Date(next.start) : null;
}

interface Parsed {
  days: readonly number[];
  zone: IANAZone;
  startMinute: number;
  endMinute: number;
}

function parse(hours: WorkingHours, timeZone: string): Parsed {
  checkIsoDays(hours.days, 'workingHours.days');
  return {
    days: hours.days,
    zone: zoneNamed(timeZone),
    startMinute: parseClockTime(hours.start, 'workingHours.start'),
    endMinute: parseClockTime(hours.end, 'workingHours.end'),
  };
}

function within(hours: Parsed, t: number): boolean {
  return spans(hours, t, -LOOKBACK_DAYS, 0).some((s) => s.start <= t && t < s.end);
}

/** Non-empty spans starting on local dates `from`..`to` days around the date of `t`, in order. */
function spans({ days, zone, startMinute, endMinute }: Parsed, t: number, from: number, to: number): Span[] {
  const today = localDate(zone, t);
  const out: Span[] = [];
  for (let i = from; i <= to; i++) {
    const date: CalendarDate = today.plus({ days: i });
    if (!days.includes(date.weekday)) continue;
    const endDate = endMinute <= startMinute ? date.plus({ days: 1 }) : date;
    const span = {
      start: wallClockInstant(zone, date, startMinute, 'earlier'),
      end: wallClockInstant(zone, endDate, endMinute, 'later'),
    };
    // 02:10–02:40 on a spring-forward day never happens on the clock, so it is empty.
    if (span.end > span.start) out.push(span);
  }
  return out;
}
