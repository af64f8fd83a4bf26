import { DateTime } from 'luxon';
import type { Role } from './oncall.js';
import type { RecoveryReason } from './recovery-rules.js';

/** The words of recovery notices; kept apart so the rules and the SQL read clean. */

export interface CoverLine {
  scheduleName: string;
  role: Role;
  start: number;
  end: number;
}

const when = (ms: number, zone: string) => DateTime.fromMillis(ms, { zone }).toFormat('ccc d LLL HH:mm');
export const dayLabel = (day: string) => DateTime.fromISO(day, { zone: 'utc' }).toFormat('cccc d LLLL yyyy');
const span = (c: CoverLine, zone: string) => `${c.scheduleName} (${c.role}) ${when(c.start, zone)} – ${when(c.end, zone)}`;

export function whyText(reason: RecoveryReason, detail: { sleepStart: string; sleepEnd: string; restDay?: string; spentMinutes?: number }): string {
  if (reason === 'sleep_hours') return `You were paged during your sleep hours (${detail.sleepStart}–${detail.sleepEnd}).`;
  const kind = reason === 'holiday' ? 'a holiday' : 'a weekend day';
  return `You spent ${detail.spentMinutes ?? 'a long time'} minutes on pages on ${detail.restDay ? dayLabel(detail.restDay) : 'your day off'}, ${kind}.`;
}

export function grantedText(o: {
  why: string;
  day: string;
  zone: string;
  covers: (CoverLine & { coverName: string })[];
  uncovered: CoverLine[];
  overridesOn: boolean;
  declineUrl: string;
  recoveryId: string;
}): string {
  const lines = [o.why, `${dayLabel(o.day)} is yours to rest: recovery time off, granted automatically. Nobody has to approve it.`];
  if (o.covers.length) {
    lines.push('', 'Your on-call that day is covered:', ...o.covers.map((c) => `- ${span(c, o.zone)}: ${c.coverName}`));
  }
  if (o.uncovered.length) {
    lines.push('', 'Nobody else in the rotation was available for these, so they are still yours; ask for a swap if you can:', ...o.uncovered.map((c) => `- ${span(c, o.zone)}`));
  }
  if (!o.overridesOn) lines.push('', 'Your team does not change the rotation for recovery days; arrange cover with a swap if you are on call.');
  lines.push(
    '',
    `Would rather work that day? Decline it in Operable: ${o.declineUrl} (API: POST /api/recovery/${o.recoveryId}/decline).`,
    'Declining puts you back on call for whatever of the day is still ahead.',
  );
  return lines.join('\n');
}

export function coverText(o: { personName: string; day: string; zone: string; covers: CoverLine[] }): string {
  return [
    `${o.personName} has recovery time off on ${dayLabel(o.day)} after being paged out of hours.`,
    'You are on call in their place (next in the rotation):',
    ...o.covers.map((c) => `- ${span(c, o.zone)}`),
  ].join('\n');
}

export function coverCancelledText(o: { personName: string; day: string; zone: string; covers: CoverLine[] }): string {
  return [`${o.personName} declined their recovery time off on ${dayLabel(o.day)}, so you no longer cover:`, ...o.covers.map((c) => `- ${span(c, o.zone)}`)].join('\n');
}
