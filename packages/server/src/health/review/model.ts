import type { HealthReport, Risk, TeamToil } from '@operable/shared';
import { localTime } from '../metrics/index.js';

/**
 * The weekly operational review as data: what the Markdown and the HTML renderers
 * (and the UI) show. Built from two health reports (the week and the one before)
 * so every number is the one the health views show.
 */
export interface ReviewDelta {
  label: string;
  now: number | null;
  before: number | null;
  /** How to print the values. */
  unit: 'count' | 'seconds' | 'share' | 'gini';
  /** now − before, null when either is missing. */
  change: number | null;
  /** up / down / same; every number here is better when lower. */
  direction: 'up' | 'down' | 'same' | 'none';
}

export interface ReviewModel {
  title: string;
  scope: HealthReport['scope'];
  weekStart: string;
  weekEnd: string;
  generatedAt: string;
  current: HealthReport;
  previous: HealthReport;
  deltas: ReviewDelta[];
  toil: Pick<TeamToil, 'toilHours' | 'workingHours' | 'share' | 'target' | 'overTarget' | 'topRecurring'> | null;
  risks: Risk[];
  openActions: number;
}

function delta(label: string, now: number | null, before: number | null, unit: ReviewDelta['unit']): ReviewDelta {
  if (now === null || before === null) return { label, now, before, unit, change: null, direction: 'none' };
  const change = Math.round((now - before) * 1000) / 1000;
  return { label, now, before, unit, change, direction: change > 0 ? 'up' : change < 0 ? 'down' : 'same' };
}

export function buildReview(input: {
  current: HealthReport;
  previous: HealthReport;
  toil: TeamToil | null;
  previousToil?: TeamToil | null;
  risks: Risk[];
  openActions: number;
  generatedAt: string;
}): ReviewModel {
  const { current: c, previous: p } = input;
  const deltas = [
    delta('Page events', c.pageEvents, p.pageEvents, 'count'),
    delta('Interruptions', c.interruptionsTotal, p.interruptionsTotal, 'count'),
    delta('Sleep-hours interruptions', c.interruptions.sleep, p.interruptions.sleep, 'count'),
    delta('Disrupted hours', c.disruptedHours, p.disruptedHours, 'count'),
    delta('Fairness (Gini)', c.fairness.gini, p.fairness.gini, 'gini'),
    delta('MTTA p50', c.mtta.p50Seconds, p.mtta.p50Seconds, 'seconds'),
    delta('MTTR p50', c.mttr.p50Seconds, p.mttr.p50Seconds, 'seconds'),
    ...(input.toil ? [delta('Toil share', input.toil.share, input.previousToil?.share ?? null, 'share')] : []),
  ];
  return {
    title: `Weekly operational review: ${c.scope.name}`,
    scope: c.scope,
    weekStart: c.from,
    weekEnd: c.to,
    generatedAt: input.generatedAt,
    current: c,
    previous: p,
    deltas,
    toil: input.toil ? { toilHours: input.toil.toilHours, workingHours: input.toil.workingHours, share: input.toil.share, target: input.toil.target, overTarget: input.toil.overTarget, topRecurring: input.toil.topRecurring } : null,
    risks: input.risks.slice(0, 10),
    openActions: input.openActions,
  };
}

// Formatting shared by both renderers, so Markdown and HTML print the same figures.

export const BAND_LABEL = { healthy: 'healthy', edge: 'walking the edge', unhealthy: 'unhealthy' } as const;
export const ARROW = { up: '▲', down: '▼', same: '=', none: '–' } as const;

export function duration(seconds: number | null): string {
  if (seconds === null) return '–';
  if (seconds < 60) return `${Math.round(seconds)} s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  const h = Math.floor(seconds / 3600);
  const m = Math.round((seconds % 3600) / 60);
  return m ? `${h} h ${m} min` : `${h} h`;
}

export const percent = (share: number | null): string => (share === null ? '–' : `${Math.round(share * 1000) / 10} %`);

export function value(v: number | null, unit: ReviewDelta['unit']): string {
  if (v === null) return '–';
  if (unit === 'seconds') return duration(v);
  if (unit === 'share') return percent(v);
  if (unit === 'gini') return v.toFixed(2);
  return String(v);
}

export function change(d: ReviewDelta): string {
  if (d.change === null) return '–';
  if (d.direction === 'same') return '= no change';
  const magnitude = Math.abs(d.change);
  const shown = d.unit === 'seconds' ? duration(magnitude) : d.unit === 'share' ? `${Math.round(magnitude * 1000) / 10} pts` : d.unit === 'gini' ? magnitude.toFixed(2) : String(magnitude);
  return `${ARROW[d.direction]} ${d.direction === 'up' ? '+' : '−'}${shown}`;
}

export const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * A date as the reader's week sees it, "Mon 26 Oct 2026" in the scope's zone. Spelt
 * out here rather than by Intl, whose month abbreviations change between ICU versions.
 */
export function day(iso: string, zone: string): string {
  const t = localTime(Date.parse(iso), zone);
  return `${WEEKDAYS[t.weekday - 1]} ${t.day} ${MONTHS[t.month - 1]} ${t.year}`;
}
