import type { LogToil, PersonToil, TeamToil, ToilEntry } from '@operable/shared';
import { DateTime } from 'luxon';
import { recordAudit } from '../audit/index.js';
import { requireRole, requireSignedIn, requireTeamEditor } from '../lib/authorize.js';
import type { Ctx } from '../lib/context.js';
import { forbidden, invalid, notFound } from '../lib/errors.js';
import { findHealthPerson, findHealthTeam } from './repository.js';
import { actorTeams, deleteToilRow, findToil, insertToil, memberWorkingHours, personToilEntries, personWorkingHours, serviceTeam, teamToilEntries, type ToilRow } from './lists-repository.js';
import { localTime, safeZone, TOIL_TARGET_SHARE, toilShare, topRecurringToil, weeklyWorkingHours } from './metrics/index.js';

export const toilView = (r: ToilRow): ToilEntry => ({
  id: r.id,
  teamId: r.team_id,
  user: r.user_id ? { id: r.user_id, name: r.user_name ?? 'Deleted user' } : null,
  serviceId: r.service_id,
  serviceName: r.service_name ?? null,
  what: r.what,
  category: r.category as ToilEntry['category'],
  minutes: r.minutes,
  doneOn: r.done_on,
  createdAt: r.created_at.toISOString(),
});

/**
 * Logs toil for the service's team, or the team named, or the logger's only team.
 * Any member of that team (or an admin) may log.
 */
export async function logToil(ctx: Ctx, input: LogToil): Promise<ToilEntry> {
  requireRole(ctx.actor, 'responder');
  requireSignedIn(ctx.actor);
  let teamId = input.teamId;
  if (input.serviceId) {
    const service = await serviceTeam(ctx.db, input.serviceId);
    if (!service) throw invalid([{ field: 'serviceId', message: 'No such service' }]);
    if (teamId && teamId !== service.team_id) throw invalid([{ field: 'teamId', message: 'The service belongs to another team' }]);
    teamId = service.team_id;
  }
  if (!teamId) {
    const mine = await actorTeams(ctx.db, ctx.actor.userId);
    if (mine.length !== 1) throw invalid([{ field: 'teamId', message: mine.length ? 'You are on several teams: say which' : 'You are on no team: say which' }]);
    teamId = mine[0]!;
  }
  const team = await findHealthTeam(ctx.db, teamId);
  if (!team) throw invalid([{ field: 'teamId', message: 'No such team' }]);
  requireTeamEditor(ctx.actor, teamId);
  const me = await findHealthPerson(ctx.db, ctx.actor.userId);
  const today = localTime(ctx.clock.now(), safeZone(me?.time_zone ?? 'UTC')).toISODate()!;
  // Undated toil is dated the earlier of the logger's day and the team's: the team's
  // page counts weeks in the team's zone, the person's page in their own, and a day
  // one of them has not reached yet (just after midnight in Berlin, for a team on
  // UTC) fell outside that page's weeks: the entry just logged was nowhere to be seen.
  const teamToday = localTime(ctx.clock.now(), safeZone(team.time_zone)).toISODate()!;
  if (input.doneOn && input.doneOn > today) throw invalid([{ field: 'doneOn', message: 'Toil is logged once done: not a future day' }]);
  const id = await insertToil(ctx.db, {
    team_id: teamId,
    user_id: ctx.actor.userId,
    service_id: input.serviceId ?? null,
    what: input.what,
    category: input.category ?? 'other',
    minutes: input.minutes,
    done_on: input.doneOn ?? (teamToday < today ? teamToday : today),
    created_at: ctx.clock.now(),
  });
  const entry = toilView((await findToil(ctx.db, id))!);
  await recordAudit(ctx, { action: 'toil.log', entityType: 'toil_entry', entityId: id, after: entry });
  return entry;
}

/** The person who logged it, or an editor of its team, may take it back. */
export async function deleteToil(ctx: Ctx, id: string): Promise<void> {
  requireRole(ctx.actor, 'responder');
  const row = await findToil(ctx.db, id);
  if (!row) throw notFound('Toil entry', id);
  if (row.user_id !== ctx.actor.userId) {
    try {
      requireTeamEditor(ctx.actor, row.team_id);
    } catch {
      throw forbidden('Only the person who logged it, or an editor of the team, may remove it');
    }
  }
  await deleteToilRow(ctx.db, id);
  await recordAudit(ctx, { action: 'toil.delete', entityType: 'toil_entry', entityId: id, before: toilView(row) });
}

