import { DateTime } from 'luxon';
import type { IANAZone } from 'luxon';
import { localDate, parseClockTime, wallClockInstant, type CalendarDate } from '../lib/wall-clock.js';
import { intersect, normalize, type Interval } from './intervals.js';
import { nextInRotation, scheduleLines, type LayerSpec, type Role, type ScheduleSpec } from './oncall.js';

/**
 * Recovery time off, as pure rules: when a page earns someone a rest day, which
 * local day that is, and who covers their on-call that day. Instants are epoch
 * milliseconds; days are local calendar dates ("YYYY-MM-DD") in the person's zone.
 *
 * The rest day is the day they need rest: the local date on which the night of the
 * page ends. With the default 22:00–08:00 window a page at 23:30 on Monday and one
 * at 03:00 on Tuesday both give Tuesday (the same short night); a window that does
 * not cross midnight (01:00–07:00) gives the day it lies in. For pages on a weekend
 * day or a holiday it is the local day after that day (Saturday → Sunday,
 * Sunday → Monday), because the rest is needed right after the long day.
 */

export interface RecoverySettings {
  sleepStart: string;
  sleepEnd: string;
  /** Time on pages on a weekend day or holiday that earns a rest day. */
  recoveryAfterMinutes: number;
  /** Also take the person off the rest day's on-call through overrides. */
  recoveryNextDayOverride: boolean;
  /** Local dates that count like weekend days. */
  holidays: readonly string[];
}

export const RECOVERY_DEFAULTS: RecoverySettings = {
  sleepStart: '22:00',
  sleepEnd: '08:00',
  recoveryAfterMinutes: 60,
  recoveryNextDayOverride: true,
  holidays: [],
};

export type RecoveryReason = 'sleep_hours' | 'weekend' | 'holiday';

const MINUTE = 60_000;
const iso = (d: CalendarDate) => d.toISODate()!;
const calendarDate = (day: string): CalendarDate => DateTime.fromISO(day, { zone: 'utc' });

/**
 * The sleep window ("night") that contains `at`, in the person's zone, with the
 * rest day it earns; null when `at` is awake time. Like restriction windows, an
 * ambiguous start takes its first occurrence and an ambiguous end its last, and a
 * start in a skipped hour begins at the transition, so a night never loses time to
 * DST. A window whose start equals its end is no window at all.
 */
export function sleepNightAt(zone: IANAZone, window: { start: string; end: string }, at: number): (Interval & { day: string }) | null {
  const start = parseClockTime(window.start, 'sleepStart');
  const end = parseClockTime(window.end, 'sleepEnd');
  if (start === end) return null;
  const today = localDate(zone, at);
  // A night that crosses midnight and contains `at` began yesterday or today.
  for (const first of [today.minus({ days: 1 }), today]) {
    const last = end > start ? first : first.plus({ days: 1 });
    const s = wallClockInstant(zone, first, start, 'earlier');
    const e = wallClockInstant(zone, last, end, 'later');
    if (at >= s && at < e) return { start: s, end: e, day: iso(last) };
  }
  return null;
}

/** [start, end) of a local day in a zone (a DST day is 23 or 25 hours long). */
export function dayBounds(zone: IANAZone, day: string): Interval {
  const date = calendarDate(day);
  return { start: wallClockInstant(zone, date, 0, 'earlier'), end: wallClockInstant(zone, date.plus({ days: 1 }), 0, 'earlier') };
}

export function nextDay(day: string): string {
  return iso(calendarDate(day).plus({ days: 1 }));
}

/** Whether a local day is a rest day: a listed holiday, or Saturday or Sunday. */
export function restDayKind(day: string, holidays: readonly string[]): 'weekend' | 'holiday' | null {
  if (holidays.includes(day)) return 'holiday';
  return calendarDate(day).weekday >= 6 ? 'weekend' : null;
}

/** One interrupting message to a person about one alert, with when the alert stopped needing them. */
export interface Page {
  alertId: string;
  at: number;
  /** The alert's acknowledgement or resolution, whichever came first; null while it still pages. */
  closedAt: number | null;
}

export interface Episode extends Interval {
  alertId: string;
}

/**
 * Time a person spends on each alert: from its first page to them until it was
 * acknowledged or resolved (by anyone), or until `now` while it is still open. A
 * page that arrived after the alert was already closed costs nothing.
 */
export function pageEpisodes(pages: readonly Page[], now: number): Episode[] {
  const byAlert = new Map<string, Page[]>();
  for (const p of pages) byAlert.set(p.alertId, [...(byAlert.get(p.alertId) ?? []), p]);
  const out: Episode[] = [];
  for (const [alertId, list] of byAlert) {
    const start = Math.min(...list.map((p) => p.at));
    const closes = list.map((p) => p.closedAt).filter((c): c is number => c !== null);
    const end = closes.length ? Math.min(...closes) : now;
    if (end > start) out.push({ alertId, start, end });
  }
  return out.sort((a, b) => a.start - b.start || a.alertId.localeCompare(b.alertId));
}

