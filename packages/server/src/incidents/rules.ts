import { DateTime } from 'luxon';

/**
 * The pure rules of incidents: checklist parsing, redaction of recorded commands,
 * when the next status update is due and whom to remind, template filling, and
 * whether an incident ran through someone's sleep hours. No database, no clock.
 */

export const MAX_CHECKLIST_ITEMS = 100;
export const MAX_CHECKLIST_TEXT = 1000;

const TASK = /^\s{0,3}[-*+]\s+\[( |x|X)\]\s+(\S.*?)\s*$/;
const FENCE = /^\s{0,3}(```|~~~)/;

/**
 * The response checklist of a runbook: its markdown task-list lines (`- [ ] Check
 * the dashboards`), in order, outside code blocks. Ticked boxes in the runbook are
 * copied too (the incident starts with every item open).
 */
export function parseChecklist(markdown: string): string[] {
  const items: string[] = [];
  let fenced = false;
  for (const line of markdown.replace(/\r\n?/g, '\n').split('\n')) {
    if (FENCE.test(line)) {
      fenced = !fenced;
      continue;
    }
    if (fenced) continue;
    const m = TASK.exec(line);
    if (m) items.push(m[2]!.slice(0, MAX_CHECKLIST_TEXT));
    if (items.length === MAX_CHECKLIST_ITEMS) break;
  }
  return items;
}

export const REDACTED = '[REDACTED]';

/** Why an admin's pattern cannot be used, or null. Patterns that match nothing-at-all would redact between every character. */
export function patternProblem(pattern: string): string | null {
  let re: RegExp;
  try {
    re = new RegExp(pattern, 'g');
  } catch (error) {
    return `Not a valid regular expression: ${(error as Error).message}`;
  }
  if (re.test('')) return 'The pattern matches empty text';
  return null;
}

export function compilePatterns(patterns: readonly string[]): RegExp[] {
  return patterns.filter((p) => patternProblem(p) === null).map((p) => new RegExp(p, 'g'));
}

/** Replaces every match of every pattern; the default patterns catch common secret shapes. */
export function redact(text: string, patterns: readonly RegExp[]): string {
  let out = text;
  for (const re of [...DEFAULT_PATTERNS, ...patterns]) out = out.replace(new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`), REDACTED);
  return out;
}

/** Secrets nobody wants in an incident log, whatever the admin configured. */
export const DEFAULT_PATTERNS: readonly RegExp[] = [
  /(?<=\b(?:password|passwd|secret|token|api[_-]?key)\s*[=:]\s*)[^\s'"]+/gi,
  /(?<=\bBearer\s+)[A-Za-z0-9._~+/=-]{8,}/g,
  /\bAKIA[0-9A-Z]{16}\b/g,
  /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g,
];

/** The last `maxLines` lines of output, at most `maxChars` characters, cut at a line start where possible. */
export function outputTail(output: string, maxLines: number, maxChars: number): { tail: string; truncated: boolean } {
  const lines = output.split('\n');
  if (lines.at(-1) === '') lines.pop();
  let tail = lines.slice(-maxLines).join('\n');
  let truncated = lines.length > maxLines;
  if (tail.length > maxChars) {
    tail = tail.slice(tail.length - maxChars);
    const nl = tail.indexOf('\n');
    if (nl >= 0 && nl < tail.length - 1) tail = tail.slice(nl + 1);
    truncated = true;
  }
  return { tail, truncated };
}

/**
 * When the next update is due: `requested` minutes (null: none promised), else the
 * severity's default (30 min for SEV1–2 unless an admin changed it).
 */
export function nextUpdateDue(now: Date, defaultMinutes: number | null, requested: number | null | undefined): Date | null {
  const minutes = requested === undefined ? defaultMinutes : requested;
  return minutes === null ? null : new Date(now.getTime() + minutes * 60_000);
}

/** Overdue and not yet reminded for this due time: the reminder fires once per promised time. */
export function updateReminderDue(
  i: { status: string; nextUpdateAt: Date | null; remindedFor: Date | null },
  now: Date,
): boolean {
  if (i.status === 'resolved' || !i.nextUpdateAt) return false;
  if (i.nextUpdateAt.getTime() > now.getTime()) return false;
  return i.remindedFor?.getTime() !== i.nextUpdateAt.getTime();
}

/** Who is reminded of an overdue update: the communicator, else the commander, else nobody. */
export function reminderRecipient<T extends { role: string; userId: string }>(current: readonly T[]): T | null {
  return current.find((r) => r.role === 'communicator') ?? current.find((r) => r.role === 'commander') ?? null;
}

/** `{{name}}` placeholders; unknown ones stay as written so an admin sees the typo. */
export function fillTemplate(body: string, values: Record<string, string>): string {
  return body.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => (Object.hasOwn(values, name) ? values[name]! : whole));
}

/** Allowed moves: any status to any other; leaving `resolved` is a reopen. */
export function statusChange(from: string, to: string): 'none' | 'resolve' | 'reopen' | 'change' {
  if (from === to) return 'none';
  if (to === 'resolved') return 'resolve';
  if (from === 'resolved') return 'reopen';
  return 'change';
}

const STEP_MS = 5 * 60_000;
const MAX_SPAN_MS = 14 * 24 * 3600_000;

/**
 * True when [from, to] overlaps the person's sleep window (local `start`–`end`,
 * crossing midnight when end ≤ start) in their zone. Sampled every 5 minutes plus
 * both ends, over at most two weeks: precise enough for "touched your night".
 */
export function touchesSleep(from: Date, to: Date, zone: string, window: { start: string; end: string }): boolean {
  const s = minutesOf(window.start);
  const e = minutesOf(window.end);
  const inside = (ms: number) => {
    const local = DateTime.fromMillis(ms, { zone });
    const m = local.hour * 60 + local.minute;
    return s < e ? m >= s && m < e : m >= s || m < e;
  };
  const end = Math.min(to.getTime(), from.getTime() + MAX_SPAN_MS);
  for (let t = from.getTime(); t < end; t += STEP_MS) if (inside(t)) return true;
  return inside(end);
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
