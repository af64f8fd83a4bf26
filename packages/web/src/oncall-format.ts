import type { FairnessRow, RecoveryReason, RecoveryTimeOff } from '@operable/shared';
import { addDays, isoDate, zonedParts } from './zoned-time';

/**
 * Words and numbers for on-call load and recovery time off: hours, the bars of the
 * fairness table, local days, and what a rest day's state means. Pure.
 */

/** 12 → "12 h", 12.25 → "12.3 h", 0.04 → "0 h". */
export function formatHours(hours: number): string {
  const rounded = Math.round(hours * 10) / 10;
  return `${Number.isInteger(rounded) ? rounded : rounded.toFixed(1)} h`;
}

/** 0.334 → "33%". */
export function formatShare(share: number): string {
  return `${Math.round(share * 100)}%`;
}

export interface LoadBar {
  /** Percent of the bar track for the past and the upcoming part; the longest row fills the track. */
  past: number;
  ahead: number;
}

/** Each row's bar, scaled to the person with most hours, so the uneven load shows at a glance. */
export function loadBars(people: readonly Pick<FairnessRow, 'past' | 'ahead' | 'total'>[]): LoadBar[] {
  const max = Math.max(0, ...people.map((p) => p.total.total));
  const pct = (h: number) => (max > 0 ? Math.round((h / max) * 1000) / 10 : 0);
  return people.map((p) => {
    // Past and ahead are counted apart; scale their sum to the total so the bar never overshoots.
    const sum = p.past.total + p.ahead.total;
    const scale = sum > 0 ? p.total.total / sum : 0;
    return { past: pct(p.past.total * scale), ahead: pct(p.ahead.total * scale) };
  });
}

/** The local date of an instant in a zone, "2025-03-12". */
export function localDay(at: number, zone: string): string {
  return isoDate(zonedParts(at, zone));
}

/** A local date moved by whole days: ("2025-03-01", -1) → "2025-02-28". */
export function shiftDay(day: string, days: number): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return isoDate(addDays({ year, month, day: date }, days));
}

/** "2025-03-11" → "Tue 11 Mar 2025": a calendar day, the same wherever it is read. */
export function formatDay(day: string, locale?: string): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  if (!year || !month || !date) return day;
  return new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
    Date.UTC(year, month - 1, date, 12),
  );
}

/** Why a rest day was granted, in plain words; `own` speaks to the person it was granted to. */
export function recoveryReasonText(reason: RecoveryReason | string, own: boolean): string {
  if (reason === 'sleep_hours') return own ? 'Paged during your sleep hours' : 'Paged during sleep hours';
  if (reason === 'weekend') return 'Long paging on a weekend day';
  if (reason === 'holiday') return 'Long paging on a holiday';
  return 'Granted after paging';
}

export type RecoveryState = 'upcoming' | 'today' | 'taken' | 'not_taken' | 'declined';

export const RECOVERY_STATE_LABELS: Record<RecoveryState, string> = {
  upcoming: 'Upcoming',
  today: 'Today',
  taken: 'Taken',
  not_taken: 'Not taken',
  declined: 'Declined',
};

/** Where a rest day stands now, its day read in the person's own zone (as the server does). */
export function recoveryState(r: Pick<RecoveryTimeOff, 'day' | 'timeZone' | 'status' | 'taken'>, now: number): RecoveryState {
  if (r.status === 'declined') return 'declined';
  const today = localDay(now, r.timeZone);
  if (r.day > today) return 'upcoming';
  if (r.day === today) return 'today';
  return r.taken ? 'taken' : 'not_taken';
}

/** Whether the person may still turn it down: granted, and the day is not over. */
export function canDecline(r: Pick<RecoveryTimeOff, 'day' | 'timeZone' | 'status' | 'taken'>, now: number): boolean {
  const state = recoveryState(r, now);
  return state === 'upcoming' || state === 'today';
}

export interface RecoveryTally {
  user: { id: string; name: string };
  granted: number;
  taken: number;
  notTaken: number;
  declined: number;
  upcoming: number;
}

/** Per person: rest days granted (declined ones apart), taken, not taken, still to come. Most granted first. */
export function tallyRecovery(items: readonly RecoveryTimeOff[], now: number): RecoveryTally[] {
  const byUser = new Map<string, RecoveryTally>();
  for (const r of items) {
    const t = byUser.get(r.user.id) ?? { user: r.user, granted: 0, taken: 0, notTaken: 0, declined: 0, upcoming: 0 };
    const state = recoveryState(r, now);
    if (state === 'declined') t.declined++;
    else {
      t.granted++;
      if (state === 'taken') t.taken++;
      else if (state === 'not_taken') t.notTaken++;
      else t.upcoming++;
    }
    byUser.set(r.user.id, t);
  }
  return [...byUser.values()].sort((a, b) => b.granted - a.granted || a.user.name.localeCompare(b.user.name));
}

/** Whether a string is a calendar date, "2025-12-25". */
export function isLocalDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = m.slice(1).map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** A team's recovery rules in one sentence. */
export function describeRecoverySettings(t: { sleepStart: string; sleepEnd: string; recoveryAfterMinutes: number; recoveryNextDayOverride: boolean }): string {
  const minutes = t.recoveryAfterMinutes === 1 ? '1 minute' : `${t.recoveryAfterMinutes} minutes`;
  const cover = t.recoveryNextDayOverride
    ? 'the next person in the rotation covers their on-call that day'
    : 'on-call shifts are not changed for it';
  return `A page between ${t.sleepStart} and ${t.sleepEnd} (each person’s own time) earns a rest day on the day that night ends; at least ${minutes} of paging on a weekend day or team holiday earns the next day. When a rest day is granted, ${cover}.`;
}
