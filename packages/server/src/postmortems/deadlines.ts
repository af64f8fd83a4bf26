import type { SeverityName } from './draft.js';

/**
 * When a post-mortem's steps are due, and which reminders are due now. Pure: the
 * engine module asks `dueReminders` on the injected clock and sends each key once.
 */

export interface DeadlinePolicy {
  /** Interviews with the people involved, while memory is fresh: hours after resolution. */
  interviewsHours: number;
  /** The review meeting: hours after resolution. */
  meetingHours: number;
}

export type DeadlinePolicies = Record<SeverityName, DeadlinePolicy>;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Interviews within 2 days and the meeting within 7; a SEV1 sooner (1 and 3 days). Admins change these. */
export const DEFAULT_DEADLINES: DeadlinePolicies = {
  SEV1: { interviewsHours: 24, meetingHours: 72 },
  SEV2: { interviewsHours: 48, meetingHours: 168 },
  SEV3: { interviewsHours: 48, meetingHours: 168 },
  SEV4: { interviewsHours: 48, meetingHours: 168 },
};

/** The follow-up review of the action items, after the meeting. */
export const FOLLOW_UP_AFTER_DAYS = 30;
/** A reminder before a deadline comes this long before it, or halfway there when the whole span is shorter than twice this. */
export const NEAR_LEAD_MS = DAY;

export interface Deadlines {
  interviewsDueAt: Date;
  meetingDueAt: Date;
}

export function deadlinesFor(resolvedAt: Date, severity: SeverityName, policies: DeadlinePolicies = DEFAULT_DEADLINES): Deadlines {
  const p = policies[severity];
  return { interviewsDueAt: new Date(resolvedAt.getTime() + p.interviewsHours * HOUR), meetingDueAt: new Date(resolvedAt.getTime() + p.meetingHours * HOUR) };
}

export function followUpDueAt(meetingHeldAt: Date): Date {
  return new Date(meetingHeldAt.getTime() + FOLLOW_UP_AFTER_DAYS * DAY);
}

/** When "this is due soon" is said: a day before, or halfway for short spans, never before the span starts. */
export function nearAt(from: Date, due: Date): Date {
  const span = due.getTime() - from.getTime();
  const lead = Math.min(NEAR_LEAD_MS, Math.max(0, span / 2));
  return new Date(due.getTime() - lead);
}

/** An action item is due at the end of its due day (UTC), so "due 2026-03-10" is overdue from 2026-03-11 00:00 UTC. */
export function actionItemOverdueAt(dueOn: string): Date {
  return new Date(Date.parse(`${dueOn}T00:00:00Z`) + DAY);
}

export type ReminderKind = 'interviews_near' | 'interviews_passed' | 'meeting_near' | 'meeting_passed' | 'action_item_overdue' | 'follow_up_due';

export interface ReminderFacts {
  createdAt: Date;
  state: 'draft' | 'in_review' | 'reviewed' | 'closed';
  interviewsDueAt: Date;
  meetingDueAt: Date;
  interviewsDoneAt: Date | null;
  meetingHeldAt: Date | null;
  actionItems: { id: string; dueOn: string | null; status: 'open' | 'in_progress' | 'done' | 'wont_do' }[];
  followUp: { id: string; dueAt: Date; completedAt: Date | null } | null;
}

export interface Reminder {
  /** Stable per reminder, so each is sent once; a changed due date makes a new key. */
  key: string;
  kind: ReminderKind;
  at: Date;
  actionItemId?: string;
}

/** Every reminder whose time has come and whose step is still undone, oldest first. */
export function dueReminders(f: ReminderFacts, now: Date): Reminder[] {
  if (f.state === 'closed') return [];
  const out: Reminder[] = [];
  const at = (d: Date) => d.toISOString();
  if (!f.interviewsDoneAt && !f.meetingHeldAt) {
    out.push({ key: `interviews_near:${at(f.interviewsDueAt)}`, kind: 'interviews_near', at: nearAt(f.createdAt, f.interviewsDueAt) });
    out.push({ key: `interviews_passed:${at(f.interviewsDueAt)}`, kind: 'interviews_passed', at: f.interviewsDueAt });
  }
  if (!f.meetingHeldAt) {
    out.push({ key: `meeting_near:${at(f.meetingDueAt)}`, kind: 'meeting_near', at: nearAt(f.createdAt, f.meetingDueAt) });
    out.push({ key: `meeting_passed:${at(f.meetingDueAt)}`, kind: 'meeting_passed', at: f.meetingDueAt });
  }
  for (const item of f.actionItems) {
    if (!item.dueOn || item.status === 'done' || item.status === 'wont_do') continue;
    out.push({ key: `action_item_overdue:${item.id}:${item.dueOn}`, kind: 'action_item_overdue', at: actionItemOverdueAt(item.dueOn), actionItemId: item.id });
  }
  if (f.followUp && !f.followUp.completedAt) out.push({ key: `follow_up_due:${f.followUp.id}`, kind: 'follow_up_due', at: f.followUp.dueAt });
  // A "due soon" whose deadline has passed too is left out: the "passed" one says more.
  const passed = new Set(out.filter((r) => r.kind.endsWith('_passed') && r.at <= now).map((r) => r.kind.replace('_passed', '')));
  return out
    .filter((r) => r.at <= now && !(r.kind.endsWith('_near') && passed.has(r.kind.replace('_near', ''))))
    .sort((a, b) => a.at.getTime() - b.at.getTime() || a.key.localeCompare(b.key));
}

export interface Lateness {
  what: 'interviews' | 'meeting' | 'action_items' | 'follow_up';
  /** When it became late. */
  since: Date;
  /** For action items: how many are overdue. */
  count?: number;
}

/** What the post-mortem list shows as late. */
export function lateness(f: ReminderFacts, now: Date): Lateness[] {
  if (f.state === 'closed') return [];
  const out: Lateness[] = [];
  if (!f.interviewsDoneAt && !f.meetingHeldAt && f.interviewsDueAt <= now) out.push({ what: 'interviews', since: f.interviewsDueAt });
  if (!f.meetingHeldAt && f.meetingDueAt <= now) out.push({ what: 'meeting', since: f.meetingDueAt });
  const overdue = f.actionItems
    .filter((i) => i.dueOn && (i.status === 'open' || i.status === 'in_progress'))
    .map((i) => actionItemOverdueAt(i.dueOn!))
    .filter((d) => d <= now)
    .sort((a, b) => a.getTime() - b.getTime());
  if (overdue.length) out.push({ what: 'action_items', since: overdue[0]!, count: overdue.length });
  if (f.followUp && !f.followUp.completedAt && f.followUp.dueAt <= now) out.push({ what: 'follow_up', since: f.followUp.dueAt });
  return out;
}
