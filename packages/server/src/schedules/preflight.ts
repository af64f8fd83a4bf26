import { localTime } from './notice-text.js';
import { runsOf } from './handoff-report.js';
import { scheduleLines, type Role, type ScheduleSpec } from './oncall.js';

const DAY = 86_400_000;
/** How far ahead the pre-flight check looks (and how far back it looks to tell when a gap or shift began). */
export const PREFLIGHT_WINDOW = 14 * DAY;

export interface PreflightScan {
  /** Everyone on call in the window, with the start of their first stretch (until someone else takes over; it may have begun before now). */
  people: { userId: string; role: Role; start: number; startKnown: boolean }[];
  /** Where the primary line has nobody in the window. */
  gaps: { role: Role; start: number; end: number; startKnown: boolean; endKnown: boolean }[];
}

/**
 * The schedule over the next 14 days. Lines are computed from 14 days back so a
 * stretch or gap that began before now keeps its real start, which the warnings'
 * keys use: an unchanged problem keeps its key from day to day.
 */
export function preflightScan(spec: ScheduleSpec, now: number): PreflightScan {
  const from = now - PREFLIGHT_WINDOW;
  const to = now + PREFLIGHT_WINDOW;
  const lines = scheduleLines(spec, from, to);
  const first = new Map<string, PreflightScan['people'][number]>();
  for (const role of ['primary', 'secondary'] as const) {
    // Runs, not spans: a restricted layer's nights off do not make each day a new stretch to warn about.
    for (const s of runsOf(lines.final[role])) {
      if (s.end <= now) continue;
      const seen = first.get(s.userId);
      if (!seen || s.start < seen.start) first.set(s.userId, { userId: s.userId, role, start: s.start, startKnown: s.start > from });
    }
  }
  const gaps = lines.gaps.primary
    .filter((g) => g.end > now)
    .map((g) => ({ role: 'primary' as const, start: g.start, end: g.end, startKnown: g.start > from, endKnown: g.end < to }));
  return { people: [...first.values()].sort((a, b) => a.start - b.start || a.userId.localeCompare(b.userId)), gaps };
}

export type Finding =
  | { kind: 'unreachable'; key: string; userId: string; role: Role; start: number }
  | { kind: 'gap'; key: string; role: Role; start: number; end: number; endKnown: boolean };

/**
 * What to warn about. Keys say what a warning is about, so the same problem is
 * not repeated daily: someone unreachable is warned once per upcoming stretch, a
 * gap once per start. A gap that began more than the window ago is "ongoing".
 */
export function preflightFindings(scan: PreflightScan, canBePaged: ReadonlySet<string>): Finding[] {
  const iso = (ms: number) => new Date(ms).toISOString();
  const unreachable: Finding[] = scan.people
    .filter((p) => !canBePaged.has(p.userId))
    .map((p) => ({ kind: 'unreachable', key: `contact:${p.userId}:${p.startKnown ? iso(p.start) : 'ongoing'}`, userId: p.userId, role: p.role, start: p.start }));
  const gaps: Finding[] = scan.gaps.map((g) => ({
    kind: 'gap',
    key: `gap:${g.role}:${g.startKnown ? iso(g.start) : 'ongoing'}`,
    role: g.role,
    start: g.start,
    end: g.end,
    endKnown: g.endKnown,
  }));
  return [...unreachable, ...gaps];
}

/** A finding as the inbox keeps it. */
export function findingView(f: Finding): Record<string, unknown> {
  const iso = (ms: number) => new Date(ms).toISOString();
  return f.kind === 'unreachable'
    ? { kind: f.kind, userId: f.userId, role: f.role, start: iso(f.start) }
    : { kind: f.kind, role: f.role, start: iso(f.start), end: f.endKnown ? iso(f.end) : null };
}

export interface PreflightNotices {
  /** To each unreachable person, about themselves. */
  personal: { userId: string; title: string; text: string }[];
  /** To the schedule's team (or the admins): every new finding. */
  team: { title: string; text: string } | null;
}

export function preflightNotices(
  schedule: { id: string; name: string; timeZone: string },
  findings: readonly Finding[],
  names: ReadonlyMap<string, string>,
  publicUrl: string,
  now: number,
): PreflightNotices {
  if (!findings.length) return { personal: [], team: null };
  const base = publicUrl.replace(/\/+$/, '');
  const zone = schedule.timeZone;
  const when = (start: number) => (start <= now ? 'now' : `from ${localTime(start, zone)}`);
  const name = (id: string) => names.get(id) ?? 'Deleted user';
  const personal = findings.flatMap((f) =>
    f.kind === 'unreachable'
      ? [
          {
            userId: f.userId,
            title: `Pre-flight: a page on ${schedule.name} would not reach you`,
            text: [
              `You are on call as ${f.role} for ${schedule.name} ${when(f.start)} (${zone}), but no verified contact method would page you for a high-urgency alert: those pages would reach no one.`,
              `Add a contact method, verify it with the code sent to it, and check that a notification rule for high urgency uses it: ${base}/profile`,
            ].join('\n\n'),
          },
        ]
      : [],
  );
  const lines = findings.map((f) =>
    f.kind === 'unreachable'
      ? `- ${name(f.userId)} is on call as ${f.role} ${when(f.start)} but has no verified contact method for high-urgency pages.`
      : `- Nobody is on call as ${f.role} ${f.start <= now ? 'from now' : `from ${localTime(f.start, zone)}`} ${f.endKnown ? `until ${localTime(f.end, zone)}` : 'until beyond the next 14 days'}: alerts would page nobody through this schedule.`,
  );
  return {
    personal,
    team: {
      title: `Pre-flight check: ${schedule.name} needs attention`,
      text: [`The pre-flight check of ${schedule.name} for the next 14 days (${zone}) found:`, lines.join('\n'), `Schedule: ${base}/schedules/${schedule.id}`].join('\n\n'),
    },
  };
}
