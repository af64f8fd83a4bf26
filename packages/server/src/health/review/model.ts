import type { HealthReport, ReviewDelta as ReviewDeltaView, ReviewWork, Risk, TeamToil } from '@operable/shared';
import { localTime } from '../metrics/index.js';

/**
 * The weekly operational review as data: what the Markdown and the HTML renderers
 * (and the UI) show. Built from two health reports (the week and the one before)
 * so every number is the one the health views show.
 */
/** One row of "what changed since last week"; every number here is better when lower. */
export type ReviewDelta = ReviewDeltaView;

export interface ReviewModel {
  title: string;
  scope: HealthReport['scope'];
  weekStart: string;
  weekEnd: string;
  generatedAt: string;
  current: HealthReport;
  previous: HealthReport;
  deltas: ReviewDelta[];
  toil: Pick<TeamToil, 'toilHours' | 'workingHours' | 'workingHoursFrom' | 'share' | 'target' | 'overTarget' | 'topRecurring'> | null;
  risks: Risk[];
  /** Wellbeing, post-mortems due and action items at the end of the week. */
  work: ReviewWork;
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
  work: ReviewWork;
  /** The same at the end of the week before, for the deltas. */
  previousWork: ReviewWork;
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
    delta('Post-mortems awaiting review', input.work.postmortems.awaiting, input.previousWork.postmortems.awaiting, 'count'),
    delta('Open action items', input.work.actionItems.open, input.previousWork.actionItems.open, 'count'),
    delta('Overdue action items', input.work.actionItems.overdue, input.previousWork.actionItems.overdue, 'count'),
    delta('Average stress after incidents (1–5)', thisWeek(input.work)?.averageStress ?? null, thisWeek(input.previousWork)?.averageStress ?? null, 'score'),
    delta('Sleep lost after incidents', answered(thisWeek(input.work))?.sleepLostMinutes ?? null, answered(thisWeek(input.previousWork))?.sleepLostMinutes ?? null, 'minutes'),
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
    toil: input.toil ? { toilHours: input.toil.toilHours, workingHours: input.toil.workingHours, workingHoursFrom: input.toil.workingHoursFrom, share: input.toil.share, target: input.toil.target, overTarget: input.toil.overTarget, topRecurring: input.toil.topRecurring } : null,
    risks: input.risks.slice(0, 10),
    work: input.work,
  };
}

/** The reviewed week's wellbeing (the last of the trend); a week nobody answered has no numbers. */
const thisWeek = (w: ReviewWork) => w.wellbeing.weeks.at(-1);
const answered = <T extends { answers: number }>(w: T | undefined) => (w && w.answers > 0 ? w : undefined);

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
  if (unit === 'score') return v.toFixed(1);
  if (unit === 'minutes') return duration(v * 60);
  return String(v);
}

export function change(d: ReviewDelta): string {
  if (d.change === null) return '–';
  if (d.direction === 'same') return '= no change';
  const magnitude = Math.abs(d.change);
  const shown =
    d.unit === 'seconds' || d.unit === 'minutes'
      ? duration(d.unit === 'minutes' ? magnitude * 60 : magnitude)
      : d.unit === 'share'
        ? `${Math.round(magnitude * 1000) / 10} pts`
        : d.unit === 'gini'
          ? magnitude.toFixed(2)
          : d.unit === 'score'
            ? magnitude.toFixed(1)
            : String(magnitude);
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

export const PM_STATE: Record<string, string> = { draft: 'draft', in_review: 'in review', reviewed: 'reviewed', closed: 'closed' };

/** A due day (YYYY-MM-DD, a calendar date with no zone) spelt like the other dates. */
export const dueDay = (date: string): string => day(`${date}T12:00:00Z`, 'UTC');

/** Where the working hours came from, in words: each person's own setting or the 40-hour fallback. */
export function hoursBasis(from: TeamToil['workingHoursFrom']): string {
  const people = (n: number) => `${n} ${n === 1 ? 'person' : 'people'}`;
  if (!from.fallback) return 'everyone’s own working hours';
  if (!from.settings) return '40 h a week each, no working hours set';
  return `${people(from.settings)} by their own working hours, ${people(from.fallback)} at 40 h a week`;
}
