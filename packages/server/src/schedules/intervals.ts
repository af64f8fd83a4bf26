/**
 * Half-open intervals [start, end) in epoch milliseconds, kept sorted and
 * non-overlapping. The on-call calculator is built from these few operations.
 */
export interface Interval {
  start: number;
  end: number;
}

/** Sorts and merges overlapping or touching intervals; drops empty ones. */
export function normalize(intervals: readonly Interval[]): Interval[] {
  const sorted = intervals.filter((i) => i.end > i.start).sort((a, b) => a.start - b.start);
  const out: Interval[] = [];
  for (const i of sorted) {
    const last = out[out.length - 1];
    if (last && i.start <= last.end) last.end = Math.max(last.end, i.end);
    else out.push({ start: i.start, end: i.end });
  }
  return out;
}

/** The parts of `item` not covered by `cover` (sorted, non-overlapping). */
export function subtract<T extends Interval>(item: T, cover: readonly Interval[]): T[] {
  const out: T[] = [];
  let cursor = item.start;
  for (const c of firstOverlapping(cover, item.start)) {
    if (c.start >= item.end) break;
    if (c.end <= cursor) continue;
    if (c.start > cursor) out.push({ ...item, start: cursor, end: c.start });
    cursor = Math.max(cursor, c.end);
    if (cursor >= item.end) break;
  }
  if (cursor < item.end) out.push({ ...item, start: cursor, end: item.end });
  return out;
}

/** The parts of `item` inside `within` (sorted, non-overlapping). */
export function intersect<T extends Interval>(item: T, within: readonly Interval[]): T[] {
  const out: T[] = [];
  for (const w of firstOverlapping(within, item.start)) {
    if (w.start >= item.end) break;
    const start = Math.max(item.start, w.start);
    const end = Math.min(item.end, w.end);
    if (end > start) out.push({ ...item, start, end });
  }
  return out;
}

/** Iterates a sorted list from the first interval that ends after `at` (binary search). */
function* firstOverlapping(list: readonly Interval[], at: number): Generator<Interval> {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.end <= at) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < list.length; i++) yield list[i]!;
}

/** Where a sorted, non-overlapping list leaves [from, to) uncovered. */
export function complement(list: readonly Interval[], from: number, to: number): Interval[] {
  return subtract({ start: from, end: to }, list);
}
