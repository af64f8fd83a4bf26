import { CreateService, CreateTeam, CreateUser } from '@operable/shared';
import { createUser, listUsers } from '../auth/index.js';
import { addTeamMember, createService, createTeam, listServices, listTeams } from '../catalog/index.js';
import type { Ctx } from '../lib/context.js';
import { DEMO_SERVICES, DEMO_TEAMS, DEMO_USERS } from './demo-data.js';

export interface DemoPart {
  /** Names (emails for users) of what this run created. */
  created: string[];
  /** What already existed (matched by email or case-insensitive name) and was left alone. */
  skipped: string[];
}

export interface DemoSummary {
  users: DemoPart;
  teams: DemoPart;
  services: DemoPart;
  memberships: { added: number; skipped: number };
}

/**
 * Loads the demo organization through the ordinary verbs (so it is validated and
 * audited like anything else). Safe to run again: whatever already exists is
 * skipped, never duplicated or overwritten. `ctx` is an admin/system ctx inside
 * one transaction, so a failure leaves nothing half-loaded.
 */
export async function loadDemo(ctx: Ctx): Promise<DemoSummary> {
  const summary: DemoSummary = {
    users: { created: [], skipped: [] },
    teams: { created: [], skipped: [] },
    services: { created: [], skipped: [] },
    memberships: { added: 0, skipped: 0 },
  };

  const userIds = new Map<string, string>();
  const existingUsers = new Map((await listUsers(ctx)).map((u) => [u.email, u.id]));
  for (const person of DEMO_USERS) {
    const input = CreateUser.parse({
      name: person.name,
      email: person.email,
      role: person.role,
      timeZone: person.timeZone,
      workingHours: person.workingHours,
    });
    const existing = existingUsers.get(input.email);
    if (existing) {
      userIds.set(input.email, existing);
      summary.users.skipped.push(input.email);
    } else {
      userIds.set(input.email, (await createUser(ctx, input)).id);
      summary.users.created.push(input.email);
    }
  }

  const teamIds = new Map<string, string>();
  const existingTeams = new Map((await listTeams(ctx)).map((t) => [t.name.toLowerCase(), t]));
  for (const demoTeam of DEMO_TEAMS) {
    let team = existingTeams.get(demoTeam.name.toLowerCase());
    if (team) summary.teams.skipped.push(team.name);
    else {
      team = await createTeam(ctx, CreateTeam.parse({ name: demoTeam.name, description: demoTeam.description }));
      summary.teams.created.push(team.name);
    }
    teamIds.set(demoTeam.name, team.id);
    const members = new Set(team.members.map((m) => m.userId));
    for (const person of DEMO_USERS.filter((p) => p.teams.includes(demoTeam.name))) {
      const userId = userIds.get(person.email.toLowerCase())!;
      if (members.has(userId)) {
        summary.memberships.skipped++;
      } else {
        await addTeamMember(ctx, team.id, userId);
        summary.memberships.added++;
      }
    }
  }

  const existingServices = new Set((await listServices(ctx)).map((s) => s.name.toLowerCase()));
  for (const service of DEMO_SERVICES) {
    if (existingServices.has(service.name.toLowerCase())) {
      summary.services.skipped.push(service.name);
      continue;
    }
    const input = CreateService.parse({
      name: service.name,
      description: service.description,
      teamId: teamIds.get(service.team),
      tags: service.tags,
      runbookUrl: service.runbookUrl,
      runbookMarkdown: service.runbookMarkdown,
    });
    summary.services.created.push((await createService(ctx, input)).name);
  }

  ctx.log.event('DEMO_LOADED', {
    created: { users: summary.users.created.length, teams: summary.teams.created.length, services: summary.services.created.length },
    skipped: { users: summary.users.skipped.length, teams: summary.teams.skipped.length, services: summary.services.skipped.length },
    membershipsAdded: summary.memberships.added,
  });
  return summary;
}
