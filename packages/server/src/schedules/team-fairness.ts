import type { FairnessRow, OnCallHours, TeamFairness } from '@operable/shared';
import { requireRole } from '../lib/authorize.js';
import type { Ctx } from '../lib/context.js';
import { notFound } from '../lib/errors.js';
import { addTime, NO_TIME, onCallTime, type LoadSpan, type OnCallTime } from './fairness.js';
import { findFairnessTeam, peopleWithZones } from './fairness-repository.js';
import { scheduleLines, type Role } from './oncall.js';
import { loadSchedules } from './repository.js';

const WEEK = 7 * 86_400_000;
const HOUR = 3_600_000;

/**
 * Hours on call per person on a team's schedules, the past weeks (what happened,
 * as the schedules and overrides now record it) apart from the weeks ahead (what is
 * planned). Team members with no hours are listed too: a zero is the point.
 */
export async function getTeamFairness(ctx: Ctx, teamId: string, query: { weeksBack: number; weeksAhead: number }): Promise<TeamFairness> {
  requireRole(ctx.actor, 'viewer');
  const team = await findFairnessTeam(ctx.db, teamId);
  if (!team) throw notFound('Team', teamId);
  const now = ctx.clock.now().getTime();
  const from = now - query.weeksBack * WEEK;
  const to = now + query.weeksAhead * WEEK;
  const schedules = await loadSchedules(ctx.db, team.scheduleIds, new Date(from), new Date(to));
  const spans: LoadSpan[] = schedules.flatMap((s) => {
    if (to <= from) return [];
    const { final } = scheduleLines(s.spec, from, to);
    return (['primary', 'secondary'] as Role[]).flatMap((role) => final[role].map((x) => ({ userId: x.userId, role, start: x.start, end: x.end })));
  });
  const userIds = [...new Set([...team.memberIds, ...spans.map((s) => s.userId)])];
  const people = await peopleWithZones(ctx.db, userIds);
  const zones = new Map([...people].map(([id, p]) => [id, p.timeZone]));
  const past = onCallTime(spans, zones, team.holidays, from, now);
  const ahead = onCallTime(spans, zones, team.holidays, now, to);
  const totals = new Map(userIds.map((id) => [id, addTime(past.get(id) ?? NO_TIME, ahead.get(id) ?? NO_TIME)]));
  const everyone = [...totals.values()].reduce((sum, t) => sum + t.total, 0);
  const members = new Set(team.memberIds);
  const rows = userIds.map(
    (id): FairnessRow => ({
      user: { id, name: people.get(id)?.name ?? 'Deleted user', timeZone: people.get(id)?.timeZone ?? 'UTC' },
      member: members.has(id),
      past: hours(past.get(id) ?? NO_TIME),
      ahead: hours(ahead.get(id) ?? NO_TIME),
      total: hours(totals.get(id)!),
      share: everyone ? Math.round((totals.get(id)!.total / everyone) * 1000) / 1000 : 0,
    }),
  );
  return {
    teamId: team.id,
    teamName: team.name,
    from: new Date(from).toISOString(),
    now: new Date(now).toISOString(),
    to: new Date(to).toISOString(),
    holidays: [...team.holidays].sort(),
    schedules: schedules.map((s) => ({ id: s.row.id, name: s.row.name, timeZone: s.row.time_zone })),
    people: rows.sort((a, b) => b.total.total - a.total.total || a.user.name.localeCompare(b.user.name)),
  };
}

function hours(t: OnCallTime): OnCallHours {
  const h = (ms: number) => Math.round((ms / HOUR) * 100) / 100;
  return { primary: h(t.primary), secondary: h(t.secondary), weekday: h(t.weekday), weekend: h(t.weekend), holiday: h(t.holiday), total: h(t.total) };
}
