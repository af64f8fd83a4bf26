import type { Slo, SloDetail, SloSource, SloStatus } from '@operable/shared';
import type { Db } from '../../db/index.js';
import { budgetRemaining, budgetSeries, burnRate, DAY, evaluateTiers, HOUR, lookbacks, MINUTE, severityState, type TierResult } from './burn.js';
import { hourlyBuckets, windowSums, type SloRow } from './repository.js';

/** The SLO's state at `now`: window counts, budget, every tier's two burn rates. */
export async function statusOf(db: Db, row: SloRow, now: Date): Promise<{ status: SloStatus; tiers: TierResult[] }> {
  const sums = await windowSums(db, row.id, now, lookbacks(row.window_days));
  const tiers = evaluateTiers((ms) => sums.get(ms)!, row.objective, row.window_days);
  const window = sums.get(row.window_days * DAY)!;
  const status: SloStatus = {
    at: now.toISOString(),
    good: window.good,
    total: window.total,
    sli: window.total > 0 ? window.good / window.total : null,
    budgetRemaining: budgetRemaining(window, row.objective),
    burnRate: burnRate(window, row.objective),
    tiers: tiers.map((t) => ({
      severity: t.severity,
      longWindowMinutes: t.longMs / MINUTE,
      shortWindowMinutes: t.shortMs / MINUTE,
      factor: t.factor,
      longBurnRate: t.longRate,
      shortBurnRate: t.shortRate,
      state: t.state,
    })),
    page: severityState(tiers, 'page'),
    ticket: severityState(tiers, 'ticket'),
  };
  return { status, tiers };
}

export async function sloView(db: Db, row: SloRow, now: Date): Promise<Slo> {
  const { status } = await statusOf(db, row, now);
  return {
    id: row.id,
    serviceId: row.service_id,
    serviceName: row.service_name,
    teamId: row.team_id,
    name: row.name,
    description: row.description,
    kind: row.kind,
    objective: row.objective,
    windowDays: row.window_days,
    latencyThresholdMs: row.latency_threshold_ms,
    source: row.source as SloSource,
    alerting: row.alerting,
    status,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

/** With the chart: hourly points over the last window, each the budget over the window ending there. */
export async function sloDetailView(db: Db, row: SloRow, now: Date): Promise<SloDetail> {
  const view = await sloView(db, row, now);
  const windowMs = row.window_days * DAY;
  const end = Math.floor(now.getTime() / HOUR) * HOUR;
  const from = end - windowMs;
  const buckets = await hourlyBuckets(db, row.id, new Date(from - windowMs), new Date(end));
  const series = budgetSeries(buckets, row.objective, windowMs, from, end, HOUR).map((p) => ({
    at: new Date(p.at).toISOString(),
    budgetRemaining: p.remaining,
    burnRate: p.burnRate,
  }));
  // Hourly points end at the last whole hour; the chart ends where the numbers above it stand.
  if (now.getTime() > end) series.push({ at: view.status.at, budgetRemaining: view.status.budgetRemaining, burnRate: view.status.burnRate });
  return { ...view, series };
}
