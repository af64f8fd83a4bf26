import { MAX_MAINTENANCE_MINUTES } from '@operable/shared';
import type { IANAZone } from 'luxon';
import { invalid } from '../../lib/errors.js';
import { type CalendarDate, checkIsoDays, localDate, parseClockTime, wallClockInstant, zoneNamed } from '../../lib/wall-clock.js';

/**
 * Maintenance windows suppress paging but keep the record: alerts still open, dedup
 * and appear in the log; nobody is woken for a deploy everyone knew about.
 */

export type MaintenanceScope = readonly string[] | 'all';

export interface OnceMaintenance {
  id: string;
  serviceIds: MaintenanceScope;
  kind: 'once';
  startsAt: Date;
  endsAt: Date;
}

/** E.g. nightly deploys: days [1..7], start '02:00', 30 minutes, Europe/Berlin. */
export interface RecurringMaintenance {
  id: string;
  serviceIds: MaintenanceScope;
  kind: 'recurring';
  /** IANA zone the wall-clock start is read in. */
  timeZone: string;
  /** ISO weekdays the occurrence starts on, 1 = Monday … 7 = Sunday. */
  days: readonly number[];
  start: string;
  /** Absolute minutes, so a window across a DST change still lasts exactly this long. */
  durationMinutes: number;
}

export type MaintenanceWindow = OnceMaintenance | RecurringMaintenance;

export interface Occurrence {
  startsAt: Date;
  endsAt: Date;
}

const MINUTE = 60_000;
/** The API's limit (shared with its clients): a week. */
export const MAX_DURATION_MINUTES = MAX_MAINTENANCE_MINUTES;
/**
 * Days to look back for an occurrence still running: the longest one lasts 7 days,
 * plus one for a DST shift carrying its end past a local midnight.
 */
const LOOKBACK_DAYS = 8;

/**
 * The window suppressing `serviceId` at `at`, or null. Of several, the one whose
 * current occurrence ends last (ties: lowest id), so the caller re-checks as late as
 * it safely can and the answer does not depend on list order.
 */
export function activeMaintenance(windows: readonly MaintenanceWindow[], serviceId: string, at: Date): MaintenanceWindow | null {
  let best: { window: MaintenanceWindow; endsAt: number } | null = null;
  for (const window of windows) {
    if (window.serviceIds !== 'all' && !window.serviceIds.includes(serviceId)) continue;
    const endsAt = maintenanceEndsAt(window, at).getTime();
    if (endsAt <= at.getTime()) continue;
    if (!best || endsAt > best.endsAt || (endsAt === best.endsAt && window.id < best.window.id)) best = { window, endsAt };
  }
  return best?.window ?? null;
}

/**
 * When suppression ends for the occurrence covering `at` (the latest-ending one if
 * occurrences overlap). Returns `at` itself when nothing covers it, so
 * `maintenanceEndsAt(w, at) > at` exactly when `w` is in effect. A following
 * occurrence that starts before this end is not chained: the caller re-checks at the
 * returned time and finds it then.
 */
export function maintenanceEndsAt(window: MaintenanceWindow, at: Date): Date {
  const t = at.getTime();
  if (window.kind === 'once') {
    return window.startsAt.getTime() <= t && t < window.endsAt.getTime() ? window.endsAt : at;
  }
  let end = t;
  const { zone, firstDate } = recurringStart(window, t);
  for (const o of occurrencesOn(window, zone, firstDate, LOOKBACK_DAYS + 1)) {
    if (o.startsAt.getTime() <= t && t < o.endsAt.getTime()) end = Math.max(end, o.endsAt.getTime());
  }
  return new Date(end);
}

/**
 * The next `count` occurrences that have not ended by `from`, in start order; one in
 * progress at `from` comes first, so a UI can say "in maintenance until …".
 */
export function nextOccurrences(window: MaintenanceWindow, from: Date, count: number): Occurrence[] {
  if (count <= 0) return [];
  if (window.kind === 'once') {
    const ongoing = window.endsAt > from && window.endsAt > window.startsAt;
    return ongoing ? [{ startsAt: window.startsAt, endsAt: window.endsAt }] : [];
  }
  if (window.days.length === 0) return [];
  const t = from.getTime();
  const found: Occurrence[] = [];
  const { zone, firstDate: lookback } = recurringStart(window, t);
  let firstDate = lookback;
  // Each pass covers a week, which holds at least one occurrence, so this ends.
  while (found.length < count) {
    for (const o of occurrencesOn(window, zone, firstDate, 7)) {
      if (o.endsAt.getTime() > t && found.length < count) found.push(o);
    }
    firstDate = firstDate.plus({ days: 7 });
  }
  return found;
}

/** The zone, and the earliest local date whose occurrence could still be running at `t`. */
function recurringStart(window: RecurringMaintenance, t: number): { zone: IANAZone; firstDate: CalendarDate } {
  checkRecurring(window);
  const zone = zoneNamed(window.timeZone);
  return { zone, firstDate: localDate(zone, t).minus({ days: LOOKBACK_DAYS }) };
}

/** Occurrences starting on `dayCount` consecutive local dates from `first`. */
function occurrencesOn(window: RecurringMaintenance, zone: IANAZone, first: CalendarDate, dayCount: number): Occurrence[] {
  const startMinute = parseClockTime(window.start, 'start');
  const out: Occurrence[] = [];
  for (let i = 0; i < dayCount; i++) {
    const date = first.plus({ days: i });
    if (!window.days.includes(date.weekday)) continue;
    const startsAt = wallClockInstant(zone, date, startMinute, 'earlier');
    out.push({ startsAt: new Date(startsAt), endsAt: new Date(startsAt + window.durationMinutes * MINUTE) });
  }
  return out;
}

function checkRecurring(window: RecurringMaintenance): void {
  checkIsoDays(window.days, 'days');
  const d = window.durationMinutes;
  if (!Number.isInteger(d) || d < 1 || d > MAX_DURATION_MINUTES) {
    throw invalid([{ field: 'durationMinutes', message: `Must be a whole number from 1 to ${MAX_DURATION_MINUTES}` }]);
  }
}
