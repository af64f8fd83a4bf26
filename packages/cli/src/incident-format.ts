import type { Incident, IncidentDetail } from '@operable/shared';
import { formatAge, formatTime, truncate } from './alert-format.js';
import { formatPairs, formatTable } from './table.js';

/** Incidents for a terminal: what is broken, who is on it, what is due. */

export function formatIncidentTable(items: Incident[], now: Date): string {
  return formatTable(
    ['#', 'SEV', 'STATUS', 'AGE', 'COMMANDER', 'TITLE'],
    items.map((i) => [
      String(i.number),
      i.severityName,
      `${i.status}${i.drill ? ' (drill)' : ''}${i.updateOverdue ? ' – update overdue' : ''}`,
      formatAge(i.declaredAt, now),
      i.roles.find((r) => r.role === 'commander')?.user.name ?? '-',
      truncate(i.title, 60),
    ]),
  );
}

export function formatIncidentDetail(i: IncidentDetail, o: { now: Date; timeZone?: string; webUrl: string }): string {
  const time = (iso: string) => formatTime(iso, o.timeZone);
  const roles = i.roles.map((r) => `${r.role}: ${r.user.name}${r.page ? ` (paged #${r.page.alertNumber}, ${r.page.status})` : ''}`);
  const lines = [
    `#${i.number} ${i.severityName} ${i.drill ? 'DRILL ' : ''}${i.status.toUpperCase()}: ${i.title}`,
    '',
    formatPairs([
      ['Declared', `${time(i.declaredAt)} (${formatAge(i.declaredAt, o.now)} ago)`],
      ...(i.resolvedAt ? [['Resolved', time(i.resolvedAt)] as [string, string]] : []),
      ['Roles', roles.join('; ') || 'nobody yet'],
      ['Services', i.services.map((s) => s.name).join(', ') || '-'],
      ...(i.nextUpdateAt && i.status !== 'resolved' ? [['Next update', `${time(i.nextUpdateAt)}${i.updateOverdue ? ' (OVERDUE)' : ''}`] as [string, string]] : []),
      ...(i.warRoomUrl ? [['War room', i.warRoomUrl] as [string, string]] : []),
      ...(i.slackChannel ? [['Slack', `#${i.slackChannel.name}`] as [string, string]] : []),
      ['Web', o.webUrl],
    ]),
  ];
  if (i.checklist.length) {
    lines.push('', 'Checklist:', ...i.checklist.map((c) => `  [${c.doneAt ? 'x' : ' '}] ${c.text}${c.doneBy ? ` (${c.doneBy.name})` : ''}`));
  }
  const recent = i.timeline.slice(-15);
  lines.push('', `Timeline${recent.length < i.timeline.length ? ` (last ${recent.length} of ${i.timeline.length})` : ''}:`);
  lines.push(...recent.map((e) => `  ${time(e.at)}  ${e.keyMoment ? `[${e.keyMoment}] ` : ''}${truncate(e.text.replace(/\s+/g, ' '), 120)}`));
  return lines.join('\n');
}
