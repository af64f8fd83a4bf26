import type { CheckPoint } from '@operable/shared';
import type { Db } from '../db/index.js';
import { checkServiceId, countedRuns, rawPoints, readCursor, recentResults, rolledPoints, type PointRow } from './series-repository.js';
import { bucketStart, RESOLUTION_MS, uptimeOf, type Resolution } from './state.js';

/**
 * What the status page, SLOs and the check's chart read. Rolled-up buckets come from
 * check_rollups; the recent ones not rolled up yet are summed from raw results by the
 * same statement, so a series has no gap at "now" and never counts a bucket twice.
 */
export async function checkSeries(db: Db, checkIds: readonly string[], resolution: Resolution, from: Date, to: Date): Promise<Map<string, CheckPoint[]>> {
  const start = bucketStart(from, resolution);
  const cursor = (await readCursor(db, resolution)) ?? new Date(0);
  const split = new Date(Math.min(Math.max(cursor.getTime(), start.getTime()), to.getTime()));
  const [rolled, raw] = await Promise.all([rolledPoints(db, resolution, checkIds, start, split), rawPoints(db, resolution, checkIds, split, to)]);
  const series = new Map<string, CheckPoint[]>(checkIds.map((id) => [id, []]));
  for (const row of [...rolled, ...raw]) series.get(row.check_id)?.push(pointOf(row));
  for (const points of series.values()) points.sort((a, b) => a.at.localeCompare(b.at));
  return series;
}

/** Share of probes that passed in [from, to) (from rounded down to the hour), or null without probes. */
export async function uptimeBetween(db: Db, checkId: string, from: Date, to: Date): Promise<number | null> {
  const points = (await checkSeries(db, [checkId], 'hour', from, to)).get(checkId)!;
  return uptimeOf(points);
}

export interface DayUptime {
  /** UTC day, YYYY-MM-DD. */
  day: string;
  total: number;
  up: number;
  /** null when nothing was measured that day. */
  uptime: number | null;
}

/**
 * Per check, the last `days` UTC days up to `now` (today included, oldest first), each
 * with its probe counts: the status page's uptime bars. Days without probes are
 * listed with total 0, so every bar row has the same length.
 */
export async function dailyUptime(db: Db, checkIds: readonly string[], days: number, now: Date): Promise<Map<string, DayUptime[]>> {
  const today = bucketStart(now, 'day').getTime();
  const from = new Date(today - (days - 1) * RESOLUTION_MS.day);
  const series = await checkSeries(db, checkIds, 'day', from, now);
  const result = new Map<string, DayUptime[]>();
  for (const id of checkIds) {
    const byDay = new Map(series.get(id)!.map((p) => [p.at.slice(0, 10), p]));
    const row: DayUptime[] = [];
    for (let i = 0; i < days; i++) {
      const day = new Date(from.getTime() + i * RESOLUTION_MS.day).toISOString().slice(0, 10);
      const p = byDay.get(day);
      row.push({ day, total: p?.total ?? 0, up: p?.up ?? 0, uptime: p && p.total ? p.up / p.total : null });
    }
    result.set(id, row);
  }
  return result;
}

/** A check's raw results, newest first (the last 48 hours at most). */
export async function listResults(db: Db, checkId: string, from: Date, to: Date, limit: number) {
  return (await recentResults(db, checkId, from, to, limit)).map((r) => ({
    at: new Date(r.at).toISOString(),
    ok: r.ok,
    latencyMs: r.latency_ms,
    message: r.message,
    maintenance: r.maintenance,
    startDelayMs: r.start_delay_ms,
  }));
}

function pointOf(row: PointRow): CheckPoint {
  return {
    at: new Date(row.bucket).toISOString(),
    total: row.total,
    up: row.up,
    p50: row.latency_p50,
    p95: row.latency_p95,
    max: row.latency_max,
  };
}

export interface CheckRun {
  /** Epoch ms. */
  at: number;
  ok: boolean;
  latencyMs: number | null;
}

/**
 * The raw runs of a check in [from, to), maintenance runs left out, oldest first.
 * Raw results are kept 48 hours: an SLO collects minute by minute, well inside that.
 */
export async function checkRuns(db: Db, checkId: string, from: Date, to: Date): Promise<CheckRun[]> {
  return (await countedRuns(db, checkId, from, to)).map((r) => ({ at: Number(r.at), ok: r.ok, latencyMs: r.latency_ms }));
}

/** The service a check watches, or null when there is no such check. */
export const serviceOfCheck = (db: Db, checkId: string): Promise<string | null> => checkServiceId(db, checkId);
