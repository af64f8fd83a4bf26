import { BUCKETS, type Bucket } from '../health/index.js';
import type { ReplayOutcome } from './replay.js';
import type { PersonReport, ReplayReport } from './report.js';

const BUCKET_NAME: Record<Bucket, string> = { business: 'Business', off_hours: 'Off-hours', sleep: 'Sleep' };
const BAND_NAME = { healthy: 'healthy', edge: 'walking the edge', unhealthy: 'unhealthy' } as const;
const day = (iso: string | number) => new Date(iso).toISOString().slice(0, 10);
const minutes = (ms: number | null) => (ms === null ? '–' : `${Math.round(ms / 60_000)} min`);
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** "12", or "12 → 8 (−4)" with the change in bold when a variant changed it. */
function compare(a: number, b: number | undefined): string {
  if (b === undefined) return String(a);
  if (a === b) return String(a);
  const d = b - a;
  return `${a} → **${b}** (${d > 0 ? '+' : '−'}${Math.abs(d)})`;
}

function peopleTable(current: ReplayReport, variant: ReplayReport | null): string[] {
  const other = new Map((variant?.people ?? []).map((p) => [p.email, p]));
  const rows = current.people.filter((p) => p.total || other.get(p.email)?.total || p.recoveryDays);
  if (!rows.length) return ['Nobody was interrupted.'];
  const v = (p: PersonReport, f: (x: PersonReport) => number) => (variant ? f(other.get(p.email) ?? { ...p, total: 0, pageEvents: 0, recoveryDays: 0, disruptedHours: 0, interruptions: { business: 0, off_hours: 0, sleep: 0 } }) : undefined);
  return [
    `| Person | ${BUCKETS.map((b) => BUCKET_NAME[b]).join(' | ')} | Interruptions | Page events | Disrupted hours | Recovery days |`,
    `|---|${BUCKETS.map(() => '---:').join('|')}|---:|---:|---:|---:|`,
    ...rows.map(
      (p) =>
        `| ${cell(p.name)} (${p.zone}) | ${BUCKETS.map((b) => compare(p.interruptions[b], v(p, (x) => x.interruptions[b]))).join(' | ')} | ${compare(p.total, v(p, (x) => x.total))} | ${compare(p.pageEvents, v(p, (x) => x.pageEvents))} | ${compare(p.disruptedHours, v(p, (x) => x.disruptedHours))} | ${compare(p.recoveryDays, v(p, (x) => x.recoveryDays))} |`,
    ),
  ];
}

function weeksTable(current: ReplayReport, variant: ReplayReport | null): string[] {
  if (!current.teams.length) return [];
  const weeks = current.teams[0]!.weeks.map((w) => w.weekStart);
  const other = new Map((variant?.teams ?? []).map((t) => [t.name, t]));
  return [
    `| Week of | ${current.teams.map((t) => cell(t.name)).join(' | ')} |`,
    `|---|${current.teams.map(() => '---').join('|')}|`,
    ...weeks.map((w, i) => {
      const cells = current.teams.map((t) => {
        const a = t.weeks[i];
        const b = other.get(t.name)?.weeks[i];
        if (!a) return '–';
        return `${compare(a.pageEvents, b?.pageEvents)} ${BAND_NAME[(b ?? a).band]}`;
      });
      return `| ${day(w)} | ${cells.join(' | ')} |`;
    }),
  ];
}

function summaryLines(label: string, r: ReplayReport): string[] {
  return [
    `- ${label}: ${r.alerts.opened} alerts, ${r.alerts.paged} paged someone, ${r.alerts.grouped} joined a storm group, ${r.alerts.suppressed} in maintenance; MTTA p50 ${minutes(r.mtta.p50)}, p90 ${minutes(r.mtta.p90)}`,
  ];
}

/** The replay as Markdown: a summary, per person and per team-week, missed pages, noisiest sources. */
export function replayMarkdown(o: ReplayOutcome): string {
  const cur = o.current.report;
  const variant = o.variant?.report ?? null;
  const out = [`# Replay ${day(cur.from)} → ${day(cur.until)}`, ''];
  out.push(`${o.events} events from ${o.lines} lines${o.errors.length ? `; ${o.errors.length} bad lines (first: line ${o.errors[0]!.line}, ${o.errors[0]!.error})` : ''}.`);
  if (o.variant) out.push(`Variant: ${o.variant.changes.join('; ') || 'no changes'}. Numbers read "current → **variant** (change)".`);
  out.push('', ...summaryLines(variant ? 'Current' : 'Replay', cur), ...(variant ? summaryLines('Variant', variant) : []));
  out.push('', '## Interruptions per person', '', ...peopleTable(cur, variant));
  out.push('', '## Pager load per team and week', '', ...weeksTable(cur, variant));
  const missed = variant ? variant.missedPages : cur.missedPages;
  out.push('', `## Critical alerts that would reach nobody${variant ? ' (variant)' : ''}`, '');
  out.push(...(missed.length ? missed.slice(0, 20).map((m) => `- ${day(m.at)} ${cell(m.service)}: ${cell(m.summary)} (${cell(m.key)})`) : ['None.']));
  out.push('', '## Noisiest sources', '');
  out.push(...(cur.noisiest.length ? cur.noisiest.map((n) => `- ${cell(n.service)} ${n.key ? `\`${cell(n.key)}\`` : ''}: ${n.pageEvents} page events, ${n.sleepInterruptions} sleep interruptions`) : ['None.']));
  const skipped = [...o.current.skipped, ...(o.variant?.skipped ?? [])];
  if (skipped.length) out.push('', `${skipped.length} events could not be replayed (first: line ${skipped[0]!.line}, ${skipped[0]!.error}).`);
  return `${out.join('\n')}\n`;
}