/** A team's toil over the last `weeks` weeks (Monday-based, team zone): share against working hours, the 25 % line, what recurs. */
export async function getTeamToil(ctx: Ctx, teamId: string, query: { weeks: number }): Promise<TeamToil> {
  requireRole(ctx.actor, 'viewer');
  const team = await findHealthTeam(ctx.db, teamId);
  if (!team) throw notFound('Team', teamId);
  const thisWeek = localTime(ctx.clock.now(), safeZone(team.time_zone)).startOf('week').toISODate()!;
  return toilOfWeeks(ctx, teamId, thisWeek, query.weeks);
}

/** Toil of `weeks` weeks ending with the week that starts on `lastMonday` (a local date). */
export async function toilOfWeeks(ctx: Ctx, teamId: string, lastMonday: string, weeks: number): Promise<TeamToil> {
  const last = DateTime.fromISO(lastMonday, { zone: 'UTC' });
  const first = last.minus({ weeks: weeks - 1 });
  const from = first.toISODate()!;
  const to = last.plus({ days: 6 }).toISODate()!;
  const [rows, members] = await Promise.all([teamToilEntries(ctx.db, teamId, from, to), memberWorkingHours(ctx.db, teamId)]);
  const people = members.map((m) => weeklyWorkingHours(m.working_hours));
  const entries = rows.map((r) => ({ minutes: r.minutes, what: r.what, category: r.category, serviceId: r.service_id, doneOn: r.done_on }));
  const total = toilShare(entries, people, weeks);
  const weekly = Array.from({ length: weeks }, (_, i) => {
    const start = first.plus({ weeks: i });
    const [a, b] = [start.toISODate()!, start.plus({ days: 6 }).toISODate()!];
    const s = toilShare(entries.filter((e) => e.doneOn >= a && e.doneOn <= b), people, 1);
    return { weekStart: a, toilHours: round(s.toilHours), share: s.share === null ? null : round(s.share, 3) };
  });
  return {
    teamId,
    from,
    to,
    people: people.length,
    toilHours: round(total.toilHours),
    workingHours: round(total.workingHours),
    workingHoursFrom: { settings: people.filter((p) => p.source === 'working_hours').length, fallback: people.filter((p) => p.source === 'default').length },
    share: total.share === null ? null : round(total.share, 3),
    target: TOIL_TARGET_SHARE,
    overTarget: total.overTarget,
    weekly,
    topRecurring: topRecurringToil(entries, 5).map((t) => ({ ...t, hours: round(t.hours) })),
    entries: rows.slice(0, 200).map(toilView),
  };
}

const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

/**
 * One person's toil over the last `weeks` weeks (Monday-based, their own zone), against
 * their own working hours (40 a week when they have none): the per-person health page.
 */
export async function getPersonToil(ctx: Ctx, userId: string, query: { weeks: number }): Promise<PersonToil> {
  requireRole(ctx.actor, 'viewer');
  const person = await personWorkingHours(ctx.db, userId);
  if (!person) throw notFound('User', userId);
  const week = weeklyWorkingHours(person.working_hours);
  const last = localTime(ctx.clock.now(), safeZone(person.time_zone)).startOf('week');
  const first = last.minus({ weeks: query.weeks - 1 });
  const [from, to] = [first.toISODate()!, last.plus({ days: 6 }).toISODate()!];
  const entries = (await personToilEntries(ctx.db, userId, from, to)).map((r) => ({ minutes: r.minutes, what: r.what, doneOn: r.done_on }));
  const total = toilShare(entries, [week], query.weeks);
  const weekly = Array.from({ length: query.weeks }, (_, i) => {
    const start = first.plus({ weeks: i });
    const [a, b] = [start.toISODate()!, start.plus({ days: 6 }).toISODate()!];
    const s = toilShare(entries.filter((e) => e.doneOn >= a && e.doneOn <= b), [week], 1);
    return { weekStart: a, toilHours: round(s.toilHours), share: s.share === null ? null : round(s.share, 3) };
  });
  return {
    userId,
    from,
    to,
    toilHours: round(total.toilHours),
    workingHours: round(total.workingHours),
    workingHoursSource: week.source,
    share: total.share === null ? null : round(total.share, 3),
    target: TOIL_TARGET_SHARE,
    overTarget: total.overTarget,
    weekly,
    topRecurring: topRecurringToil(entries, 5).map((t) => ({ ...t, hours: round(t.hours) })),
  };
}
