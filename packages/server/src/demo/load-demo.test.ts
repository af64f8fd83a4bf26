import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listUsers } from '../auth/index.js';
import { listAudit } from '../audit/index.js';
import { deleteService, listServices, listTeams, removeTeamMember } from '../catalog/index.js';
import { inTransaction } from '../db/index.js';
import { databaseKinds } from '../test-support/databases.js';
import { createHarness, type Harness } from '../test-support/harness.js';
import { DEMO_SERVICES, DEMO_TEAMS, DEMO_USERS } from './demo-data.js';
import { loadDemo } from './index.js';
import { listSlos } from '../health/index.js';
import { getIncident, listIncidents } from '../incidents/index.js';
import { getStatuspageComponent } from '../statuspage/index.js';

describe.each(await databaseKinds())('loadDemo on %s', (kind) => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness(kind);
  });
  afterEach(() => h.close());

  const load = () => inTransaction(h.operable.deps.database.db, (trx) => loadDemo(h.operable.systemCtx(trx)));
  const read = async () => {
    const ctx = h.operable.systemCtx();
    return { users: await listUsers(ctx), teams: await listTeams(ctx), services: await listServices(ctx) };
  };

  it('creates teams, people across time zones and services with runbooks', async () => {
    const summary = await load();
    expect(summary.users.created).toHaveLength(DEMO_USERS.length);
    expect(summary.teams.created).toEqual(['Platform', 'Payments', 'Mobile']);
    expect(summary.services.created).toHaveLength(DEMO_SERVICES.length);
    expect(summary.users.skipped).toEqual([]);
    expect(summary.slos.created).toEqual(['Checkout availability', 'Checkout latency', 'Gateway availability', 'Payment success']);
    // A month of history: the SLO pages have budgets on first start, checkout's dented by last week's incident.
    const slos = await listSlos(h.operable.systemCtx());
    const checkout = slos.find((s) => s.name === 'Checkout availability')!;
    expect(checkout.status.budgetRemaining).toBeGreaterThan(0);
    expect(checkout.status.budgetRemaining).toBeLessThan(0.9);
    // Nothing burns now: a fresh demo raises no alerts by itself.
    expect(slos.flatMap((s) => s.status.tiers.filter((t) => t.state !== 'ok').map((t) => `${s.name} ${t.longWindowMinutes}`))).toEqual([]);

    const { users, teams, services } = await read();
    const demoUsers = users.filter((u) => u.email.endsWith('@example.com'));
    expect(demoUsers.length).toBeGreaterThanOrEqual(10);
    expect(new Set(demoUsers.map((u) => u.timeZone)).size).toBeGreaterThanOrEqual(4);
    expect(demoUsers.filter((u) => u.role === 'viewer')).toHaveLength(1);
    expect(demoUsers.every((u) => u.role !== 'admin')).toBe(true);
    for (const u of demoUsers) {
      expect(u.teamIds.length).toBeGreaterThanOrEqual(1);
      expect(u.teamIds.length).toBeLessThanOrEqual(2);
      expect(u.workingHours.days.length).toBeGreaterThan(0);
    }

    expect(teams.map((t) => t.name).sort()).toEqual(DEMO_TEAMS.map((t) => t.name).sort());
    for (const team of teams) {
      expect(team.description).not.toBe('');
      expect(team.members.length).toBeGreaterThanOrEqual(3);
    }
    expect(summary.memberships.added).toBe(teams.reduce((n, t) => n + t.members.length, 0));

    expect(services.length).toBeGreaterThanOrEqual(8);
    for (const s of services) {
      expect(s.description).not.toBe('');
      expect(s.tags.length).toBeGreaterThan(0);
      expect(s.runbookUrl).toMatch(/^https:\/\/runbooks\.example\.com\//);
      for (const section of ['## Symptoms', '## Dashboards', '## First steps', '## Escalation']) {
        expect(s.runbookMarkdown, `${s.name} runbook`).toContain(section);
      }
    }
    // Every team owns something.
    expect(new Set(services.map((s) => s.teamName))).toEqual(new Set(DEMO_TEAMS.map((t) => t.name)));
  });

  it('is safe to load twice: nothing is duplicated', async () => {
    await load();
    const before = await read();
    const again = await load();
    expect(again.users.created).toEqual([]);
    expect(again.teams.created).toEqual([]);
    expect(again.services.created).toEqual([]);
    expect(again.slos.created).toEqual([]);
    expect(again.memberships.added).toBe(0);
    expect(again.users.skipped).toHaveLength(DEMO_USERS.length);
    expect(again.teams.skipped).toHaveLength(DEMO_TEAMS.length);
    expect(again.services.skipped).toHaveLength(DEMO_SERVICES.length);

    const after = await read();
    expect(after.users).toHaveLength(before.users.length);
    expect(after.teams.map((t) => [t.name, t.members.length])).toEqual(before.teams.map((t) => [t.name, t.members.length]));
    expect(after.services.map((s) => s.id)).toEqual(before.services.map((s) => s.id));
  });

  it('fills in only what is missing', async () => {
    await load();
    // Someone deleted a service and a membership; loading again restores just those.
    const { services, teams } = await read();
    const platform = teams.find((t) => t.name === 'Platform')!;
    await inTransaction(h.operable.deps.database.db, async (trx) => {
      const c = h.operable.systemCtx(trx);
      await deleteService(c, services.find((s) => s.name === 'billing-worker')!.id);
      await removeTeamMember(c, platform.id, platform.members[0]!.userId);
    });
    const again = await load();
    expect(again.services.created).toEqual(['billing-worker']);
    expect(again.memberships.added).toBe(1);
    expect((await listServices(h.operable.systemCtx())).length).toBe(services.length);
  });

  it('writes the DEMO_LOADED event and an audit trail', async () => {
    await load();
    expect(h.logs.filter((l) => l.event === 'DEMO_LOADED')).toHaveLength(1);
    const audit = await listAudit(h.operable.systemCtx(), { action: 'service.create', limit: 100 });
    expect(audit.items).toHaveLength(DEMO_SERVICES.length);
    expect(audit.items.every((e) => e.actorType === 'system')).toBe(true);
  });

  it('tells two past incidents and a drill, each with its whole story, once', async () => {
    const summary = await load();
    expect(summary.incidents.created).toHaveLength(3);
    const ctx = h.operable.systemCtx();
    const { items } = await listIncidents(ctx, { limit: 50 });
    expect(items.filter((i) => i.drill)).toHaveLength(1);
    expect(items.every((i) => i.status === 'resolved' && new Date(i.resolvedAt!) < h.clock.now())).toBe(true);
    const paymentsIncident = items.find((i) => i.severity === 1)!;
    const detail = await getIncident(ctx, paymentsIncident.id);
    expect(detail.roles.map((r) => `${r.role}: ${r.user.name}`)).toEqual(['commander: Sofia Alvarez', 'communicator: Marcus Johnson']);
    expect(detail.timeline.map((e) => e.keyMoment).filter(Boolean)).toEqual(['detected', 'mitigated', 'resolved']);
    expect(detail.timeline.some((e) => e.kind === 'command')).toBe(true);
    expect((await load()).incidents).toEqual({ created: [], skipped: summary.incidents.created });
  });
});

