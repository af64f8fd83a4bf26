import type { ReplayReport, ReplayResult } from '@operable/shared';

/**
 * Pure wording and shaping for the replay page: the one-line answer, the
 * current → variant differences, and the series the charts draw. No React here.
 */

export type Bucket = 'business' | 'off_hours' | 'sleep';
/** Sleep first: it is the bucket that costs people most. */
export const BUCKETS: Bucket[] = ['sleep', 'off_hours', 'business'];
export const BUCKET_LABEL: Record<Bucket, string> = { business: 'Business hours', off_hours: 'Off-hours', sleep: 'Sleep hours' };
export const BAND_LABEL = { healthy: 'healthy', edge: 'walking the edge', unhealthy: 'unhealthy' } as const;
/** The pager-load band limits (humanops-metrics): under 2 a week healthy, over 5 unhealthy. */
export const BAND_LIMITS = { edge: 2, unhealthy: 5 } as const;

type Person = ReplayReport['people'][number];
type Team = ReplayReport['teams'][number];

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

/** Everyone's interruptions added up, by bucket and in all. */
export function totals(r: ReplayReport): Record<Bucket, number> & { total: number } {
  const t = { business: 0, off_hours: 0, sleep: 0, total: 0 };
  for (const p of r.people) {
    for (const b of BUCKETS) t[b] += p.interruptions[b];
    t.total += p.total;
  }
  return t;
}

/** "38 fewer interruptions", "2 more interruptions", "the same interruptions" (noun as given). */
function change(a: number, b: number, noun: string): string {
  const d = b - a;
  if (d === 0) return `the same ${noun}`;
  return `${Math.abs(d).toLocaleString('en')} ${d < 0 ? 'fewer' : 'more'} ${noun}`;
}

/**
 * The answer first, in one line:
 * "With the variant: 38 fewer interruptions, 21 fewer in sleep hours; same 412 alerts".
 * Without a variant, what the current configuration did.
 */
export function summarySentence(result: Pick<ReplayResult, 'current' | 'variant'>): string {
  const cur = result.current.report;
  const a = totals(cur);
  if (!result.variant) {
    const people = cur.people.filter((p) => p.total > 0).length;
    return `With the current configuration: ${plural(a.total, 'interruption')} (${a.sleep.toLocaleString('en')} in sleep hours) for ${plural(people, 'person', 'people')}; ${plural(cur.alerts.opened, 'alert')}`;
  }
  const v = result.variant.report;
  const b = totals(v);
  const alerts =
    v.alerts.opened === cur.alerts.opened
      ? `same ${plural(cur.alerts.opened, 'alert')}`
      : `${cur.alerts.opened.toLocaleString('en')} → ${plural(v.alerts.opened, 'alert')}`;
  const sleep = b.sleep === a.sleep ? 'the same in sleep hours' : `${Math.abs(b.sleep - a.sleep).toLocaleString('en')} ${b.sleep < a.sleep ? 'fewer' : 'more'} in sleep hours`;
  return `With the variant: ${change(a.total, b.total, 'interruptions')}, ${sleep}; ${alerts}`;
}

export interface Diff {
  current: number;
  variant: number | null;
  /** variant − current; 0 without a variant. */
  delta: number;
  /** Readable on its own (no colour needed): "12 → 3 (9 fewer)", "4 (same)", "4". */
  text: string;
  direction: 'fewer' | 'more' | 'same';
}

/** One number, current against variant (null: no variant was run). */
export function diff(current: number, variant: number | null): Diff {
  if (variant === null) return { current, variant, delta: 0, text: current.toLocaleString('en'), direction: 'same' };
  const delta = variant - current;
  if (delta === 0) return { current, variant, delta, text: `${current.toLocaleString('en')} (same)`, direction: 'same' };
  const direction = delta < 0 ? 'fewer' : 'more';
  return { current, variant, delta, text: `${current.toLocaleString('en')} → ${variant.toLocaleString('en')} (${Math.abs(delta).toLocaleString('en')} ${direction})`, direction };
}

