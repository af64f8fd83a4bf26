import { localDate, wallClockInstant, zoneNamed } from '../lib/wall-clock.js';
import { normalize, type Interval } from './intervals.js';
import type { Role } from './oncall.js';

/**
 * Who carries the on-call load: time on call per person over [from, to), in
 * milliseconds. Pure.
 *
 * - `primary` and `secondary` each count a person once however many schedules they
 *   hold that role on at the same moment; `total` counts them once across both roles
 *   ("on-call hours … overlaps counted once", humanops-metrics.md).
 * - `total` splits into `weekday`, `weekend` and `holiday` by the local date in the
 *   person's own zone (every HumanOps metric is per person in their zone). Weekends
 *   are Saturday and Sunday. A team holiday counts as holiday even when it falls on
 *   a weekend, so the three always add up to `total`.
 */

export interface LoadSpan extends Interval {
  userId: string;
  role: Role;
}

export interface OnCallTime {
  primary: number;
  secondary: number;
  weekday: number;
  weekend: number;
  holiday: number;
  total: number;
}

export const NO_TIME: Readonly<OnCallTime> = Object.freeze({ primary: 0, secondary: 0, weekday: 0, weekend: 0, holiday: 0, total: 0 });

const SATURDAY = 6;

/**
 * @param zones each person's IANA time zone; a person without one (deleted) is read in UTC
 * @param holidays local dates `YYYY-MM-DD`
 */
export function onCallTime(
  spans: readonly LoadSpan[],
  zones: ReadonlyMap<string, string>,
  holidays: Iterable<string>,
  from: number,
  to: number,
): Map<string, OnCallTime> {
  const holidaySet = new Set(holidays);
  const byPerson = new Map<string, LoadSpan[]>();
  for (const s of spans) {
    const start = Math.max(s.start, from);
    const end = Math.min(s.end, to);
    if (end <= start) continue;
    const own = byPerson.get(s.userId) ?? [];
    own.push({ ...s, start, end });
    byPerson.set(s.userId, own);
  }
  const out = new Map<string, OnCallTime>();
  for (const [userId, own] of byPerson) {
    const all = normalize(own);
    const days = splitByDay(all, zones.get(userId) ?? 'UTC', holidaySet);
    out.set(userId, {
      primary: measure(normalize(own.filter((s) => s.role === 'primary'))),
      secondary: measure(normalize(own.filter((s) => s.role === 'secondary'))),
      ...days,
      total: measure(all),
    });
  }
  return out;
}

export function addTime(a: OnCallTime, b: OnCallTime): OnCallTime {
  return {
    primary: a.primary + b.primary,
    secondary: a.secondary + b.secondary,
    weekday: a.weekday + b.weekday,
    weekend: a.weekend + b.weekend,
    holiday: a.holiday + b.holiday,
    total: a.total + b.total,
  };
}

function measure(list: readonly Interval[]): number {
  return list.reduce((sum, i) => sum + (i.end - i.start), 0);
}

/** Walks each interval local day by local day; a local day is 23, 24 or 25 hours long. */
function splitByDay(list: readonly Interval[], zoneName: string, holidays: ReadonlySet<string>): Pick<OnCallTime, 'weekday' | 'weekend' | 'holiday'> {
  const zone = zoneNamed(zoneName);
  const out = { weekday: 0, weekend: 0, holiday: 0 };
  for (const i of list) {
    let cursor = i.start;
    let date = localDate(zone, cursor);
    while (cursor < i.end) {
      const next = date.plus({ days: 1 });
      // Midnight may be skipped by a DST change; the day then starts at the change.
      const dayEnd = Math.min(i.end, wallClockInstant(zone, next, 0, 'earlier'));
      const kind = holidays.has(date.toISODate()!) ? 'holiday' : date.weekday >= SATURDAY ? 'weekend' : 'weekday';
      out[kind] += dayEnd - cursor;
      cursor = dayEnd;
      date = next;
    }
  }
  return out;
}
