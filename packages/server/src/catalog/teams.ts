import type { CreateTeam, Team, UpdateTeam } from '@operable/shared';
import type { z } from 'zod';
import { recordAudit } from '../audit/index.js';
import { requireRole } from '../lib/authorize.js';
import type { Ctx } from '../lib/context.js';
import { conflict, invalid, notFound } from '../lib/errors.js';
import {
  countTeamServices,
  deleteMember,
  deleteTeamRow,
  findTeamByName,
  findTeams,
  insertMembers,
  insertTeam,
  updateTeamRow,
} from './repository.js';
import { existingUserIds } from '../auth/index.js';

export async function listTeams(ctx: Ctx): Promise<Team[]> {
  requireRole(ctx.actor, 'viewer');
  return findTeams(ctx.db);
}

export async function getTeam(ctx: Ctx, id: string): Promise<Team> {
  requireRole(ctx.actor, 'viewer');
  const [team] = await findTeams(ctx.db, id);
  if (!team) throw notFound('Team', id);
  return team;
}

export async function createTeam(ctx: Ctx, input: z.output<typeof CreateTeam>): Promise<Team> {
  requireRole(ctx.actor, 'admin');
  if (await findTeamByName(ctx.db, input.name)) throw nameTaken(input.name);
  await requireUsers(ctx, input.memberIds, 'memberIds');
  const now = ctx.clock.now();
  const id = await insertTeam(ctx.db, { name: input.name, description: input.description, created_at: now, updated_at: now });
  await insertMembers(ctx.db, id, input.memberIds, now);
  const team = await getTeam(ctx, id);
  await recordAudit(ctx, { action: 'team.create', entityType: 'team', entityId: id, after: team });
  return team;
}

export async function updateTeam(ctx: Ctx, id: string, patch: z.output<typeof UpdateTeam>): Promise<Team> {
  requireRole(ctx.actor, 'admin');
  const before = await getTeam(ctx, id);
  if (patch.name && patch.name.toLowerCase() !== before.name.toLowerCase() && (await findTeamByName(ctx.db, patch.name))) {
    throw nameTaken(patch.name);
  }
  const sleepStart = patch.sleepStart ?? before.sleepStart;
  const sleepEnd = patch.sleepEnd ?? before.sleepEnd;
  if (sleepStart === sleepEnd) {
    throw invalid([{ field: patch.sleepEnd !== undefined ? 'sleepEnd' : 'sleepStart', message: 'The sleep window must start and end at different times' }]);
  }
  await updateTeamRow(ctx.db, id, {
    name: patch.name,
    description: patch.description,
    sleep_start: patch.sleepStart,
    sleep_end: patch.sleepEnd,
    recovery_after_minutes: patch.recoveryAfterMinutes,
    recovery_next_day_override: patch.recoveryNextDayOverride,
    holidays: patch.holidays && JSON.stringify([...new Set(patch.holidays)].sort()),
    updated_at: ctx.clock.now(),
  });
  const after = await getTeam(ctx, id);
  await recordAudit(ctx, { action: 'team.update', entityType: 'team', entityId: id, before, after });
  return after;
}

export async function deleteTeam(ctx: Ctx, id: string): Promise<void> {
  requireRole(ctx.actor, 'admin');
  const before = await getTeam(ctx, id);
  const owned = await countTeamServices(ctx.db, id);
  if (owned > 0) throw conflict(`Team ${before.name} still owns ${owned} service(s); move or delete them first`, { services: owned });
  await deleteTeamRow(ctx.db, id);
  await recordAudit(ctx, { action: 'team.delete', entityType: 'team', entityId: id, before });
}

export async function addTeamMember(ctx: Ctx, teamId: string, userId: string): Promise<void> {
  requireRole(ctx.actor, 'admin');
  await getTeam(ctx, teamId);
  await requireUsers(ctx, [userId], 'path.userId'); // a path parameter, named as validation names those
  if (await insertMembers(ctx.db, teamId, [userId], ctx.clock.now())) {
    await recordAudit(ctx, { action: 'team.add_member', entityType: 'team', entityId: teamId, after: { userId } });
  }
}

export async function removeTeamMember(ctx: Ctx, teamId: string, userId: string): Promise<void> {
  requireRole(ctx.actor, 'admin');
  await getTeam(ctx, teamId);
  if (!(await deleteMember(ctx.db, teamId, userId))) throw notFound('Team membership');
  await recordAudit(ctx, { action: 'team.remove_member', entityType: 'team', entityId: teamId, before: { userId } });
}

async function requireUsers(ctx: Ctx, ids: string[], field: string): Promise<void> {
  const found = await existingUserIds(ctx.db, ids);
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length) throw invalid([{ field, message: `Unknown user(s): ${missing.join(', ')}` }]);
}

const nameTaken = (name: string) =>
  conflict(`A team named ${name} already exists`, { fields: [{ field: 'name', message: 'Already in use' }] });