export interface PersonRow {
  name: string;
  email: string;
  zone: string;
  buckets: Record<Bucket, Diff>;
  total: Diff;
  pageEvents: Diff;
  recoveryDays: Diff;
  changed: boolean;
}

const NOBODY: Omit<Person, 'name' | 'email' | 'zone' | 'teams'> = {
  interruptions: { business: 0, off_hours: 0, sleep: 0 },
  total: 0,
  disruptedHours: 0,
  pageEvents: 0,
  recoveryDays: 0,
};

/**
 * Per person, current against variant, matched by email; people nobody paged in
 * either run are left out. Most interrupted (in the variant, else current) first.
 */
export function personRows(current: ReplayReport, variant: ReplayReport | null): PersonRow[] {
  const other = new Map((variant?.people ?? []).map((p) => [p.email, p]));
  const seen = new Set(current.people.map((p) => p.email));
  const everyone = [...current.people, ...(variant?.people ?? []).filter((p) => !seen.has(p.email)).map((p) => ({ ...p, ...NOBODY }))];
  const rows = everyone.map((p): PersonRow => {
    const v = variant ? (other.get(p.email) ?? { ...p, ...NOBODY }) : null;
    const buckets = Object.fromEntries(BUCKETS.map((b) => [b, diff(p.interruptions[b], v ? v.interruptions[b] : null)])) as Record<Bucket, Diff>;
    const row = {
      name: p.name,
      email: p.email,
      zone: p.zone,
      buckets,
      total: diff(p.total, v ? v.total : null),
      pageEvents: diff(p.pageEvents, v ? v.pageEvents : null),
      recoveryDays: diff(p.recoveryDays, v ? v.recoveryDays : null),
    };
    return { ...row, changed: [row.total, row.pageEvents, row.recoveryDays, ...Object.values(buckets)].some((d) => d.delta !== 0) };
  });
  return rows
    .filter((r) => r.total.current || r.total.variant || r.recoveryDays.current || r.recoveryDays.variant)
    .sort((x, y) => (y.total.variant ?? y.total.current) - (x.total.variant ?? x.total.current) || x.name.localeCompare(y.name));
}

/**
 * A week's start as a short date ("2 Mar 2026"). Weeks start at midnight in the
 * team's zone, so the date is read half a day later in UTC: right for any zone.
 */
export function weekLabel(weekStart: number): string {
  return new Date(weekStart + 12 * 3_600_000).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
}

export interface TeamWeeks {
  team: string;
  weeks: number[];
  current: number[];
  variant: number[] | null;
  /** For screen readers: the worst week in each run, and how many weeks were unhealthy. */
  summary: string;
}

function unhealthyWeeks(weeks: Team['weeks']): number {
  return weeks.filter((w) => w.band === 'unhealthy').length;
}

/** Page events per week for each team, current and variant on the same weeks. */
export function teamWeeks(current: ReplayReport, variant: ReplayReport | null): TeamWeeks[] {
  const other = new Map((variant?.teams ?? []).map((t) => [t.name, t]));
  return current.teams.map((t) => {
    const v = other.get(t.name);
    const weeks = [...new Set([...t.weeks, ...(v?.weeks ?? [])].map((w) => w.weekStart))].sort((a, b) => a - b);
    const at = (list: Team['weeks'], week: number) => list.find((w) => w.weekStart === week)?.pageEvents ?? 0;
    const cur = weeks.map((w) => at(t.weeks, w));
    const vv = variant ? weeks.map((w) => at(v?.weeks ?? [], w)) : null;
    const worst = (xs: number[]) => (xs.length ? Math.max(...xs) : 0);
    const part = (label: string, xs: number[], list: Team['weeks']) =>
      `${label}: at most ${plural(worst(xs), 'page event')} in a week, ${plural(unhealthyWeeks(list), 'unhealthy week')}`;
    const summary = [
      `${t.name}, ${plural(weeks.length, 'week')}`,
      part('current', cur, t.weeks),
      ...(vv ? [part('variant', vv, v?.weeks ?? [])] : []),
    ].join('; ');
    return { team: t.name, weeks, current: cur, variant: vv, summary };
  });
}

