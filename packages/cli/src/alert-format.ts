import type { Alert, AlertDetail, AlertLogEntry } from '@operable/shared';
import { UUID } from './commands/remote.js';
import { CliError, EXIT_USAGE } from './context.js';
import { formatPairs, formatTable } from './table.js';

/** Pure text for the alert commands, so the wording and layout can be tested without a server. */


/** `42`, `#42` (the short number people say) or the alert's UUID; anything else is a usage error. */
export function parseAlertRef(raw: string): { number: number } | { id: string } {
  const text = raw.trim();
  const number = /^#?(\d{1,15})$/.exec(text);
  if (number && Number(number[1]) >= 1) return { number: Number(number[1]) };
  if (UUID.test(text)) return { id: text.toLowerCase() };
  throw new CliError(`${JSON.stringify(raw)} is not an alert number (e.g. 42 or #42) or alert ID`, EXIT_USAGE);
}

/** Elapsed time in its largest whole unit: 45s, 5m, 2h, 3d. */
export function formatAge(sinceIso: string, now: Date): string {
  const seconds = Math.max(0, Math.floor((now.getTime() - Date.parse(sinceIso)) / 1000));
  if (seconds < 60) return `${seconds}s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)}h`;
  return `${Math.floor(seconds / 86_400)}d`;
}

/** At most `max` characters (code points), ending in … when cut. */
export function truncate(text: string, max: number): string {
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  return chars.length <= max ? chars.join('') : `${chars.slice(0, Math.max(0, max - 1)).join('')}…`;
}

const HEADERS = ['#', 'STATUS', 'URGENCY', 'SERVICE', 'SUMMARY', 'AGE', 'COUNT', 'GROUP'];
const SUMMARY = HEADERS.indexOf('SUMMARY');
/** The summary never shrinks below this, even when other columns are wide. */
const MIN_SUMMARY = 20;

/**
 * One row per alert, the summary cut so a row fits `width` columns. GROUP is `+N` on
 * an alert that leads N others, `in #M` on one that joined a group (when its leader is listed).
 */
export function formatAlertTable(items: Alert[], now: Date, width = 100): string {
  const numbers = new Map(items.map((a) => [a.id, a.number]));
  const rows = items.map((a) => [
    String(a.number),
    a.status,
    a.urgency,
    a.serviceName,
    a.summary,
    formatAge(a.createdAt, now),
    String(a.occurrences),
    groupCell(a, numbers),
  ]);
  const widths = HEADERS.map((h, i) => Math.max(h.length, ...rows.map((r) => [...r[i]!].length)));
  const others = widths.reduce((sum, w, i) => (i === SUMMARY ? sum : sum + w), 0) + 2 * (HEADERS.length - 1);
  const room = Math.max(MIN_SUMMARY, width - others);
  for (const row of rows) row[SUMMARY] = truncate(row[SUMMARY]!, room);
  return formatTable(HEADERS, rows);
}

function groupCell(a: Alert, numbers: Map<string, number>): string {
  if (a.groupSize > 1) return `+${a.groupSize - 1}`;
  if (a.groupLeaderId) {
    const leader = numbers.get(a.groupLeaderId);
    return leader === undefined ? 'grouped' : `in #${leader}`;
  }
  return '';
}

/** `2025-03-01 14:05:09 UTC`: sortable, unambiguous, in the given IANA zone (default: this machine's). */
export function formatTime(iso: string, timeZone?: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'short',
    })
      .formatToParts(new Date(iso))
      .map((p) => [p.type, p.value]),
  ) as Record<string, string>;
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second} ${parts.timeZoneName}`;
}

/** Log entry details as `key: value` parts; nested values as compact JSON. */
export function detailParts(details: unknown): string[] {
  if (details === null || details === undefined) return [];
  if (typeof details !== 'object' || Array.isArray(details)) return [JSON.stringify(details)];
  return Object.entries(details as Record<string, unknown>)
    .filter(([, v]) => v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0))
    .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`);
}

