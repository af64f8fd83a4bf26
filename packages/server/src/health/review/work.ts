import type { ReviewWork } from '@operable/shared';
import { summarizeWellbeing } from '../../incidents/index.js';

/**
 * The review's work sections (wellbeing, post-mortems due, action items) as they stood
 * at the end of a week, from plain rows. Pure: the fixture test works them by hand.
 * Rows carry what they are now; a step's time says when it happened, so the state at
 * a week's end is read back from the times (an item done after that end was still
 * open then).
 */

const DAY = 86_400_000;

export interface WellbeingAnswer {
  at: number;
  stress: number;
  sleepLostMinutes: number;
}

export interface PostmortemFacts {
  id: string;
  title: string;
  incidentNumber: number;
  state: 'draft' | 'in_review' | 'reviewed' | 'closed';
  createdAt: number;
  meetingDueAt: number;
  meetingHeldAt: number | null;
}

export interface ActionFacts {
  title: string;
  from: string;
  owner: string | null;
  /** YYYY-MM-DD; post-mortem items only. */
  dueOn: string | null;
  createdAt: number;
  /** When it was done or dropped, null while open. */
  closedAt: number | null;
  /** Done (counts as closed work) rather than dropped / won't do. */
  done: boolean;
}

/** Wellbeing answers of weeks starting at `weekStarts` (epoch ms, each a week long), oldest first. */
export function wellbeingWeeks(answers: readonly WellbeingAnswer[], weekStarts: readonly { start: number; end: number; date: string }[]): ReviewWork['wellbeing'] {
  return { weeks: weekStarts.map((w) => ({ weekStart: w.date, ...summarizeWellbeing(answers.filter((a) => a.at >= w.start && a.at < w.end)) })) };
}

/**
 * Post-mortems awaiting their review at `at`: made by then and the meeting not held by
 * then (a closed one without a meeting is not awaited). Overdue: the meeting's deadline
 * has passed. Most overdue first.
 */
export function postmortemsAt(rows: readonly PostmortemFacts[], at: number, limit = 10): ReviewWork['postmortems'] {
  const awaiting = rows
    .filter((p) => p.createdAt < at && (p.meetingHeldAt === null || p.meetingHeldAt >= at) && !(p.state === 'closed' && p.meetingHeldAt === null))
    .sort((a, b) => a.meetingDueAt - b.meetingDueAt || a.incidentNumber - b.incidentNumber);
  const items = awaiting.map((p) => ({ id: p.id, title: p.title, incidentNumber: p.incidentNumber, state: p.state, meetingDueAt: new Date(p.meetingDueAt).toISOString(), overdue: p.meetingDueAt <= at }));
  return { awaiting: items.length, overdue: items.filter((i) => i.overdue).length, items: items.slice(0, limit) };
}

/** An item due on a day is overdue from the next day 00:00 UTC (as post-mortems define it). */
const overdueAt = (dueOn: string) => Date.parse(`${dueOn}T00:00:00Z`) + DAY;

/** Action items open at the end of the week [start, end), those overdue, and the week's flow. Overdue first, then by due day. */
export function actionItemsAt(rows: readonly ActionFacts[], start: number, end: number, limit = 10): ReviewWork['actionItems'] {
  const open = rows.filter((r) => r.createdAt < end && (r.closedAt === null || r.closedAt >= end));
  const items = open
    .map((r) => ({ title: r.title, from: r.from, owner: r.owner, dueOn: r.dueOn, overdue: r.dueOn !== null && overdueAt(r.dueOn) <= end }))
    .sort((a, b) => Number(b.overdue) - Number(a.overdue) || (a.dueOn ?? '9999').localeCompare(b.dueOn ?? '9999') || a.title.localeCompare(b.title));
  return {
    open: items.length,
    overdue: items.filter((i) => i.overdue).length,
    opened: rows.filter((r) => r.createdAt >= start && r.createdAt < end).length,
    closed: rows.filter((r) => r.done && r.closedAt !== null && r.closedAt >= start && r.closedAt < end).length,
    items: items.slice(0, limit),
  };
}
