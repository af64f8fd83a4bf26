/**
 * Wall-clock arithmetic in an IANA time zone with nothing but Intl, so the web app
 * needs no date library. Pure; instants are epoch milliseconds.
 */

export interface LocalDateTime {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
}

export interface ZonedParts extends LocalDateTime {
  /** ISO weekday, 1 = Monday. */
  weekday: number;
}

const DAY = 86_400_000;
const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };
const formatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** Whether the runtime knows this zone. */
export function isZone(zone: string): boolean {
  try {
    partsFormatter(zone);
    return true;
  } catch {
    return false;
  }
}

/** The local date and time of an instant in a zone. */
export function zonedParts(ms: number, zone: string): ZonedParts & { second: number } {
  const out: Record<string, string> = {};
  for (const p of partsFormatter(zone).formatToParts(new Date(ms))) out[p.type] = p.value;
  return {
    year: Number(out.year),
    month: Number(out.month),
    day: Number(out.day),
    hour: Number(out.hour) % 24,
    minute: Number(out.minute),
    second: Number(out.second),
    weekday: WEEKDAYS[out.weekday ?? ''] ?? 1,
  };
}

/** How far the zone's wall clock is ahead of UTC at an instant, in ms. */
export function zoneOffset(ms: number, zone: string): number {
  const p = zonedParts(ms, zone);
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return wall - (ms - (((ms % 1000) + 1000) % 1000));
}

/**
 * The instant a local wall-clock time happens in a zone, by the server's rule: a time
 * that occurs twice (clocks going back) takes the occurrence asked for, a time the
 * clocks skip (going forward) the first instant after the gap.
 */
export function zonedInstant(local: LocalDateTime, zone: string, prefer: 'earlier' | 'later' = 'earlier'): number {
  const wall = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute);
  // Offsets a day either side include both sides of any transition near this time.
  const offsets = [...new Set([wall - DAY, wall, wall + DAY].map((t) => zoneOffset(t, zone)))];
  const candidates = offsets.map((o) => wall - o).sort((a, b) => a - b);
  const valid = candidates.filter((t) => zoneOffset(t, zone) === wall - t);
  if (valid.length) return prefer === 'earlier' ? valid[0]! : valid[valid.length - 1]!;
  // In a gap the earliest candidate has the old offset and the latest the new one;
  // the transition between them is the first instant that exists after the gap.
  let lo = candidates[0]!;
  let hi = candidates[candidates.length - 1]!;
  const before = zoneOffset(lo, zone);
  while (hi - lo > 1000) {
    const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
    if (zoneOffset(mid, zone) === before) lo = mid;
    else hi = mid;
  }
  return hi;
}

/** Calendar arithmetic on a local date, e.g. "3 days after 30 March". */
export function addDays(date: { year: number; month: number; day: number }, days: number): { year: number; month: number; day: number } {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** ISO weekday of a local date, 1 = Monday. */
export function weekdayOf(date: { year: number; month: number; day: number }): number {
  const w = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
  return w === 0 ? 7 : w;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "2025-03-12" */
export function isoDate(date: { year: number; month: number; day: number }): string {
  return `${date.year}-${pad(date.month)}-${pad(date.day)}`;
}

/** The value of an <input type="datetime-local"> showing an instant in a zone. */
export function toLocalInput(ms: number, zone: string): string {
  const p = zonedParts(ms, zone);
  return `${isoDate(p)}T${pad(p.hour)}:${pad(p.minute)}`;
}

/** An <input type="datetime-local"> value read in a zone; null when incomplete. */
export function fromLocalInput(value: string, zone: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(value);
  if (!m) return null;
  const [year, month, day, hour, minute] = m.slice(1).map(Number) as [number, number, number, number, number];
  return zonedInstant({ year, month, day, hour, minute }, zone);
}
