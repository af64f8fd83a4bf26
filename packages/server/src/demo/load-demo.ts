import { CreateEscalationPolicy, CreateSchedule, CreateService, CreateTeam, CreateUser } from '@operable/shared';
import { createUser, listUsers } from '../auth/index.js';
import { addTeamMember, createService, createTeam, listServices, listTeams } from '../catalog/index.js';
import { createEscalationPolicy, listEscalationPolicies } from '../escalation/index.js';
import { createSchedule, listSchedules } from '../schedules/index.js';
import type { Ctx } from '../lib/context.js';
import { DEMO_SERVICES, DEMO_TEAMS, DEMO_USERS } from './demo-data.js';
import { loadDemoSlos } from './demo-slos.js';
import { loadDemoIncidents } from './demo-incidents.js';
import { loadDemoPostmortems } from './demo-postmortems.js';
import { loadStatuspageDemo } from './demo-statuspage.js';
import { loadDemoChecks } from './demo-checks.js';

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
  /** One on-call schedule and escalation policy per team. */
  schedules: DemoPart;
  /** Two past incidents and a drill, by title. */
  incidents: DemoPart;
  memberships: { added: number; skipped: number };
  /** SLOs with a month of history, on the demo services. */
  slos: DemoPart;
  /** Two incidents with their post-mortems: one reviewed with action items (one overdue), one draft. */
  postmortems: DemoPart;
  /** The public status page (components, a past incident, a maintenance). */
  statusPage: DemoPart;
  /** Synthetic checks against this server. */
  checks: DemoPart;
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
    schedules: { created: [], skipped: [] },
    incidents: { created: [], skipped: [] },
    memberships: { added: 0, skipped: 0 },
    slos: { created: [], skipped: [] },
    postmortems: { created: [], skipped: [] },
    statusPage: { created: [], skipped: [] },
    checks: { created: [], skipped: [] },
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

  const policyIds = await loadOnCall(ctx, teamIds, userIds, summary.schedules);

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
      escalationPolicyId: policyIds.get(service.team) ?? null,
    });
    summary.services.created.push((await createService(ctx, input)).name);
  }
  const serviceIds = new Map((await listServices(ctx)).map((s) => [s.name, s.id]));
  await loadDemoChecks(ctx, serviceIds, summary.checks);

  await loadDemoSlos(ctx, summary.slos);
  await loadDemoIncidents(ctx, userIds, teamIds, summary.incidents);
  await loadDemoPostmortems(ctx, summary.postmortems);
  await loadStatuspageDemo(ctx, serviceIds, summary.statusPage);

  ctx.log.event('DEMO_LOADED', {
    created: { users: summary.users.created.length, teams: summary.teams.created.length, services: summary.services.created.length },
    skipped: { users: summary.users.skipped.length, teams: summary.teams.skipped.length, services: summary.services.skipped.length },
    membershipsAdded: summary.memberships.added,
  });
  return summary;
}

/**
 * Per team: a weekly rotation (Tuesday 10:00 in the team's first member's zone) of
 * its responders, a secondary that is last week's primary, and a policy paging the
 * primary, then the secondary after their acknowledgement target.
 */
async function loadOnCall(ctx: Ctx, teamIds: Map<string, string>, userIds: Map<string, string>, part: DemoPart): Promise<Map<string, string>> {
  const schedules = new Set((await listSchedules(ctx)).map((s) => s.name.toLowerCase()));
  const policies = new Map((await listEscalationPolicies(ctx)).map((p) => [p.name.toLowerCase(), p.id]));
  const policyIds = new Map<string, string>();
  for (const team of DEMO_TEAMS) {
    const people = DEMO_USERS.filter((p) => p.teams.includes(team.name) && p.role !== 'viewer');
    const name = `${team.name} on-call`;
    const existingPolicy = policies.get(`${name} policy`.toLowerCase());
    if (schedules.has(name.toLowerCase()) || existingPolicy || people.length < 2) {
      if (existingPolicy) policyIds.set(team.name, existingPolicy);
      part.skipped.push(name);
      continue;
    }
    const ids = people.map((p) => userIds.get(p.email.toLowerCase())!);
    const schedule = await createSchedule(
      ctx,
      CreateSchedule.parse({
        name,
        teamId: teamIds.get(team.name),
        timeZone: people[0]!.timeZone,
        layers: [
          { name: 'Primary', participantIds: ids, startDate: '2026-01-06' },
          { name: 'Secondary', role: 'secondary', participantIds: [...ids.slice(-1), ...ids.slice(0, -1)], startDate: '2026-01-06' },
        ],
      }),
    );
    const policy = await createEscalationPolicy(
      ctx,
      CreateEscalationPolicy.parse({
        name: `${name} policy`,
        teamId: teamIds.get(team.name),
        repeatCount: 1,
        steps: [
          { delayMinutes: schedule.primaryAckMinutes, targets: [{ type: 'schedule_primary', scheduleId: schedule.id }] },
          { delayMinutes: schedule.secondaryAckMinutes, targets: [{ type: 'schedule_secondary', scheduleId: schedule.id }] },
        ],
      }),
    );
    policyIds.set(team.name, policy.id);
    part.created.push(name);
  }
  return policyIds;
}
