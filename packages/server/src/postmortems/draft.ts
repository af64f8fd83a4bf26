import { POSTMORTEM_SECTIONS, type PostmortemSectionKey } from '@operable/shared';
import { formatDuration, formatTime, markTimeline, momentTimes, spansDays, type MarkedEntry, type Moments, type SourceEntry } from './timeline.js';
import { codeSpan, inline } from './markdown-text.js';

/**
 * The draft generator: an incident in, the first version of its post-mortem out.
 * Pure, so every rule of the draft is tested without a database; the incidents
 * adapter turns stored incidents into `DraftIncident`.
 */

export type SeverityName = 'SEV1' | 'SEV2' | 'SEV3' | 'SEV4';

export interface DraftCommand {
  command: string;
  user: string;
  host: string;
  startedAt: Date;
  endedAt: Date | null;
  exitCode: number | null;
}

export interface DraftCompensation {
  name: string;
  by: string | null;
  at: Date;
}

export interface DraftIncident {
  number: number;
  title: string;
  severity: SeverityName;
  /** What the responders wrote as the incident's summary, if anything. */
  summary: string | null;
  services: string[];
  alerts: { number: number; summary: string; service: string | null }[];
  peoplePaged: string[];
  sleepHoursLost: number;
  declaredAt: Date;
  resolvedAt: Date | null;
  timeline: SourceEntry[];
  commands: DraftCommand[];
  compensatingActions: DraftCompensation[];
}

export interface DraftOptions {
  /** Silences longer than this are highlighted in the timeline. */
  gapMinutes: number;
  /** Zone the times are written in. */
  timeZone: string;
}

export const DEFAULT_DRAFT_OPTIONS: DraftOptions = { gapMinutes: 15, timeZone: 'UTC' };

export interface DraftSection {
  key: PostmortemSectionKey;
  title: string;
  markdown: string;
}

export interface Impact {
  /** From detection (or declaration, whichever is first) to resolution; null while unresolved. */
  durationMinutes: number | null;
  minutesToAcknowledge: number | null;
  minutesToMitigate: number | null;
  services: string[];
  alertCount: number;
  peoplePaged: string[];
  sleepHoursLost: number;
}

export interface Draft {
  title: string;
  sections: DraftSection[];
  timeline: MarkedEntry[];
  moments: Moments;
  impact: Impact;
}

const MOMENT_LABEL = { detected: 'Detected', acknowledged: 'Acknowledged', mitigated: 'Mitigated', resolved: 'Resolved' } as const;
const MAX_ALERTS_LISTED = 10;

export function generateDraft(incident: DraftIncident, options: DraftOptions = DEFAULT_DRAFT_OPTIONS): Draft {
  const timeline = markTimeline(incident.timeline, options.gapMinutes);
  const moments = momentTimes(timeline);
  const start = earliest(moments.detected, incident.declaredAt);
  const end = moments.resolved ?? incident.resolvedAt;
  const minutes = (from: Date | null, to: Date | null) => (from && to ? Math.max(0, Math.round((to.getTime() - from.getTime()) / 60_000)) : null);
  const impact: Impact = {
    durationMinutes: minutes(start, end),
    minutesToAcknowledge: minutes(start, moments.acknowledged),
    minutesToMitigate: minutes(start, moments.mitigated),
    services: [...new Set(incident.services)],
    alertCount: incident.alerts.length,
    peoplePaged: [...new Set(incident.peoplePaged)],
    sleepHoursLost: Math.round(incident.sleepHoursLost * 10) / 10,
  };
  const withDate = spansDays([start, ...timeline.map((e) => e.at), ...(end ? [end] : [])], options.timeZone);
  const time = (d: Date) => formatTime(d, options.timeZone, withDate);
  const bodies: Record<PostmortemSectionKey, string> = {
    summary: summaryText(incident, impact, start, options.timeZone),
    impact: impactText(incident, impact),
    timeline: timelineText(timeline, time),
    commands: commandsText(incident, time),
    contributing_factors: '',
    went_well: '',
    went_wrong: '',
    lucky: '',
  };
  return {
    title: `${incident.severity} #${incident.number}: ${incident.title}`,
    sections: POSTMORTEM_SECTIONS.map((s) => ({ key: s.key, title: s.title, markdown: bodies[s.key] })),
    timeline,
    moments,
    impact,
  };
}

function earliest(a: Date | null, b: Date): Date {
  return a && a < b ? a : b;
}

