import { addDays, weekdayOf, zonedInstant, zonedParts } from './zoned-time';

/**
 * The schedule timeline's geometry and words: which span of time a week or month
 * view covers in the viewer's zone, where each shift sits in it, and what each bar
 * says to a screen reader. Pure, so it is tested without a browser.
 */

export type View = 'week' | 'month';

export interface Day {
  start: number;
  end: number;
  /** "Mon 10" in a week, "10" in a month. */
  label: string;
  /** "Monday 10 March", for screen readers and tooltips. */
  long: string;
  weekend: boolean;
}

export interface TimeWindow {
  view: View;
  from: number;
  to: number;
  days: Day[];
  /** "10 – 16 Mar 2025" or "March 2025". */
  title: string;
}

export interface Timed {
  start: string | number;
  end: string | number;
}

export interface Placed<T> {
  item: T;
  /** The part inside the window. */
  start: number;
  end: number;
  /** Percent of the window's width. */
  left: number;
  width: number;
  /** The span goes on before or after the window. */
  clippedStart: boolean;
  clippedEnd: boolean;
}

const ms = (t: string | number) => (typeof t === 'number' ? t : Date.parse(t));
const round = (n: number) => Math.round(n * 1000) / 1000;

/** The week (Monday to Sunday) or month around `at`, as local days in `zone`. */
export function windowAt(view: View, at: number, zone: string, locale?: string): TimeWindow {
  const p = zonedParts(at, zone);
  const first = view === 'week' ? addDays(p, 1 - p.weekday) : { year: p.year, month: p.month, day: 1 };
  const count = view === 'week' ? 7 : new Date(Date.UTC(p.year, p.month, 0)).getUTCDate();
  const midnight = (date: { year: number; month: number; day: number }) => zonedInstant({ ...date, hour: 0, minute: 0 }, zone);
  // Weekday then day ("Mon 10") whatever the locale's own order, which in English is "10 Mon".
  const weekday = new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' });
  const long = new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' });
  const days: Day[] = [];
  for (let i = 0; i < count; i++) {
    const date = addDays(first, i);
    const noonUtc = new Date(Date.UTC(date.year, date.month - 1, date.day, 12));
    days.push({
      start: midnight(date),
      end: midnight(addDays(date, 1)),
      label: view === 'week' ? `${weekday.format(noonUtc)} ${date.day}` : String(date.day),
      long: long.format(noonUtc),
      weekend: weekdayOf(date) >= 6,
    });
  }
  const from = days[0]!.start;
  const to = days[days.length - 1]!.end;
  return { view, from, to, days, title: windowTitle(view, from, to, zone, locale) };
}

function windowTitle(view: View, from: number, to: number, zone: string, locale?: string): string {
  if (view === 'month') return new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: zone }).format(from);
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', timeZone: zone }).formatRange(from, to - 1);
}

/** An instant inside the window before (-1) or after (1) this one. */
export function neighbour(win: TimeWindow, by: -1 | 1): number {
  return by < 0 ? win.from - 1 : win.to;
}

/** Where each item falls in the window, cut to it; items wholly outside are left out. */
export function place<T extends Timed>(items: readonly T[], win: TimeWindow): Placed<T>[] {
  const width = win.to - win.from;
  const out: Placed<T>[] = [];
  for (const item of items) {
    const s = ms(item.start);
    const e = ms(item.end);
    const start = Math.max(s, win.from);
    const end = Math.min(e, win.to);
    if (!(end > start)) continue;
    out.push({
      item,
      start,
      end,
      left: round(((start - win.from) / width) * 100),
      width: round(((end - start) / width) * 100),
      clippedStart: s < win.from,
      clippedEnd: e > win.to,
    });
  }
  return out.sort((a, b) => a.start - b.start);
}

/** Percent across the window of an instant, or null outside it. */
export function offsetOf(at: number, win: TimeWindow): number | null {
  if (at < win.from || at >= win.to) return null;
  return round(((at - win.from) / (win.to - win.from)) * 100);
}

/** "Tue 11 Mar, 10:00" in a zone. */
export function formatMoment(at: string | number, zone: string, locale?: string): string {
  return new Intl.DateTimeFormat(locale, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: zone,
  }).format(ms(at));
}

/** "Tue 11 Mar, 10:00 – Tue 18 Mar, 10:00", or "Tue 11 Mar, 10:00 – 18:00" within a day. */
export function formatSpan(start: string | number, end: string | number, zone: string, locale?: string): string {
  const a = zonedParts(ms(start), zone);
  const b = zonedParts(ms(end), zone);
  const sameDay = a.year === b.year && a.month === b.month && a.day === b.day;
  const endText = sameDay
    ? new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: zone }).format(ms(end))
    : formatMoment(end, zone, locale);
  return `${formatMoment(start, zone, locale)} – ${endText}`;
}

/** What a bar says: who, and from when to when. */
export function barLabel(name: string, start: string | number, end: string | number, zone: string, locale?: string): string {
  return `${name}, ${formatSpan(start, end, zone, locale)}`;
}

export interface PersonShift {
  user: { id: string; name: string };
  start: string;
  end: string;
  overrideId: string | null;
}

/**
 * Joins back-to-back pieces of the same person (the server splits the final line
 * where layers meet), keeping overrides apart so they can still be told from the
 * rotation.
 */
export function mergeShifts<T extends PersonShift>(shifts: readonly T[]): T[] {
  const sorted = [...shifts].sort((a, b) => ms(a.start) - ms(b.start));
  const out: T[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && last.user.id === s.user.id && last.overrideId === s.overrideId && ms(last.end) === ms(s.start)) {
      out[out.length - 1] = { ...last, end: s.end };
    } else {
      out.push(s);
    }
  }
  return out;
}

/** The item covering an instant, if any. */
export function covering<T extends Timed>(items: readonly T[], at: number): T | undefined {
  return items.find((i) => ms(i.start) <= at && at < ms(i.end));
}

/** "Europe/Berlin" → "Europe/Berlin", "America/New_York" → "America/New York". */
export function zoneName(zone: string): string {
  return zone.replaceAll('_', ' ');
}
