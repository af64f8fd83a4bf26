/**
 * The post-mortem's view of an incident timeline: which entries are the key moments
 * (detected, acknowledged, mitigated, resolved) and where nothing was recorded for a
 * long time. Pure; the draft, the meeting page and the export all read it.
 */

export const KEY_MOMENTS = ['detected', 'acknowledged', 'mitigated', 'resolved'] as const;
export type KeyMoment = (typeof KEY_MOMENTS)[number];

/** One timeline entry as the post-mortem needs it, whatever the incident stored. */
export interface SourceEntry {
  at: Date;
  /** What happened, e.g. `alert_triggered`, `acknowledged`, `status_changed`, `note`, `command`, `compensating_action`. */
  kind: string;
  /** Who did it (a name), or null for the system. */
  actor: string | null;
  /** One line saying what happened. */
  text: string;
  /** For `status_changed`: the new status; for `alert_event`: the alert's event (e.g. `acknowledged`). */
  status?: string | null;
  /** A moment the source already knows this entry to be; wins over what its kind suggests. */
  moment?: KeyMoment | null;
}

export interface MarkedEntry extends SourceEntry {
  /** The key moment this entry is, only on the first entry of each moment. */
  moment: KeyMoment | null;
  /** Minutes since the previous entry when more than the gap threshold; else null. */
  gapBeforeMinutes: number | null;
}

/** What an entry's kind and status suggest it is, before "first of each" is applied. */
export function momentOf(e: SourceEntry): KeyMoment | null {
  if (e.moment) return e.moment;
  const kind = e.kind.toLowerCase();
  const status = (e.status ?? '').toLowerCase();
  if (kind === 'declared' || kind === 'alert_triggered' || kind === 'detected') return 'detected';
  if (kind === 'acknowledged' || kind === 'alert_acknowledged') return 'acknowledged';
  if (kind === 'alert_event' && status === 'acknowledged') return 'acknowledged';
  if (kind === 'mitigated' || kind === 'compensating_action' || kind === 'action_run') return 'mitigated';
  if (kind === 'resolved' || kind === 'incident_resolved') return 'resolved';
  if (kind === 'status_changed') {
    if (status === 'monitoring' || status === 'mitigated') return 'mitigated';
    if (status === 'resolved') return 'resolved';
  }
  return null;
}

/** Entries in time order (stable for equal times). */
export function sortEntries<T extends { at: Date }>(entries: readonly T[]): T[] {
  return entries
    .map((e, i) => ({ e, i }))
    .sort((a, b) => a.e.at.getTime() - b.e.at.getTime() || a.i - b.i)
    .map(({ e }) => e);
}

/**
 * Marks the first entry of each key moment and the gaps longer than `gapMinutes`.
 * A later moment never sits before an earlier one: an acknowledgement recorded
 * before anything was detected makes the acknowledgement the detection too (the
 * first sign anyone saw), and resolving without a mitigation marks no mitigation.
 */
export function markTimeline(entries: readonly SourceEntry[], gapMinutes: number): MarkedEntry[] {
  const sorted = sortEntries(entries);
  // A moment the responders marked by hand is that moment; guesses from kinds fill in only the others.
  const marked = new Set(sorted.flatMap((e) => (e.moment ? [e.moment] : [])));
  const seen = new Set<KeyMoment>();
  const out: MarkedEntry[] = [];
  let previous: Date | null = null;
  for (const e of sorted) {
    let moment = momentOf(e);
    if (moment && !e.moment && marked.has(moment)) moment = null;
    if (moment && seen.has(moment)) moment = null;
    if (moment && moment !== 'detected' && !seen.has('detected')) {
      // Whatever happened first is when we knew: mark it detected, keep its own kind in the text.
      seen.add('detected');
      moment = 'detected';
    }
    if (moment) seen.add(moment);
    const gap = previous ? (e.at.getTime() - previous.getTime()) / 60_000 : 0;
    out.push({ ...e, moment, gapBeforeMinutes: previous && gap > gapMinutes ? Math.round(gap) : null });
    previous = e.at;
  }
  return out;
}

export interface Moments {
  detected: Date | null;
  acknowledged: Date | null;
  mitigated: Date | null;
  resolved: Date | null;
}

export function momentTimes(marked: readonly MarkedEntry[]): Moments {
  const find = (m: KeyMoment) => marked.find((e) => e.moment === m)?.at ?? null;
  return { detected: find('detected'), acknowledged: find('acknowledged'), mitigated: find('mitigated'), resolved: find('resolved') };
}

/** "42 min", "1 h 5 min", "2 d 3 h": short, for people, rounded to the minute. */
export function formatDuration(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours < 24) return rest ? `${hours} h ${rest} min` : `${hours} h`;
  const days = Math.floor(hours / 24);
  const h = hours % 24;
  return h ? `${days} d ${h} h` : `${days} d`;
}

/** Time of day (HH:MM) in a zone, with the date when the incident spans days. */
export function formatTime(at: Date, timeZone: string, withDate: boolean): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  const time = `${parts.hour}:${parts.minute}`;
  return withDate ? `${parts.year}-${parts.month}-${parts.day} ${time}` : time;
}

/** Whether the entries fall on more than one day in the zone (then times carry their date). */
export function spansDays(dates: readonly Date[], timeZone: string): boolean {
  const days = new Set(dates.map((d) => formatTime(d, timeZone, true).slice(0, 10)));
  return days.size > 1;
}
