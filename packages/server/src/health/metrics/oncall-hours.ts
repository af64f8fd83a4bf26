import { type Instant, toMs } from './types.js';

/** A stretch a person held an on-call role. Level 1 is primary, 2 and up secondary. */
export interface OnCallShift {
  userId: string;
  level: number;
  start: Instant;
  end: Instant;
}

export interface OnCallHours {
  primary: number;
  secondary: number;
  /** Hours holding either role; a primary and a secondary shift at once count once. */
  total: number;
}

type Span = [number, number];

function unionLength(spans: Span[]): number {
  const sorted = spans.filter(([s, e]) => e > s).sort((a, b) => a[0] - b[0]);
  let total = 0;
  let cur: Span | null = null;
  for (const [s, e] of sorted) {
    if (cur && s <= cur[1]) cur[1] = Math.max(cur[1], e);
    else {
      if (cur) total += cur[1] - cur[0];
      cur = [s, e];
    }
  }
  if (cur) total += cur[1] - cur[0];
  return total;
}

/** On-call hours per person within [from, to), overlaps counted once. */
export function onCallHours(shifts: readonly OnCallShift[], from: Instant, to: Instant): Map<string, OnCallHours> {
  const lo = toMs(from);
  const hi = toMs(to);
  const per = new Map<string, { primary: Span[]; secondary: Span[] }>();
  for (const s of shifts) {
    const span: Span = [Math.max(lo, toMs(s.start)), Math.min(hi, toMs(s.end))];
    if (span[1] <= span[0]) continue;
    const p = per.get(s.userId) ?? { primary: [], secondary: [] };
    (s.level <= 1 ? p.primary : p.secondary).push(span);
    per.set(s.userId, p);
  }
  const out = new Map<string, OnCallHours>();
  for (const [userId, p] of per) {
    out.set(userId, {
      primary: unionLength(p.primary) / 3_600_000,
      secondary: unionLength(p.secondary) / 3_600_000,
      total: unionLength([...p.primary, ...p.secondary]) / 3_600_000,
    });
  }
  return out;
}
