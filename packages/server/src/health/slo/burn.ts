/**
 * Error-budget and burn-rate maths, pure (humanops-metrics.md):
 *
 *   error budget remaining = 1 − (bad / total) / (1 − objective)   over the SLO window
 *   burn rate              = (bad / total over a window) / (1 − objective)
 *
 * Availability (good/total events) and latency (requests under a threshold / all
 * requests) reduce to the same good/total counts, so nothing here knows the kind.
 * A window without traffic has no ratio: every function answers null ("no data"),
 * never 0 errors and never NaN.
 */

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export const WINDOW_DAYS = [7, 28, 30] as const;
export type WindowDays = (typeof WINDOW_DAYS)[number];

export interface Counts {
  good: number;
  total: number;
}

/** Events counted in one time bucket (per minute when stored), `start` in epoch ms. */
export interface Bucket extends Counts {
  start: number;
}

export type Severity = 'page' | 'ticket';

export interface Tier {
  severity: Severity;
  longMs: number;
  shortMs: number;
  /** Share of the window's budget the tier spends in its long window before it fires. */
  budgetShare: number;
  /** Burn rate both windows must reach. */
  factor: number;
}

/** The three tiers for a 30-day SLO; `budgetPercent` is what the factor scales from. */
const TIER_SHAPES: readonly { severity: Severity; longMs: number; shortMs: number; budgetPercent: number }[] = [
  { severity: 'page', longMs: HOUR, shortMs: 5 * MINUTE, budgetPercent: 2 },
  { severity: 'page', longMs: 6 * HOUR, shortMs: 30 * MINUTE, budgetPercent: 5 },
  { severity: 'ticket', longMs: 3 * DAY, shortMs: 6 * HOUR, budgetPercent: 10 },
];

/**
 * The tiers for a window of W days: factor = budget% × (W × 24) / long-window hours
 * (14.4, 6 and 1 for 30 days; 3.36, 1.4 and 0.233 for 7). The windows stay the same.
 */
export function burnTiers(windowDays: number): Tier[] {
  return TIER_SHAPES.map((t) => ({
    severity: t.severity,
    longMs: t.longMs,
    shortMs: t.shortMs,
    budgetShare: t.budgetPercent / 100,
    factor: (t.budgetPercent * windowDays * 24) / (100 * (t.longMs / HOUR)),
  }));
}

/** Every look-back the evaluation needs, shortest first: the tiers' windows and the SLO window. */
export function lookbacks(windowDays: number): number[] {
  const all = burnTiers(windowDays).flatMap((t) => [t.shortMs, t.longMs]);
  return [...new Set([...all, windowDays * DAY])].sort((a, b) => a - b);
}

export function errorRatio(c: Counts): number | null {
  if (!(c.total > 0)) return null;
  // Clamped: a source may report good slightly above total (float counters).
  return Math.min(1, Math.max(0, (c.total - c.good) / c.total));
}

export function burnRate(c: Counts, objective: number): number | null {
  const ratio = errorRatio(c);
  return ratio === null ? null : ratio / (1 - objective);
}

/** 1 when nothing failed, 0 when the budget is spent exactly, negative when overspent. */
export function budgetRemaining(c: Counts, objective: number): number | null {
  const rate = burnRate(c, objective);
  return rate === null ? null : 1 - rate;
}

/**
 * "Both windows must exceed the factor", read as reaching it: a steady 1× burn is
 * what the ticket tier of a 30-day SLO exists to catch, and 0.001 / (1 − 0.999)
 * is 0.9999999999999991 in floating point, so equality is judged with a little slack.
 */
export function reaches(rate: number, factor: number): boolean {
  return rate >= factor * (1 - 1e-9);
}

export type TierState = 'firing' | 'ok' | 'no_data';

export interface TierResult extends Tier {
  longRate: number | null;
  shortRate: number | null;
  state: TierState;
}

/** `countsFor(ms)`: the events of the last `ms` (one of `lookbacks`). */
export function evaluateTiers(countsFor: (lookbackMs: number) => Counts, objective: number, windowDays: number): TierResult[] {
  return burnTiers(windowDays).map((tier) => {
    const longRate = burnRate(countsFor(tier.longMs), objective);
    const shortRate = burnRate(countsFor(tier.shortMs), objective);
    const state: TierState =
      longRate === null || shortRate === null ? 'no_data' : reaches(longRate, tier.factor) && reaches(shortRate, tier.factor) ? 'firing' : 'ok';
    return { ...tier, longRate, shortRate, state };
  });
}

/**
 * A severity fires when any of its tiers fires; it is calm only when every tier has
 * data and none fires. Anything else is "no data": an alert stays as it is then,
 * since silence from a source is not evidence that the burn stopped.
 */
export function severityState(results: TierResult[], severity: Severity): TierState {
  const mine = results.filter((r) => r.severity === severity);
  if (mine.some((r) => r.state === 'firing')) return 'firing';
  if (mine.every((r) => r.state === 'ok')) return 'ok';
  return 'no_data';
}

/** Sums of buckets whose start lies in [now − L, now), for each look-back L: prefix sums over sorted buckets. */
export function countsOver(buckets: readonly Bucket[], now: number, lookbackMs: readonly number[]): Map<number, Counts> {
  const sorted = [...buckets].sort((a, b) => a.start - b.start);
  const prefix = prefixSums(sorted);
  const starts = sorted.map((b) => b.start);
  const end = lowerBound(starts, now);
  const out = new Map<number, Counts>();
  for (const ms of lookbackMs) out.set(ms, rangeSum(prefix, lowerBound(starts, now - ms), end));
  return out;
}

export interface SeriesPoint {
  at: number;
  /** Budget remaining over the SLO window ending here; null where the window had no traffic. */
  remaining: number | null;
  /** Burn rate over the same window. */
  burnRate: number | null;
}

/**
 * The budget burn chart: at `from`, `from + step`, … up to `to`, the budget
 * remaining over the rolling window [t − windowMs, t). Hourly buckets are enough
 * for a chart of a month.
 */
export function budgetSeries(buckets: readonly Bucket[], objective: number, windowMs: number, from: number, to: number, stepMs: number): SeriesPoint[] {
  if (!(stepMs > 0)) throw new Error('budgetSeries needs a positive step');
  const sorted = [...buckets].sort((a, b) => a.start - b.start);
  const prefix = prefixSums(sorted);
  const starts = sorted.map((b) => b.start);
  const points: SeriesPoint[] = [];
  for (let at = from; at <= to; at += stepMs) {
    const c = rangeSum(prefix, lowerBound(starts, at - windowMs), lowerBound(starts, at));
    points.push({ at, remaining: budgetRemaining(c, objective), burnRate: burnRate(c, objective) });
  }
  return points;
}

/** prefix[i] = sums of the first i buckets. */
function prefixSums(sorted: readonly Bucket[]): Counts[] {
  const prefix: Counts[] = [{ good: 0, total: 0 }];
  for (const b of sorted) {
    const last = prefix[prefix.length - 1]!;
    prefix.push({ good: last.good + b.good, total: last.total + b.total });
  }
  return prefix;
}

function rangeSum(prefix: readonly Counts[], from: number, to: number): Counts {
  if (to <= from) return { good: 0, total: 0 };
  return { good: prefix[to]!.good - prefix[from]!.good, total: prefix[to]!.total - prefix[from]!.total };
}

/** The first index whose value is ≥ x. */
function lowerBound(values: readonly number[], x: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
