import { keepsLocalHandoffTimes } from '@operable/shared';
import type { IANAZone } from 'luxon';
import { isoWeekday, localDayMs, parseClockTime, wallClockAt, wallInstant, zoneNamed } from '../lib/wall-clock.js';
import { complement, intersect, normalize, subtract, type Interval } from './intervals.js';

/**
 * Who is on call: the only place it is computed. Pure: a schedule's layers and
 * overrides in, spans of people out, all in epoch milliseconds over half-open
 * ranges [from, to).
 *
 * Wall-clock rules (SPEC §2.4): a daily or weekly handoff is a local time and stays
 * at that local time across DST, and so does an hourly one whose length repeats daily
 * (`keepsLocalHandoffTimes`: 1, 2, 3, 4, 6, 8, 12 h, whole days); other hour lengths
 * count elapsed hours. A handoff that falls in a skipped hour happens at the first
 * valid instant after it. A boundary between two shifts is one instant, resolved with
 * the "start" rule (first occurrence when ambiguous), so consecutive shifts tile time;
 * a shift whose whole local time is skipped (a 1-hour shift at 02:00 on a
 * spring-forward night) starts and ends at that instant and is left out, and a
 * shift starting in a repeated hour keeps all of it (2 hours). Restriction windows
 * are spans of their own: an ambiguous start takes the first occurrence and an
 * ambiguous end the last, so a window never loses time at a transition.
 */

export type Role = 'primary' | 'secondary';

export interface WindowSpec {
  days: readonly number[];
  start: string;
  end: string;
}

export interface LayerSpec {
  id: string;
  position: number;
  role: Role;
  participantIds: readonly string[];
  shiftUnit: 'hour' | 'day' | 'week';
  shiftLength: number;
  handoffWeekday: number;
  handoffTime: string;
  startDate: string;
  restriction: readonly WindowSpec[] | null;
}

export interface OverrideSpec {
  id: string;
  role: Role;
  userId: string;
  start: number;
  end: number;
  createdAt: number;
}

export interface ScheduleSpec {
  timeZone: string;
  layers: readonly LayerSpec[];
  overrides: readonly OverrideSpec[];
}

/** A stretch of one person on call. `shiftIndex` numbers a layer's rotation shifts from 0. */
export interface Span extends Interval {
  userId: string;
  role: Role;
  layerId: string | null;
  overrideId: string | null;
  shiftIndex: number | null;
}