const list = (items: string[]) => (items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`);
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function summaryText(incident: DraftIncident, impact: Impact, start: Date, timeZone: string): string {
  const services = impact.services.length ? list(impact.services.map(inline)) : 'no recorded service';
  const when = formatTime(start, timeZone, true);
  const lasting = impact.durationMinutes === null ? 'and is not resolved yet' : `for ${formatDuration(impact.durationMinutes * 60_000)}`;
  const first =
    `${incident.severity} incident #${incident.number}, "${inline(incident.title)}", affected ${services} from ${when} (${timeZone}) ${lasting}. ` +
    `${plural(impact.alertCount, 'alert')} fired and ${plural(impact.peoplePaged.length, 'person', 'people')} ${impact.peoplePaged.length === 1 ? 'was' : 'were'} paged.`;
  // The responders' own summary is markdown already: kept as written.
  return incident.summary?.trim() ? `${first}\n\n${incident.summary.trim()}` : first;
}

function impactText(incident: DraftIncident, impact: Impact): string {
  const duration = (m: number | null) => (m === null ? 'not recorded' : formatDuration(m * 60_000));
  const lines = [
    `- **Duration:** ${impact.durationMinutes === null ? 'not resolved' : duration(impact.durationMinutes)}`,
    `- **Time to acknowledge:** ${duration(impact.minutesToAcknowledge)}`,
    `- **Time to mitigate:** ${duration(impact.minutesToMitigate)}`,
    `- **Services:** ${impact.services.length ? impact.services.map(inline).join(', ') : 'none recorded'}`,
    `- **Alerts:** ${impact.alertCount}`,
  ];
  for (const a of incident.alerts.slice(0, MAX_ALERTS_LISTED)) lines.push(`  - #${a.number} ${inline(a.summary)}${a.service ? ` (${inline(a.service)})` : ''}`);
  if (incident.alerts.length > MAX_ALERTS_LISTED) lines.push(`  - and ${incident.alerts.length - MAX_ALERTS_LISTED} more`);
  lines.push(`- **People paged:** ${impact.peoplePaged.length ? impact.peoplePaged.map(inline).join(', ') : 'nobody'}`);
  lines.push(`- **Sleep hours lost:** ${impact.sleepHoursLost} h`);
  return lines.join('\n');
}

function timelineText(timeline: MarkedEntry[], time: (d: Date) => string): string {
  if (!timeline.length) return '_Nothing was recorded on the incident timeline._';
  const lines: string[] = [];
  for (const e of timeline) {
    if (e.gapBeforeMinutes !== null) lines.push(`- _${formatDuration(e.gapBeforeMinutes * 60_000)} with nothing recorded_`);
    const mark = e.moment ? `**${MOMENT_LABEL[e.moment]}:** ` : '';
    lines.push(`- ${time(e.at)} ${mark}${inline(e.text)}${e.actor ? ` (${inline(e.actor)})` : ''}`);
  }
  return lines.join('\n');
}

function commandsText(incident: DraftIncident, time: (d: Date) => string): string {
  const commands = [...incident.commands].sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime());
  const actions = [...incident.compensatingActions].sort((a, b) => a.at.getTime() - b.at.getTime());
  const out: string[] = [];
  if (commands.length) {
    out.push('Commands:', '');
    for (const c of commands) {
      const result = c.exitCode === null ? 'no exit code recorded' : `exit ${c.exitCode}`;
      const took = c.endedAt ? `, ${commandDuration(c.endedAt.getTime() - c.startedAt.getTime())}` : '';
      out.push(`- ${time(c.startedAt)} ${inline(c.user)} on ${inline(c.host)}: ${codeSpan(c.command)} (${result}${took})`);
    }
  } else {
    out.push(`_No commands were recorded. Run them with \`operable exec --incident ${incident.number} -- <command>\` and they land here._`);
  }
  out.push('');
  if (actions.length) {
    out.push('Compensating actions:', '');
    for (const a of actions) out.push(`- ${time(a.at)} ${inline(a.name)}${a.by ? ` (${inline(a.by)})` : ''}`);
  } else {
    out.push('_No compensating actions (feature flags, rollbacks) were used._');
  }
  return out.join('\n');
}

/** Commands are often quick: seconds under a minute, else as other durations. */
function commandDuration(ms: number): string {
  return ms < 60_000 ? `${Math.max(0, Math.round(ms / 1000))} s` : formatDuration(ms);
}
