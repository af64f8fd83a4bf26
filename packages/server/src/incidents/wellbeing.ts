import type { AnswerCheckin, WellbeingCheckin, WellbeingTrend } from '@operable/shared';
import type { z } from 'zod';
import { recordAudit } from '../audit/index.js';
import { sendNotice } from '../notify/index.js';
import { requireRole, requireSignedIn } from '../lib/authorize.js';
import type { Ctx } from '../lib/context.js';
import { forbidden, notFound } from '../lib/errors.js';
import { incidentLabel, writeEntry } from './access.js';
import { servicesOf, type IncidentRow } from './repository.js';
import { everyoneInvolved } from './roles-repository.js';
import { touchesSleep } from './rules.js';
import { weeklyTrend } from './trend.js';
import { answerCheckinRow, answeredCheckinsOfTeam, checkinsOfUser, findCheckin, insertCheckins, peopleWithTeams, teamMemberIds } from './wellbeing-repository.js';

const DEFAULT_SLEEP = { start: '22:00', end: '08:00' };

/**
 * After resolve: everyone who held a role gets a check-in (once per incident, also
 * after a reopen). When the incident ran through someone's sleep hours, their
 * teammates are nudged to check in on them.
 */
export async function afterResolve(ctx: Ctx, incident: IncidentRow): Promise<void> {
  const userIds = await everyoneInvolved(ctx.db, incident.id);
  if (!userIds.length) return;
  const serviceTeams = new Set((await servicesOf(ctx.db, [incident.id])).map((s) => s.team_id));
  const people = await peopleWithTeams(ctx.db, userIds);
  const now = ctx.clock.now();
  const rows = userIds.map((userId) => {
    const teams = people.filter((p) => p.id === userId);
    const team = teams.find((t) => t.team_id && serviceTeams.has(t.team_id)) ?? teams.find((t) => t.team_id) ?? teams[0]!;
    const window = team.sleep_start && team.sleep_end ? { start: team.sleep_start, end: team.sleep_end } : DEFAULT_SLEEP;
    return {
      incident_id: incident.id,
      user_id: userId,
      team_id: team.team_id,
      requested_at: now,
      touched_sleep: touchesSleep(incident.declared_at, now, team.time_zone, window),
      name: team.name,
    };
  });
  const created = await insertCheckins(ctx.db, rows.map(({ name: _name, ...r }) => r));
  if (!created.length) return;
  const label = incidentLabel(incident);
  await sendNotice(ctx.db, {
    userIds: created.map((c) => c.user_id),
    kind: 'wellbeing_checkin',
    title: `${label} is resolved: how are you?`,
    text: `Thank you for handling ${label}: ${incident.title}. How stressful was it, and did it cost you sleep? Your answer can be anonymous; it feeds only your team's trend.`,
    body: { incidentId: incident.id, incidentNumber: Number(incident.number) },
    now,
    traceId: ctx.requestId,
  });
  for (const c of created.filter((c) => c.touched_sleep && c.team_id)) {
    const person = rows.find((r) => r.user_id === c.user_id)!;
    const teammates = (await teamMemberIds(ctx.db, c.team_id!)).filter((id) => id !== c.user_id);
    await sendNotice(ctx.db, {
      userIds: teammates,
      kind: 'wellbeing_nudge',
      title: `${person.name} handled ${label} in their sleep hours`,
      text: `${person.name} was up for ${label}: ${incident.title}. A word from a teammate helps: check in on them today.`,
      body: { incidentId: incident.id, userId: c.user_id },
      now,
      traceId: ctx.requestId,
    });
  }
  await writeEntry(ctx, incident.id, {
    kind: 'wellbeing_requested',
    text: `Asked ${created.length} ${created.length === 1 ? 'person' : 'people'} how they are${created.some((c) => c.touched_sleep) ? '; teammates of those woken at night were nudged' : ''}`,
    data: { userIds: created.map((c) => c.user_id), nightUserIds: created.filter((c) => c.touched_sleep).map((c) => c.user_id) },
  });
}

type CheckinRow = Awaited<ReturnType<typeof checkinsOfUser>>[number];
const toCheckin = (r: CheckinRow): WellbeingCheckin => ({
  id: r.id,
  incidentId: r.incident_id,
  incidentNumber: Number(r.number),
  incidentTitle: r.title,
  requestedAt: r.requested_at.toISOString(),
  answeredAt: r.answered_at?.toISOString() ?? null,
  stress: r.stress,
  sleepLostMinutes: r.sleep_lost_minutes,
  comment: r.comment,
  anonymous: r.anonymous,
});

/** The signed-in person's own check-ins (their own answers, anonymous or not). */
export async function listMyCheckins(ctx: Ctx): Promise<WellbeingCheckin[]> {
  requireRole(ctx.actor, 'viewer');
  requireSignedIn(ctx.actor);
  return (await checkinsOfUser(ctx.db, ctx.actor.userId)).map(toCheckin);
}

/**
 * Only the person answers their own check-in. The audit row records that an answer
 * was given, never its content: anonymity must hold against admins reading the log too.
 */
export async function answerCheckin(ctx: Ctx, id: string, input: z.output<typeof AnswerCheckin>): Promise<WellbeingCheckin> {
  requireRole(ctx.actor, 'viewer');
  requireSignedIn(ctx.actor);
  const checkin = await findCheckin(ctx.db, id);
  if (!checkin) throw notFound('Check-in', id);
  if (checkin.user_id !== ctx.actor.userId) throw forbidden('Only the person asked answers a check-in');
  await answerCheckinRow(ctx.db, id, {
    answered_at: ctx.clock.now(),
    stress: input.stress,
    sleep_lost_minutes: input.sleepLostMinutes,
    comment: input.comment ?? null,
    anonymous: input.anonymous,
  });
  await recordAudit(ctx, { action: 'wellbeing.answer', entityType: 'wellbeing_checkin', entityId: id, after: { incidentId: checkin.incident_id, anonymous: input.anonymous } });
  const mine = (await checkinsOfUser(ctx.db, ctx.actor.userId)).find((c) => c.id === id)!;
  return toCheckin(mine);
}

/** Team-level weekly trend; named answers are listed, anonymous ones only counted. Team members and admins. */
export async function wellbeingTrend(ctx: Ctx, teamId: string, weeks: number): Promise<WellbeingTrend> {
  requireRole(ctx.actor, 'viewer');
  if (ctx.actor.role !== 'admin' && !ctx.actor.teamIds.includes(teamId)) throw forbidden('Only the team’s members and admins see its wellbeing trend');
  const now = ctx.clock.now();
  const since = new Date(now.getTime() - weeks * 7 * 86_400_000);
  const rows = await answeredCheckinsOfTeam(ctx.db, teamId, since);
  return {
    teamId,
    weeks: weeklyTrend(rows.map((r) => ({ at: r.answered_at!, stress: r.stress!, sleepLostMinutes: r.sleep_lost_minutes ?? 0 })), since, now),
    named: rows
      .filter((r) => !r.anonymous)
      .map((r) => ({ incidentNumber: Number(r.number), user: { id: r.user_id, name: r.name }, stress: r.stress!, sleepLostMinutes: r.sleep_lost_minutes ?? 0, comment: r.comment, answeredAt: r.answered_at!.toISOString() })),
  };
}