/** What `alerts show` prints: the facts as label/value lines, then links and the log as a timeline. */
export function formatAlertDetail(alert: AlertDetail, opts: { now: Date; timeZone?: string; webUrl: string }): string {
  const time = (iso: string) => `${formatTime(iso, opts.timeZone)} (${formatAge(iso, opts.now)} ago)`;
  const pairs: [string, string][] = [
    ['Status', alert.status + (alert.suppressedBy ? ' (suppressed by a maintenance window: nobody was paged)' : '')],
    ['Urgency', alert.urgency],
    ['Service', alert.serviceName],
    ['Created', time(alert.createdAt)],
  ];
  if (alert.occurrences > 1) pairs.push(['Last seen', `${time(alert.lastSeenAt)}, ${alert.occurrences} occurrences`]);
  if (alert.acknowledgedAt) pairs.push(['Acknowledged', `${time(alert.acknowledgedAt)}${alert.acknowledgedBy ? ` by ${alert.acknowledgedBy}` : ''}`]);
  if (alert.resolvedAt) pairs.push(['Resolved', `${time(alert.resolvedAt)}${alert.resolvedBy ? ` by ${alert.resolvedBy}` : ''}`]);
  if (alert.groupSize > 1) pairs.push(['Group', `leads ${alert.groupSize - 1} more alert${alert.groupSize === 2 ? '' : 's'}`]);
  if (alert.groupLeaderId) pairs.push(['Group', `joined the group of alert ${alert.groupLeaderId}`]);
  if (alert.source) pairs.push(['Source', alert.source]);
  if (alert.severity) pairs.push(['Severity', alert.severity]);
  pairs.push(['Runbook', alert.runbookUrl ?? (alert.runbookMarkdown.trim() ? '(written in Operable; open the Web link)' : '-')]);
  pairs.push(['Web', opts.webUrl]);
  pairs.push(['ID', alert.id]);

  const lines = [`#${alert.number}  ${alert.summary}`, '', formatPairs(pairs)];
  if (alert.links.length) {
    lines.push('', 'Links:', ...alert.links.map((l) => `  ${l.text && l.text !== l.href ? `${l.text}  ${l.href}` : l.href}`));
  }
  const details = detailParts(alert.details);
  if (details.length) lines.push('', 'Details:', ...details.map((d) => `  ${d}`));
  lines.push('', 'Timeline:');
  lines.push(
    alert.log.length
      ? indent(formatTable(['TIME', 'EVENT', 'BY', 'DETAILS'], alert.log.map((e) => timelineRow(e, opts.timeZone))))
      : '  (empty)',
  );
  return lines.join('\n');
}

function timelineRow(entry: AlertLogEntry, timeZone?: string): string[] {
  const parts = [
    ...(entry.channel ? [`via ${entry.channel}`] : []),
    ...(entry.target ? [`to ${entry.target}`] : []),
    ...(entry.result ? [`result: ${entry.result}`] : []),
    ...detailParts(entry.details),
  ];
  return [formatTime(entry.at, timeZone), entry.event, entry.actor ?? '-', parts.join(', ')];
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
}

const DONE = { acknowledge: 'Acknowledged', resolve: 'Resolved' } as const;

/**
 * One line per alert acted on. The API answers the same whether or not the call
 * changed anything, so the status seen just before the call tells the two apart.
 */
export function actionMessage(action: 'acknowledge' | 'resolve', before: Alert, after: Alert): string {
  const target = action === 'acknowledge' ? 'acknowledged' : 'resolved';
  const changed = before.status !== target && before.status !== 'resolved' && after.status === target;
  if (changed) {
    const group = after.groupSize > 1 ? ` (and the ${after.groupSize - 1} alert${after.groupSize === 2 ? '' : 's'} in its group)` : '';
    return `${DONE[action]} #${after.number}${group}: ${after.summary}`;
  }
  // Acknowledging a resolved alert leaves it resolved; say that rather than "acknowledged".
  const by = after.status === 'acknowledged' ? after.acknowledgedBy : after.status === 'resolved' ? after.resolvedBy : null;
  return `#${after.number} was already ${after.status}${by ? ` by ${by}` : ''}: ${after.summary}`;
}
