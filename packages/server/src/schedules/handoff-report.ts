import type { HandoffReport } from '@operable/shared';
import type { Interval } from './intervals.js';
import { scheduleLines, type Role, type ScheduleSpec, type Span } from './oncall.js';
import { localSpan, localTime, oneLine } from './notice-text.js';

/**
 * Handoff reports, pure: when handoffs happen, and what a report says, from facts
 * the repository gathered. No incidents module yet: once there is one, the
 * incidents of the shift join the pages here.
 */

const DAY = 86_400_000;
/** How far back a stretch is followed; a longer one is seen from this far back only (like handoff notes). */
export const LOOKBACK = 45 * DAY;
/** How far ahead the incoming person's stretch is followed to say until when they are on call. */
export const LOOKAHEAD = 45 * DAY;
/** Sources listed as the noisiest, per kind (services, dedup keys). */
export const NOISIEST = 5;
/** Pages and open alerts listed by name; the rest are counted. */
export const MAX_LISTED = 25;

export interface Handoff {
  role: Role;
  at: number;
  outgoing: string;
  incoming: string;
  /** When the outgoing person's stretch began (at most LOOKBACK before the window). */
  shiftStart: number;
  /** When the incoming person's stretch ends; null when further away than LOOKAHEAD. */
  incomingUntil: number | null;
  /** Nobody was on call between the two stretches. */
  gap: Interval | null;
}

/** One person's consecutive time on a role, across gaps where nobody else took over. */
export interface Run {
  userId: string;
  start: number;
  end: number;
}

export function runsOf(line: readonly Span[]): Run[] {
  const runs: Run[] = [];
  for (const s of line) {
    const last = runs[runs.length - 1];
    if (last && last.userId === s.userId) last.end = s.end;
    else runs.push({ userId: s.userId, start: s.start, end: s.end });
  }
  return runs;
}

/**
 * Handoffs of each role with `at` in (after, until], in time order. A handoff is
 * where the person on call changes. Across a gap it happens when the incoming
 * person starts, because they are the one who needs the report; the same person on
 * both sides of a gap (a restricted layer's nights off) is no handoff at all.
 */
export function handoffsBetween(spec: ScheduleSpec, after: number, until: number): Handoff[] {
  if (until <= after) return [];
  const to = until + LOOKAHEAD;
  const { final } = scheduleLines(spec, after - LOOKBACK, to);
  const out: Handoff[] = [];
  for (const role of ['primary', 'secondary'] as const) {
    const runs = runsOf(final[role]);
    for (let i = 1; i < runs.length; i++) {
      const prev = runs[i - 1]!;
      const next = runs[i]!;
      if (next.start <= after || next.start > until) continue;
      out.push({
        role,
        at: next.start,
        outgoing: prev.userId,
        incoming: next.userId,
        shiftStart: prev.start,
        incomingUntil: next.end < to ? next.end : null,
        gap: prev.end < next.start ? { start: prev.end, end: next.start } : null,
      });
    }
  }
  return out.sort((a, b) => a.at - b.at || a.role.localeCompare(b.role));
}

export interface AlertFact {
  id: string;
  number: number;
  summary: string;
  serviceId: string;
  serviceName: string;
  status: 'triggered' | 'acknowledged' | 'resolved';
  createdAt: number;
}

export interface PageFact extends AlertFact {
  /** The first message to the outgoing person about this alert in the shift. */
  pagedAt: number;
  messages: number;
}

/** Alerts of one (service, dedup key) created in the shift. */
export interface NoiseFact {
  serviceId: string;
  serviceName: string;
  dedupKey: string;
  summary: string;
  alerts: number;
  occurrences: number;
}

export interface NoteFact {
  shiftStart: number;
  body: string;
  updatedAt: number;
}

export interface IncidentFact {
  id: string;
  number: number;
  title: string;
  severity: number;
  status: 'investigating' | 'identified' | 'monitoring' | 'resolved';
  drill: boolean;
  declaredAt: number;
  resolvedAt: number | null;
  roles: string[];
}

export interface HandoffFacts {
  schedule: { id: string; name: string; timeZone: string };
  handoff: Handoff;
  names: ReadonlyMap<string, string>;
  late: boolean;
  pages: readonly PageFact[];
  open: readonly AlertFact[];
  openTotal: number;
  noise: readonly NoiseFact[];
  notes: readonly NoteFact[];
  incidents?: readonly IncidentFact[];
}

export function buildHandoffReport(f: HandoffFacts): HandoffReport {
  const iso = (ms: number) => new Date(ms).toISOString();
  const person = (id: string) => ({ id, name: f.names.get(id) ?? 'Deleted user' });
  const alert = (a: AlertFact) => ({
    id: a.id,
    number: a.number,
    summary: a.summary,
    service: { id: a.serviceId, name: a.serviceName },
    status: a.status,
    createdAt: iso(a.createdAt),
  });
  const { handoff: h } = f;
  return {
    scheduleId: f.schedule.id,
    scheduleName: f.schedule.name,
    timeZone: f.schedule.timeZone,
    role: h.role,
    changeoverAt: iso(h.at),
    shiftStart: iso(h.shiftStart),
    outgoing: person(h.outgoing),
    incoming: person(h.incoming),
    gap: h.gap ? { start: iso(h.gap.start), end: iso(h.gap.end) } : null,
    late: f.late,
    pages: [...f.pages]
      .sort((a, b) => a.pagedAt - b.pagedAt || a.number - b.number)
      .slice(0, MAX_LISTED)
      .map((p) => ({ ...alert(p), pagedAt: iso(p.pagedAt), messages: p.messages })),
    open: [...f.open].sort((a, b) => b.createdAt - a.createdAt || b.number - a.number).slice(0, MAX_LISTED).map(alert),
    openTotal: Math.max(f.openTotal, f.open.length),
    alertsInShift: f.noise.reduce((n, s) => n + s.alerts, 0),
    noisiest: rankNoise(f.noise),
    notes: f.notes
      .filter((n) => n.body.trim())
      .sort((a, b) => a.shiftStart - b.shiftStart)
      .map((n) => ({ shiftStart: iso(n.shiftStart), body: n.body, updatedAt: iso(n.updatedAt) })),
    incidents: [...(f.incidents ?? [])]
      .sort((a, b) => a.declaredAt - b.declaredAt || a.number - b.number)
      .slice(0, MAX_LISTED)
      .map((i) => ({ ...i, declaredAt: iso(i.declaredAt), resolvedAt: i.resolvedAt === null ? null : iso(i.resolvedAt) })),
  };
}