/** The per-person chart's text alternative for one bucket: who changes and by how much. */
export function bucketSummary(rows: PersonRow[], bucket: Bucket): string {
  const label = BUCKET_LABEL[bucket].toLowerCase();
  if (!rows.length) return `Interruptions in ${label}: nobody was interrupted.`;
  const parts = rows.map((r) => `${r.name} ${r.buckets[bucket].text}`);
  return `Interruptions in ${label} per person: ${parts.join(', ')}.`;
}

/** A file name for the downloads: "replay-2026-03-02-to-2026-05-25.md". */
export function downloadName(report: ReplayReport, ext: 'md' | 'json'): string {
  const day = (iso: string) => (Number.isNaN(Date.parse(iso)) ? 'unknown' : new Date(iso).toISOString().slice(0, 10));
  return `replay-${day(report.from)}-to-${day(report.until)}.${ext}`;
}

/** The default period: the last 12 weeks up to today, as yyyy-mm-dd for date inputs (UTC). */
export function defaultPeriod(now: number): { from: string; to: string } {
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  return { from: day(now - 84 * 86_400_000), to: day(now) };
}

/**
 * Date inputs to the API's period: from the start of `from` to the end of `to` (UTC),
 * or the field that is wrong.
 */
export function readPeriod(from: string, to: string): { ok: true; period: { from: string; to: string } } | { ok: false; field: 'period.from' | 'period.to'; message: string } {
  const a = Date.parse(`${from}T00:00:00Z`);
  const b = Date.parse(`${to}T00:00:00Z`);
  if (!from || Number.isNaN(a)) return { ok: false, field: 'period.from', message: 'Choose the first day to replay.' };
  if (!to || Number.isNaN(b)) return { ok: false, field: 'period.to', message: 'Choose the last day to replay.' };
  if (b < a) return { ok: false, field: 'period.to', message: 'The last day must be on or after the first day.' };
  return { ok: true, period: { from: new Date(a).toISOString(), to: new Date(b + 86_400_000).toISOString() } };
}

/** The variant textarea: empty is no variant; otherwise a JSON object, or what is wrong with it. */
export function readVariant(text: string): { ok: true; variant: Record<string, unknown> | undefined } | { ok: false; message: string } {
  if (!text.trim()) return { ok: true, variant: undefined };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    return { ok: false, message: `This is not valid JSON: ${e instanceof Error ? e.message : 'it could not be read'}.` };
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return { ok: false, message: 'The variant must be a JSON object, e.g. {"services": [ … ]}.' };
  return { ok: true, variant: parsed as Record<string, unknown> };
}

/** Assumed acknowledgement minutes: all three empty is none; otherwise whole minutes 0–1440 each. */
export function readAssumeAck(
  values: Record<'business' | 'offHours' | 'sleep', string>,
): { ok: true; assumeAck: Record<'business' | 'offHours' | 'sleep', number> | null } | { ok: false; field: string; message: string } {
  const keys = ['business', 'offHours', 'sleep'] as const;
  if (keys.every((k) => !values[k].trim())) return { ok: true, assumeAck: null };
  const out = { business: 0, offHours: 0, sleep: 0 };
  for (const k of keys) {
    const n = Number(values[k].trim());
    if (!values[k].trim() || !Number.isInteger(n) || n < 0 || n > 1440)
      return { ok: false, field: `assumeAck.${k}`, message: 'Give whole minutes from 0 to 1440 for all three, or leave all three empty.' };
    out[k] = n;
  }
  return { ok: true, assumeAck: out };
}