export interface ScheduleLines {
  layers: { id: string; role: Role; spans: Span[] }[];
  final: Record<Role, Span[]>;
  gaps: Record<Role, Interval[]>;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Layers, overrides and the final line of each role over [from, to). */
export function scheduleLines(spec: ScheduleSpec, from: number, to: number): ScheduleLines {
  const zone = zoneNamed(spec.timeZone);
  const layers = spec.layers.map((l) => ({ id: l.id, role: l.role, spans: layerSpans(zone, l, from, to) }));
  const final = { primary: finalLine(spec, layers, 'primary', from, to), secondary: finalLine(spec, layers, 'secondary', from, to) };
  return {
    layers,
    final,
    gaps: { primary: complement(final.primary, from, to), secondary: complement(final.secondary, from, to) },
  };
}

/** Who is on call at one instant, per role (null where nobody is). */
export function onCallAt(spec: ScheduleSpec, at: number): Record<Role, Span | null> {
  const { final } = scheduleLines(spec, at, at + 1);
  return { primary: final.primary[0] ?? null, secondary: final.secondary[0] ?? null };
}

/** The rotation of one layer over [from, to), cut to its restriction windows. */
export function layerSpans(zone: IANAZone, layer: LayerSpec, from: number, to: number): Span[] {
  const rotation = rotationShifts(zone, layer, from, to);
  if (!layer.restriction) return rotation;
  const windows = restrictionWindows(zone, layer.restriction, from, to);
  return rotation.flatMap((s) => intersect(s, windows));
}

/** Shift boundaries of a layer: boundary(k) is when shift k starts. Never decreasing; equal where a shift is skipped whole. */
export function rotationClock(zone: IANAZone, layer: LayerSpec): (k: number) => number {
  const handoff = parseClockTime(layer.handoffTime, 'handoffTime');
  const start = Date.parse(`${layer.startDate}T00:00:00Z`);
  const anchorDay = layer.shiftUnit === 'week' ? start + ((layer.handoffWeekday - isoWeekday(start) + 7) % 7) * DAY : start;
  // The first handoff's local date-time, as if in UTC: wall-clock steps are plain additions to it.
  const wall = anchorDay + handoff * MINUTE;
  const step = shiftMs(layer);
  if (!keepsLocalHandoffTimes(layer.shiftUnit, layer.shiftLength)) {
    const anchor = wallInstant(zone, wall, 'earlier');
    return (k) => anchor + k * step;
  }
  return (k) => wallInstant(zone, wall + k * step, 'earlier');
}

/** A shift's nominal length: its wall-clock length, or its exact one for elapsed-hour rotations. */
function shiftMs(layer: LayerSpec): number {
  return layer.shiftLength * (layer.shiftUnit === 'hour' ? HOUR : layer.shiftUnit === 'day' ? DAY : 7 * DAY);
}

/** The shift index in effect at `at` (the last of equal boundaries); -1 before the rotation starts. */
export function shiftIndexAt(clock: (k: number) => number, layer: LayerSpec, at: number): number {
  const first = clock(0);
  if (at < first) return -1;
  // Wall-clock boundaries drift from elapsed time by the zone's offset change (an
  // hour or two), so the estimate is off by a shift or two at most.
  let k = Math.floor((at - first) / shiftMs(layer));
  while (k > 0 && clock(k) > at) k--;
  while (clock(k + 1) <= at) k++;
  return k;
}

function rotationShifts(zone: IANAZone, layer: LayerSpec, from: number, to: number): Span[] {
  const people = layer.participantIds;
  if (!people.length || to <= from) return [];
  const clock = rotationClock(zone, layer);
  const spans: Span[] = [];
  let k = Math.max(0, shiftIndexAt(clock, layer, from));
  let start = clock(k);
  while (start < to) {
    const end = clock(k + 1);
    const clipped = { start: Math.max(start, from), end: Math.min(end, to) };
    // Empty: outside the range, or a shift whose local time the clock skipped.
    if (clipped.end > clipped.start) {
      spans.push({ ...clipped, userId: people[k % people.length]!, role: layer.role, layerId: layer.id, overrideId: null, shiftIndex: k });
    }
    k++;
    start = end;
  }
  return spans;
}

/** The restriction's windows that touch [from, to), merged, in the schedule zone. */
export function restrictionWindows(zone: IANAZone, windows: readonly WindowSpec[], from: number, to: number): Interval[] {
  const parsed = windows.map((w) => ({
    days: new Set(w.days),
    start: parseClockTime(w.start, 'restriction.start'),
    end: parseClockTime(w.end, 'restriction.end'),
  }));
  const out: Interval[] = [];
  // A window may start the local day before `from` and run past midnight.
  const last = localDayMs(zone, to);
  for (let day = localDayMs(zone, from) - DAY; day <= last; day += DAY) {
    const weekday = isoWeekday(day);
    for (const w of parsed) {
      if (!w.days.has(weekday)) continue;
      const start = wallClockAt(zone, day, w.start, 'earlier');
      const end = wallClockAt(zone, w.end > w.start ? day : day + DAY, w.end, 'later');
      if (end > from && start < to) out.push({ start, end });
    }
  }
  return normalize(out);
}

/** Highest layer wins where it has someone; then overrides, the newest winning where they overlap. */
function finalLine(spec: ScheduleSpec, layers: ScheduleLines['layers'], role: Role, from: number, to: number): Span[] {
  const positions = new Map(spec.layers.map((l) => [l.id, l.position]));
  const ordered = layers.filter((l) => l.role === role).sort((a, b) => positions.get(b.id)! - positions.get(a.id)!);
  let covered: Interval[] = [];
  let line: Span[] = [];
  for (const layer of ordered) {
    for (const span of layer.spans) line.push(...subtract(span, covered));
    covered = normalize([...covered, ...layer.spans]);
  }
  const overrides = spec.overrides
    .filter((o) => o.role === role && o.end > from && o.start < to)
    .sort((a, b) => a.createdAt - b.createdAt || a.start - b.start);
  for (const o of overrides) {
    const span: Span = {
      start: Math.max(o.start, from),
      end: Math.min(o.end, to),
      userId: o.userId,
      role,
      layerId: null,
      overrideId: o.id,
      shiftIndex: null,
    };
    line = line.flatMap((s) => subtract(s, [span]));
    line.push(span);
  }
  return line.sort((a, b) => a.start - b.start);
}

/** Instants in [from, to) where the person on call for a role changes, with who hands over to whom. */
export function changeovers(line: readonly Span[]): { at: number; outgoing: string | null; incoming: string | null }[] {
  const out: { at: number; outgoing: string | null; incoming: string | null }[] = [];
  for (let i = 1; i < line.length; i++) {
    const prev = line[i - 1]!;
    const next = line[i]!;
    if (prev.end === next.start && prev.userId === next.userId) continue;
    if (prev.end < next.start) {
      out.push({ at: prev.end, outgoing: prev.userId, incoming: null });
      out.push({ at: next.start, outgoing: null, incoming: next.userId });
    } else out.push({ at: next.start, outgoing: prev.userId, incoming: next.userId });
  }
  return out;
}

/** Joins touching spans of the same person (e.g. a rotation shift and an override of the same person). */
export function mergeSamePerson(line: readonly Span[]): Span[] {
  const out: Span[] = [];
  for (const s of line) {
    const last = out[out.length - 1];
    if (last && last.userId === s.userId && last.end === s.start) last.end = s.end;
    else out.push({ ...s });
  }
  return out;
}

/** The person after `userId` in a layer's rotation order (for next-day cover); null when nobody else is in it. */
export function nextInRotation(layer: Pick<LayerSpec, 'participantIds'>, userId: string): string | null {
  const people = layer.participantIds;
  const at = people.indexOf(userId);
  for (let i = 1; i <= people.length; i++) {
    const candidate = people[(Math.max(at, 0) + i) % people.length]!;
    if (candidate !== userId) return candidate;
  }
  return null;
}