/** The loudest services and dedup keys: most alerts first, then most repeats (occurrences), then by name. */
export function rankNoise(noise: readonly NoiseFact[]): HandoffReport['noisiest'] {
  const louder = (a: { alerts: number; occurrences: number }, b: { alerts: number; occurrences: number }) => b.alerts - a.alerts || b.occurrences - a.occurrences;
  const services = new Map<string, { id: string; name: string; alerts: number; occurrences: number }>();
  for (const n of noise) {
    const s = services.get(n.serviceId) ?? { id: n.serviceId, name: n.serviceName, alerts: 0, occurrences: 0 };
    s.alerts += n.alerts;
    s.occurrences += n.occurrences;
    services.set(n.serviceId, s);
  }
  return {
    services: [...services.values()].sort((a, b) => louder(a, b) || a.name.localeCompare(b.name) || a.id.localeCompare(b.id)).slice(0, NOISIEST),
    keys: noise
      .filter((n) => n.alerts > 0)
      .sort((a, b) => louder(a, b) || a.serviceName.localeCompare(b.serviceName) || a.dedupKey.localeCompare(b.dedupKey))
      .slice(0, NOISIEST)
      .map((n) => ({ service: { id: n.serviceId, name: n.serviceName }, dedupKey: n.dedupKey, summary: n.summary, alerts: n.alerts, occurrences: n.occurrences })),
  };
}

export function handoffTitle(r: HandoffReport): string {
  return `Handoff: ${r.scheduleName} ${r.role}, ${r.outgoing.name} → ${r.incoming.name}`;
}

/** The report as the email's plain text (the inbox keeps the structured report beside it). */
export function renderHandoffText(r: HandoffReport, publicUrl: string): string {
  const zone = r.timeZone;
  const at = (t: string) => localTime(Date.parse(t), zone);
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const line = (a: HandoffReport['open'][number]) => `- #${a.number} ${oneLine(a.service.name, 80)}: ${oneLine(a.summary)} (${a.status})`;
  const sections: string[] = [
    [
      `${r.outgoing.name} hands ${r.role} on call for ${r.scheduleName} to ${r.incoming.name} at ${at(r.changeoverAt)} (${zone}).`,
      `Shift: ${localSpan(Date.parse(r.shiftStart), Date.parse(r.changeoverAt), zone)}.`,
      r.gap ? `Nobody was on call from ${at(r.gap.start)} to ${at(r.gap.end)}.` : '',
      r.late ? 'This report is late: the engine was not running at the changeover.' : '',
    ]
      .filter(Boolean)
      .join('\n'),
  ];
  sections.push(
    r.pages.length
      ? [`Pages during the shift (${r.pages.length}):`, ...r.pages.map((p) => `${line(p)}, first paged ${at(p.pagedAt)}`)].join('\n')
      : 'Pages during the shift: none.',
  );
  const more = r.openTotal - r.open.length;
  sections.push(
    r.openTotal
      ? [`Still open (${r.openTotal}):`, ...r.open.map((a) => `${line(a)}, since ${at(a.createdAt)}`), ...(more > 0 ? [`- and ${more} more`] : [])].join('\n')
      : 'Still open: nothing.',
  );
  const incidents = r.incidents ?? [];
  sections.push(
    incidents.length
      ? [
          `Incidents during the shift (${incidents.length}):`,
          ...incidents.map(
            (i) =>
              `- #${i.number} SEV${i.severity}${i.drill ? ' DRILL' : ''} ${oneLine(i.title)} (${i.status}${i.resolvedAt ? ` at ${at(i.resolvedAt)}` : ', still running'})${i.roles.length ? `; ${r.outgoing.name}: ${i.roles.join(', ')}` : ''}`,
          ),
        ].join('\n')
      : 'Incidents during the shift: none.',
  );
  sections.push(
    r.noisiest.keys.length
      ? [
          `Noisiest sources (${plural(r.alertsInShift, 'alert')} in the shift):`,
          ...r.noisiest.services.map((s) => `- ${oneLine(s.name, 80)}: ${plural(s.alerts, 'alert')}, ${plural(s.occurrences, 'event')}`),
          ...r.noisiest.keys.map((k) => `- ${oneLine(k.service.name, 80)} / ${oneLine(k.dedupKey, 80)} (${oneLine(k.summary, 80)}): ${plural(k.alerts, 'alert')}, ${plural(k.occurrences, 'event')}`),
        ].join('\n')
      : 'Noisiest sources: no alerts in the shift.',
  );
  sections.push(
    r.notes.length
      ? [`Notes from ${r.outgoing.name}:`, ...r.notes.map((n) => n.body.trim())].join('\n\n')
      : `Notes from ${r.outgoing.name}: none.`,
  );
  sections.push(`Schedule: ${publicUrl.replace(/\/+$/, '')}/schedules/${r.scheduleId}`);
  return sections.join('\n\n');
}
