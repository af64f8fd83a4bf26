import type { HandoffReport, InboxItem, ScheduleRole, SwapRequest, WellbeingCheckin } from '@operable/shared';

/**
 * Reading inbox items. An item's `body` is `text` plus content that depends on its
 * kind and on the server version that wrote it, so every reader here checks the
 * shape it needs and returns null when it is not there: the page then shows the
 * title and text, never a crash.
 */

const KIND_LABELS: Record<string, string> = {
  handoff_report: 'Handoff report',
  swap_request: 'Swap request',
  swap_decided: 'Swap answered',
  shift_reminder: 'Shift reminder',
  preflight: 'Pre-flight check',
  recovery_granted: 'Recovery time off',
  recovery_cover: 'Covering a rest day',
  recovery_cover_cancelled: 'Cover no longer needed',
  wellbeing_checkin: 'Check-in after an incident',
  wellbeing_nudge: 'Check on a teammate',
};

export function kindLabel(kind: string): string {
  return KIND_LABELS[kind] ?? 'Notice';
}

export function unreadCount(items: readonly InboxItem[]): number {
  return items.filter((i) => !i.readAt).length;
}

/** Newest first; the server sends them so, but a stable order here keeps the list from jumping. */
export function newestFirst(items: readonly InboxItem[]): InboxItem[] {
  return [...items].sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id));
}

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);
const isStr = (x: unknown): x is string => typeof x === 'string';
const isPerson = (x: unknown) => isObj(x) && isStr(x.id) && isStr(x.name);
const isRole = (x: unknown): x is ScheduleRole => x === 'primary' || x === 'secondary';

export function textOf(item: InboxItem): string {
  return isStr(item.body.text) ? item.body.text : '';
}

export function isHandoffReport(x: unknown): x is HandoffReport {
  return (
    isObj(x) &&
    isStr(x.scheduleId) &&
    isStr(x.scheduleName) &&
    isRole(x.role) &&
    isStr(x.changeoverAt) &&
    isStr(x.shiftStart) &&
    isPerson(x.outgoing) &&
    isPerson(x.incoming) &&
    Array.isArray(x.pages) &&
    Array.isArray(x.open) &&
    typeof x.openTotal === 'number' &&
    isObj(x.noisiest) &&
    Array.isArray(x.noisiest.services) &&
    Array.isArray(x.noisiest.keys) &&
    Array.isArray(x.notes)
  );
}

export function handoffReportOf(item: InboxItem): HandoffReport | null {
  return isHandoffReport(item.body.report) ? item.body.report : null;
}

export function swapRequestOf(item: InboxItem): SwapRequest | null {
  const s = item.body.swapRequest;
  return isObj(s) && isStr(s.id) && isStr(s.scheduleId) && isRole(s.role) && isPerson(s.requester) && isPerson(s.responder) && isStr(s.start) && isStr(s.end)
    ? (s as SwapRequest)
    : null;
}

export interface ShiftReminder {
  scheduleId: string;
  scheduleName: string;
  role: ScheduleRole;
  start: string;
  end: string | null;
  takingOverFrom: { id: string; name: string } | null;
}

export function shiftReminderOf(item: InboxItem): ShiftReminder | null {
  const b = item.body;
  if (!isStr(b.scheduleId) || !isStr(b.scheduleName) || !isRole(b.role) || !isStr(b.start)) return null;
  return {
    scheduleId: b.scheduleId,
    scheduleName: b.scheduleName,
    role: b.role,
    start: b.start,
    end: isStr(b.end) ? b.end : null,
    takingOverFrom: isPerson(b.takingOverFrom) ? (b.takingOverFrom as { id: string; name: string }) : null,
  };
}

/** The schedule an item is about, when it names one (pre-flight checks, reminders). */
export function scheduleIdOf(item: InboxItem): string | null {
  return isStr(item.body.scheduleId) ? item.body.scheduleId : null;
}

/** A pre-flight check that found this person can't be reached (no verified high-urgency contact). */
export function findsUnreachable(item: InboxItem, userId: string): boolean {
  const findings = item.body.findings;
  return Array.isArray(findings) && findings.some((f) => isObj(f) && f.kind === 'unreachable' && f.userId === userId);
}

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "2 pages, 1 still open, a note": what a collapsed report says about itself. */
export function handoffCounts(r: HandoffReport): string {
  const parts = [r.pages.length ? count(r.pages.length, 'page') : 'no pages', r.openTotal ? `${r.openTotal} still open` : 'nothing open'];
  if (r.notes.length) parts.push(r.notes.length === 1 ? 'a note' : count(r.notes.length, 'note'));
  return parts.join(', ');
}

/** The incident a wellbeing notice is about, as the page address takes it (its number when known). */
export function incidentRefOf(item: InboxItem): string | null {
  const { incidentNumber, incidentId } = item.body;
  if (typeof incidentNumber === 'number' && Number.isInteger(incidentNumber)) return String(incidentNumber);
  return isStr(incidentId) ? incidentId : null;
}

export type WellbeingEntry =
  | { kind: 'checkin'; key: string; at: string; checkin: WellbeingCheckin; inboxItemId: string | null }
  | { kind: 'nudge'; key: string; at: string; item: InboxItem; incidentRef: string | null };

/**
 * What the home page asks of a responder after incidents: their own check-ins not yet
 * answered (the check-in itself is the source of truth; its inbox notice is paired so
 * answering can mark it read), and unread nudges to check on a teammate woken at night.
 * Newest first.
 */
export function wellbeingEntries(checkins: readonly WellbeingCheckin[], inbox: readonly InboxItem[]): WellbeingEntry[] {
  const notices = inbox.filter((i) => i.kind === 'wellbeing_checkin');
  const entries: WellbeingEntry[] = checkins
    .filter((c) => !c.answeredAt)
    .map((c) => ({
      kind: 'checkin',
      key: `checkin:${c.id}`,
      at: c.requestedAt,
      checkin: c,
      inboxItemId: notices.find((n) => !n.readAt && (n.body.incidentId === c.incidentId || n.body.incidentNumber === c.incidentNumber))?.id ?? null,
    }));
  for (const item of inbox) {
    if (item.kind === 'wellbeing_nudge' && !item.readAt) entries.push({ kind: 'nudge', key: `nudge:${item.id}`, at: item.createdAt, item, incidentRef: incidentRefOf(item) });
  }
  return entries.sort((a, b) => b.at.localeCompare(a.at) || a.key.localeCompare(b.key));
}
