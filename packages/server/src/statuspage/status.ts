import type { ComponentStatus } from '@operable/shared';
import { DateTime } from 'luxon';

/**
 * The status rules, pure: which status is worse, what a component shows, what the
 * page's indicator says, and how a span of time lands on the daily bars.
 */

const SEVERITY: Record<ComponentStatus, number> = {
  operational: 0,
  under_maintenance: 1,
  degraded_performance: 2,
  partial_outage: 3,
  major_outage: 4,
};

export const worse = (a: ComponentStatus, b: ComponentStatus): ComponentStatus => (SEVERITY[b] > SEVERITY[a] ? b : a);
export const worst = (statuses: Iterable<ComponentStatus>): ComponentStatus => {
  let w: ComponentStatus = 'operational';
  for (const s of statuses) w = worse(w, s);
  return w;
};

/** A set-by-hand status wins; then maintenance in progress; then what the component follows. */
export function effectiveStatus(c: { manual: ComponentStatus | null; inMaintenance: boolean; automatic: ComponentStatus }): ComponentStatus {
  if (c.manual) return c.manual;
  if (c.inMaintenance) return 'under_maintenance';
  return c.automatic;
}

/** What one source says, as a component status: a service with an open alert fails. */
export interface SourceSignal {
  /** The status the component takes while this source fails (configured per link). */
  failingStatus: ComponentStatus;
  /** Failing outright (a high-urgency alert, a check that is down). */
  failing: boolean;
  /** Only degraded (a low-urgency alert, a slow check). */
  degraded: boolean;
}

export function automaticStatus(signals: SourceSignal[]): ComponentStatus {
  return worst(signals.map((s) => (s.failing ? s.failingStatus : s.degraded ? 'degraded_performance' : 'operational')));
}

export type Indicator = 'none' | 'minor' | 'major' | 'critical';

/**
 * The page's `status` object. Only the four indicators of Statuspage v2: maintenance
 * shows through component statuses, never as a fifth indicator. Open incidents count
 * through their impact, so a posted "major" incident makes the page major even while
 * the components have not been changed yet.
 */
export function pageStatus(componentStatuses: ComponentStatus[], openIncidentImpacts: string[]): { indicator: Indicator; description: string } {
  const w = worst(componentStatuses);
  let level = w === 'major_outage' ? 3 : w === 'partial_outage' ? 2 : w === 'degraded_performance' ? 1 : 0;
  for (const impact of openIncidentImpacts) level = Math.max(level, impact === 'critical' ? 3 : impact === 'major' ? 2 : impact === 'minor' ? 1 : 0);
  const indicator = (['none', 'minor', 'major', 'critical'] as const)[level]!;
  if (w === 'major_outage') return { indicator, description: 'Major System Outage' };
  if (w === 'partial_outage') return { indicator, description: 'Partial System Outage' };
  if (w === 'degraded_performance') return { indicator, description: 'Minor Service Outage' };
  if (level > 0) return { indicator, description: level === 1 ? 'Minor Service Outage' : level === 2 ? 'Partial System Outage' : 'Major System Outage' };
  if (componentStatuses.includes('under_maintenance')) return { indicator, description: 'Service Under Maintenance' };
  return { indicator, description: 'All Systems Operational' };
}

export type DayColumn = 'degraded_seconds' | 'partial_seconds' | 'major_seconds' | 'maintenance_seconds';
export const DAY_COLUMN: Partial<Record<ComponentStatus, DayColumn>> = {
  degraded_performance: 'degraded_seconds',
  partial_outage: 'partial_seconds',
  major_outage: 'major_seconds',
  under_maintenance: 'maintenance_seconds',
};

/**
 * Splits [from, to) at local midnights of `zone` (DST-aware: a day may be 23 or 25
 * hours) into whole seconds per local date. Seconds are rounded per piece from the
 * piece's exact boundaries, so adjacent spans never lose or double a second.
 */
export function splitByDay(from: Date, to: Date, zone: string): { day: string; seconds: number }[] {
  const out: { day: string; seconds: number }[] = [];
  if (to.getTime() <= from.getTime()) return out;
  let cursor = DateTime.fromJSDate(from, { zone });
  const end = to.getTime();
  while (cursor.toMillis() < end) {
    const next = Math.min(cursor.startOf('day').plus({ days: 1 }).toMillis(), end);
    const seconds = Math.floor(next / 1000) - Math.floor(cursor.toMillis() / 1000);
    if (seconds > 0) out.push({ day: cursor.toISODate()!, seconds });
    cursor = DateTime.fromMillis(next, { zone });
  }
  return out;
}

export interface DayTotals {
  degraded: number;
  partial: number;
  major: number;
  maintenance: number;
}

/**
 * Uptime of one day as Statuspage counts it: a major outage counts fully, a partial
 * outage 30 %, degraded performance and maintenance not at all.
 */
export function dayUptime(t: DayTotals, daySeconds = 86_400): number {
  const down = t.major + 0.3 * t.partial;
  return Math.max(0, Math.min(1, 1 - down / daySeconds));
}

/** The status a day's bar shows: the worst status that lasted at all that day. */
export function dayStatus(t: DayTotals): ComponentStatus {
  if (t.major > 0) return 'major_outage';
  if (t.partial > 0) return 'partial_outage';
  if (t.degraded > 0) return 'degraded_performance';
  if (t.maintenance > 0) return 'under_maintenance';
  return 'operational';
}