describe.each(await databaseKinds())('the demo status page on %s', (kind) => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness(kind);
  });
  afterEach(() => h.close());

  it('has 12 components in 3 groups, one past incident and one scheduled maintenance, once', async () => {
    const load = () => inTransaction(h.operable.deps.database.db, (trx) => loadDemo(h.operable.systemCtx(trx)));
    expect((await load()).statusPage.created).toHaveLength(1);
    const summary = await (await h.request('/api/v2/summary.json')).json();
    expect(summary.page.name).toBe('Acme Shop');
    expect(summary.components.filter((c: { group: boolean }) => c.group)).toHaveLength(3);
    expect(summary.components.filter((c: { group: boolean }) => !c.group)).toHaveLength(12);
    expect(summary.components.filter((c: { group_id: string | null }) => c.group_id)).toHaveLength(12);
    expect(summary.status.indicator).toBe('none');
    const incidents = (await (await h.request('/api/v2/incidents.json')).json()).incidents;
    expect(incidents.map((i: { status: string; incident_updates: unknown[] }) => [i.status, i.incident_updates.length])).toEqual([['resolved', 3]]);
    const upcoming = (await (await h.request('/api/v2/scheduled-maintenances/upcoming.json')).json()).scheduled_maintenances;
    expect(upcoming.map((m: { name: string }) => m.name)).toEqual(['Database upgrade']);
    // The website follows the demo's check of the web app (a synthetic check as a status source).
    const website = (await h.operable.systemCtx().db.selectFrom('statuspage_components').select('id').where('name', '=', 'Website').executeTakeFirstOrThrow()).id;
    const component = await getStatuspageComponent(h.operable.systemCtx(), website);
    expect(component.sources).toEqual([{ kind: 'check', id: expect.any(String), name: 'Operable web app', failingStatus: 'major_outage' }]);
    expect((await load()).statusPage.skipped).toEqual(['status page']);
  });
});