/** Milliseconds on pages within [bounds.start, bounds.end); overlapping alerts count once. */
export function timeOnPages(episodes: readonly Interval[], bounds: Interval): number {
  return normalize(episodes)
    .flatMap((e) => intersect(e, [bounds]))
    .reduce((sum, e) => sum + e.end - e.start, 0);
}

export interface RestDayRecovery {
  /** The weekend day or holiday that was spent on pages. */
  restDay: string;
  reason: 'weekend' | 'holiday';
  /** The day off it earns. */
  day: string;
  /** The first alert that took time that day. */
  alertId: string;
  spentMinutes: number;
}

/**
 * Weekend days and holidays (local to the person) on which their episodes add up
 * to at least the threshold. Each such day earns the following day off.
 */
export function restDayRecoveries(
  zone: IANAZone,
  episodes: readonly Episode[],
  settings: Pick<RecoverySettings, 'recoveryAfterMinutes' | 'holidays'>,
): RestDayRecovery[] {
  if (!episodes.length) return [];
  const out: RestDayRecovery[] = [];
  let date = localDate(zone, Math.min(...episodes.map((e) => e.start)));
  const last = localDate(zone, Math.max(...episodes.map((e) => e.end)) - 1);
  for (; date <= last; date = date.plus({ days: 1 })) {
    const restDay = iso(date);
    const reason = restDayKind(restDay, settings.holidays);
    if (!reason) continue;
    const bounds = dayBounds(zone, restDay);
    const spent = timeOnPages(episodes, bounds);
    if (spent < settings.recoveryAfterMinutes * MINUTE) continue;
    const first = episodes.find((e) => e.end > bounds.start && e.start < bounds.end)!;
    out.push({ restDay, reason, day: nextDay(restDay), alertId: first.alertId, spentMinutes: Math.floor(spent / MINUTE) });
  }
  return out;
}

/** One override the rest day needs: `userId` covers the person on a schedule's role over [start, end). */
export interface Cover extends Interval {
  scheduleId: string;
  role: Role;
  userId: string;
}

/**
 * Who takes over from `userId` in a layer: the next person in its rotation order,
 * passing over the person themself and anyone unavailable (e.g. on their own rest
 * day); null when nobody else is left.
 */
export function coverIn(layer: Pick<LayerSpec, 'participantIds'>, userId: string, unavailable: ReadonlySet<string> = new Set()): string | null {
  const skip = new Set([userId, ...unavailable]);
  let candidate = nextInRotation(layer, userId);
  for (let i = 0; candidate !== null && skip.has(candidate) && i < layer.participantIds.length; i++) {
    candidate = nextInRotation(layer, candidate);
  }
  return candidate !== null && !skip.has(candidate) ? candidate : null;
}

/**
 * The overrides that take `userId` off call over [from, to): for each span of theirs
 * in any schedule's final line (either role), the next available person in that
 * layer's rotation. A span the person holds through an override belongs to no
 * layer; it goes to the rotation of the highest layer of that role they are part
 * of. Spans where nobody else is available stay with the person (`uncovered`).
 */
export function recoveryCover(
  schedules: readonly { id: string; spec: ScheduleSpec }[],
  userId: string,
  from: number,
  to: number,
  unavailable: ReadonlySet<string> = new Set(),
): { covers: Cover[]; uncovered: (Interval & { scheduleId: string; role: Role })[] } {
  const covers: Cover[] = [];
  const uncovered: (Interval & { scheduleId: string; role: Role })[] = [];
  if (to <= from) return { covers, uncovered };
  for (const { id, spec } of schedules) {
    const lines = scheduleLines(spec, from, to);
    for (const role of ['primary', 'secondary'] as const) {
      for (const span of lines.final[role]) {
        if (span.userId !== userId) continue;
        const layer = span.layerId
          ? spec.layers.find((l) => l.id === span.layerId)
          : [...spec.layers].sort((a, b) => b.position - a.position).find((l) => l.role === role && l.participantIds.includes(userId));
        const cover = layer ? coverIn(layer, userId, unavailable) : null;
        if (!cover) {
          uncovered.push({ scheduleId: id, role, start: span.start, end: span.end });
          continue;
        }
        const last = covers[covers.length - 1];
        if (last && last.scheduleId === id && last.role === role && last.userId === cover && last.end === span.start) last.end = span.end;
        else covers.push({ scheduleId: id, role, userId: cover, start: span.start, end: span.end });
      }
    }
  }
  return { covers, uncovered };
}
