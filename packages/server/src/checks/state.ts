/**
 * The pure rules of a check's life: what one probe result does to its state, when it
 * runs next, and how results sum up. The runner and the rollups only apply these.
 */

export type CheckStateName = 'pending' | 'up' | 'down';

export interface CheckState {
  state: CheckStateName;
  /** Failed probes in a row. */
  failures: number;
}

export type Transition = 'down' | 'recovered' | null;

/** How soon a failing check that is not yet down probes again: retries need not wait a whole day. */
export const RETRY_INTERVAL_MS = 20_000;

/** How many latencies the list's sparkline keeps. */
export const RECENT_POINTS = 30;

/**
 * One probe's effect. A success clears the failures and brings a down check back up
 * (`recovered`). A failure counts; the check goes down once more than `retries`
 * probes in a row failed (`retries = 0`: the first failure). During a maintenance
 * window failures still count but never declare the check down: if it still fails
 * once the window ends, the next failure does, and pages then.
 */
export function applyResult(prev: CheckState, ok: boolean, retries: number, inMaintenance: boolean): CheckState & { transition: Transition } {
  if (ok) return { state: 'up', failures: 0, transition: prev.state === 'down' ? 'recovered' : null };
  const failures = prev.failures + 1;
  if (prev.state === 'down') return { state: 'down', failures, transition: null };
  if (failures > retries && !inMaintenance) return { state: 'down', failures, transition: 'down' };
  return { state: prev.state, failures, transition: null };
}

/**
 * When the check runs next. Slots stay on the check's own grid (slot + k × interval)
 * so probes do not drift later by their own duration; slots missed while no engine
 * ran are skipped, not run in a burst. A failure that has not yet declared the check
 * down is retried sooner (at most RETRY_INTERVAL_MS later).
 */
export function nextRunAt(slot: Date, intervalMs: number, now: Date, retrying: boolean): Date {
  if (retrying && intervalMs > RETRY_INTERVAL_MS) return new Date(now.getTime() + RETRY_INTERVAL_MS);
  const start = slot.getTime();
  const behind = Math.max(0, now.getTime() - start);
  const steps = Math.floor(behind / intervalMs) + 1;
  return new Date(start + steps * intervalMs);
}

/**
 * Where a new check's first slot falls: spread over its interval (at most a minute) by
 * its id, so a thousand checks made at once do not all start in the same second.
 */
export function firstRunAt(id: string, intervalMs: number, now: Date): Date {
  let hash = 0;
  for (const ch of id) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return new Date(now.getTime() + (hash % Math.min(intervalMs, 60_000)));
}

/** The sparkline after one more probe: oldest dropped beyond RECENT_POINTS. */
export function pushRecent(recent: readonly number[], ok: boolean, latencyMs: number | null): number[] {
  return [...recent, ok ? Math.max(0, latencyMs ?? 0) : -1].slice(-RECENT_POINTS);
}

export interface Bucket {
  total: number;
  up: number;
}

/** Share of probes that passed, or null when nothing was measured (no data is not 100 %). */
export function uptimeOf(buckets: readonly Bucket[]): number | null {
  let total = 0;
  let up = 0;
  for (const b of buckets) {
    total += b.total;
    up += b.up;
  }
  return total === 0 ? null : up / total;
}

/** Nearest-rank percentile (the same as SQL's percentile_disc) of values; null when empty. */
export function percentile(values: readonly number[], p: number): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil(p * sorted.length));
  return sorted[rank - 1]!;
}

export type Resolution = 'minute' | 'hour' | 'day';
export const RESOLUTION_MS: Record<Resolution, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };

/** The start of the bucket `at` falls in (UTC). */
export function bucketStart(at: Date, resolution: Resolution): Date {
  const ms = RESOLUTION_MS[resolution];
  return new Date(Math.floor(at.getTime() / ms) * ms);
}
