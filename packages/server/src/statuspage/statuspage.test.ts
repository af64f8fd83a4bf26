import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, type World } from '../test-support/actors.js';
import { databaseKinds } from '../test-support/databases.js';
import { createHarness, type Harness } from '../test-support/harness.js';

const KINDS = await databaseKinds();

describe.each(KINDS)('status page on %s', (kind) => {
  let h: Harness;
  let w: World;
  const pub = async (path: string, headers: Record<string, string> = {}) => {
    const res = await h.request(path, { headers });
    return { res, json: res.headers.get('content-type')?.startsWith('application/json') ? await res.json() : null };
  };

  beforeAll(async () => {
    h = await createHarness(kind);
    w = await createWorld(h);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('serves an empty page anonymously with the page object and indicator none', async () => {
    const { res, json } = await pub('/api/v2/status.json');
    expect(res.status).toBe(200);
    expect(json.status).toEqual({ indicator: 'none', description: 'All Systems Operational' });
    expect(json.page).toMatchObject({ name: 'Status', url: 'http://operable.test/status', time_zone: 'UTC' });
  });

  it('a component follows its service’s open alerts, and a manual status overrides and says so', async () => {
    const api = await w.admin.call('POST', '/api/statuspage/components', { name: 'API', sources: [{ kind: 'service', id: w.serviceA.id }] });
    expect(api).toMatchObject({ status: 'operational', manualOverride: false, sources: [{ id: w.serviceA.id, name: w.serviceA.name, failingStatus: 'partial_outage' }] });
    const integration = await w.admin.call('POST', `/api/services/${w.serviceA.id}/integrations`, { name: 'pd', kind: 'pagerduty' });
    const send = (action: string) =>
      h.request('/v2/enqueue', { method: 'POST', json: { routing_key: integration.key, event_action: action, dedup_key: 'db-down', payload: { summary: 'DB down', source: 'db', severity: 'critical' } } });
    expect((await send('trigger')).status).toBe(202);
    await h.operable.engine.runUntilIdle();
    expect((await w.admin.call('GET', `/api/statuspage/components/${api.id}`)).status).toBe('partial_outage');
    const summary = (await pub('/api/v2/summary.json')).json;
    expect(summary.components.find((c: { id: string }) => c.id === api.id).status).toBe('partial_outage');
    expect(summary.status.indicator).toBe('major');

    const overridden = await w.admin.call('PATCH', `/api/statuspage/components/${api.id}`, { status: 'operational' });
    expect(overridden).toMatchObject({ status: 'operational', manualOverride: true, automaticStatus: 'partial_outage' });
    const back = await w.admin.call('PATCH', `/api/statuspage/components/${api.id}`, { status: null });
    expect(back).toMatchObject({ status: 'partial_outage', manualOverride: false });

    h.clock.advance(3_600_000);
    expect((await send('resolve')).status).toBe(202);
    await h.operable.engine.runUntilIdle();
    expect((await w.admin.call('GET', `/api/statuspage/components/${api.id}`)).status).toBe('operational');
    const html = await (await pub('/status')).res.text();
    expect(html).toContain('partial outage 1 h 0 min');
  });

  it('several incidents at once, with updates, affected components and the next update time', async () => {
    const db = await w.admin.call('POST', '/api/statuspage/components', { name: 'Database' });
    const first = await w.responder.call('POST', '/api/statuspage/incidents', {
      kind: 'incident',
      name: 'Slow logins',
      impact: 'minor',
      body: 'We are investigating slow logins.',
      componentStatuses: { [db.id]: 'degraded_performance' },
      nextUpdateAt: new Date(h.clock.now().getTime() + 30 * 60_000).toISOString(),
    });
    const second = await w.responder.call('POST', '/api/statuspage/incidents', { kind: 'incident', name: 'Email delays', impact: 'major', body: 'Investigating.' });
    let unresolved = (await pub('/api/v2/incidents/unresolved.json')).json;
    expect(unresolved.incidents.map((i: { id: string }) => i.id).sort()).toEqual([first.id, second.id].sort());
    expect(first.updates[0].affectedComponents).toEqual([{ code: db.id, name: 'Database', old_status: 'operational', new_status: 'degraded_performance' }]);
    expect((await pub('/api/v2/status.json')).json.status.indicator).toBe('major');
    expect(await (await pub('/status')).res.text()).toContain('Next update by');

    h.clock.advance(60_000);
    const resolved = await w.responder.call('POST', `/api/statuspage/incidents/${first.id}/updates`, { status: 'resolved', body: 'Logins are fast again.' });
    expect(resolved).toMatchObject({ status: 'resolved', nextUpdateAt: null });
    expect(resolved.updates.map((u: { status: string }) => u.status)).toEqual(['resolved', 'investigating']);
    // Resolving gave the component back to what it follows.
    expect((await w.admin.call('GET', `/api/statuspage/components/${db.id}`)).status).toBe('operational');
    unresolved = (await pub('/api/v2/incidents/unresolved.json')).json;
    expect(unresolved.incidents.map((i: { id: string }) => i.id)).toEqual([second.id]);
    const bad = await w.responder.request(`/api/statuspage/incidents/${first.id}/updates`, { method: 'POST', json: { status: 'in_progress', body: 'x' } });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.details.fields[0].field).toBe('status');
    await w.responder.call('POST', `/api/statuspage/incidents/${second.id}/updates`, { status: 'resolved', body: 'Emails flow again.' });
  });

  it('scheduled maintenance starts and completes on time and puts its components under maintenance', async () => {
    const web = await w.admin.call('POST', '/api/statuspage/components', { name: 'Web' });
    const start = new Date(h.clock.now().getTime() + 3_600_000);
    const m = await w.responder.call('POST', '/api/statuspage/incidents', {
      kind: 'maintenance',
      name: 'Database upgrade',
      body: 'We will upgrade the database.',
      scheduledFor: start.toISOString(),
      scheduledUntil: new Date(start.getTime() + 3_600_000).toISOString(),
      componentIds: [web.id],
    });
    expect(m.status).toBe('scheduled');
    expect((await pub('/api/v2/scheduled-maintenances/upcoming.json')).json.scheduled_maintenances.map((x: { id: string }) => x.id)).toContain(m.id);
    h.clock.advance(3_600_000);
    await h.operable.engine.runUntilIdle();
    const active = (await pub('/api/v2/scheduled-maintenances/active.json')).json.scheduled_maintenances;
    expect(active.map((x: { id: string }) => x.id)).toEqual([m.id]);
    expect((await w.admin.call('GET', `/api/statuspage/components/${web.id}`)).status).toBe('under_maintenance');
    expect((await pub('/api/v2/status.json')).json.status.indicator).toBe('none');
    h.clock.advance(3_600_000);
    await h.operable.engine.runUntilIdle();
    expect((await w.admin.call('GET', `/api/statuspage/incidents/${m.id}`)).status).toBe('completed');
    expect((await w.admin.call('GET', `/api/statuspage/components/${web.id}`)).status).toBe('operational');
  });

  it('groups hold one level and show their worst member; bad shapes name the field', async () => {
    const group = await w.admin.call('POST', '/api/statuspage/components', { name: 'Backend', isGroup: true });
    const member = await w.admin.call('POST', '/api/statuspage/components', { name: 'Queue', groupId: group.id, status: 'major_outage' });
    const components = (await pub('/api/v2/components.json')).json.components;
    expect(components.find((c: { id: string }) => c.id === group.id)).toMatchObject({ group: true, components: [member.id], status: 'major_outage' });
    expect(components.find((c: { id: string }) => c.id === member.id)).toMatchObject({ group: false, group_id: group.id });
    const nested = await w.admin.request('/api/statuspage/components', { method: 'POST', json: { name: 'Nested', isGroup: true, groupId: group.id } });
    expect(nested.status).toBe(400);
    expect((await nested.json()).error.details.fields[0].field).toBe('groupId');
    const unknown = await w.admin.request('/api/statuspage/components', { method: 'POST', json: { name: 'X', sources: [{ kind: 'service', id: crypto.randomUUID() }] } });
    expect((await unknown.json()).error.details.fields[0].field).toBe('sources.0.id');
    await w.admin.call('PATCH', `/api/statuspage/components/${member.id}`, { status: null });
  });

  it('answers 304 to If-None-Match and a new ETag after a change', async () => {
    const first = await pub('/api/v2/summary.json');
    const etag = first.res.headers.get('etag')!;
    expect(etag).toMatch(/^".+"$/);
    expect((await pub('/api/v2/summary.json', { 'if-none-match': etag })).res.status).toBe(304);
    await w.admin.call('PATCH', '/api/statuspage/settings', { name: 'Acme' });
    const after = await pub('/api/v2/summary.json', { 'if-none-match': etag });
    expect(after.res.status).toBe(200);
    expect(after.json.page.name).toBe('Acme');
  });

  it('writes audit rows for its changes', async () => {
    const audit = await w.admin.call('GET', '/api/audit?limit=100');
    const actions = new Set(audit.items.map((a: { action: string }) => a.action));
    for (const a of ['statuspage.component.create', 'statuspage.incident.create', 'statuspage.incident.update_posted', 'statuspage.maintenance.create', 'statuspage.maintenance.in_progress', 'statuspage.settings.update']) {
      expect(actions, a).toContain(a);
    }
  });
});
