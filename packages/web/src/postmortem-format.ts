import type { Lateness, PostmortemSummary } from '@operable/shared';

/** Words and clocks for the post-mortem pages (pure, tested). */

export const STATE_LABEL: Record<string, string> = { draft: 'Draft', in_review: 'In review', reviewed: 'Reviewed', closed: 'Closed' };
export const MOMENT_LABEL: Record<string, string> = { detected: 'Detected', acknowledged: 'Acknowledged', mitigated: 'Mitigated', resolved: 'Resolved' };

/** "Meeting overdue, 2 action items overdue": what is late, in words. */
export function lateText(late: readonly Lateness[]): string {
  return late
    .map((l) => {
      if (l.what === 'action_items') return `${l.count ?? 1} action item${l.count === 1 ? '' : 's'} overdue`;
      if (l.what === 'follow_up') return '30-day follow-up due';
      return `${l.what === 'interviews' ? 'Interviews' : 'Meeting'} overdue`;
    })
    .join(', ');
}

/** Late ones first (longest late first), then the rest newest first. */
export function sortForList(items: readonly PostmortemSummary[]): PostmortemSummary[] {
  const since = (p: PostmortemSummary) => Math.min(...p.late.map((l) => Date.parse(l.since)));
  return [...items].sort((a, b) => {
    if (!!a.late.length !== !!b.late.length) return a.late.length ? -1 : 1;
    if (a.late.length) return since(a) - since(b);
    return Date.parse(b.incidentResolvedAt) - Date.parse(a.incidentResolvedAt);
  });
}

/** The timeboxed agenda: intro, the timeline told by the people who acted, remediation. */
export const AGENDA = [
  { key: 'intro', title: 'Introduction', minutes: 5, hint: 'Why we are here: learning, not blame. Who acted; what we will decide.' },
  { key: 'timeline', title: 'Timeline, told by the people who acted', minutes: 35, hint: '30–40 minutes. For each entry: what did you see, what did you think?' },
  { key: 'remediation', title: 'Remediation', minutes: 10, hint: 'Action items with an owner and a due date each.' },
] as const;

/** A part's clock: time left (or over), as m:ss. */
export function partClock(minutes: number, elapsedMs: number): { text: string; over: boolean; fraction: number } {
  const budget = minutes * 60_000;
  const left = budget - elapsedMs;
  const abs = Math.abs(Math.trunc(left / 1000));
  const text = `${Math.floor(abs / 60)}:${String(abs % 60).padStart(2, '0')}`;
  return left >= 0 ? { text: `${text} left`, over: false, fraction: Math.min(1, elapsedMs / budget) } : { text: `${text} over`, over: true, fraction: 1 };
}

/** Deadline in words relative to now: "in 2 days", "3 hours ago". */
export function relative(iso: string, now: number): string {
  const diff = Date.parse(iso) - now;
  const abs = Math.abs(diff);
  const unit = abs >= 86_400_000 ? ['day', 86_400_000] : abs >= 3_600_000 ? ['hour', 3_600_000] : ['minute', 60_000];
  const n = Math.max(1, Math.round(abs / (unit[1] as number)));
  const words = `${n} ${unit[0]}${n === 1 ? '' : 's'}`;
  return diff >= 0 ? `in ${words}` : `${words} ago`;
}
