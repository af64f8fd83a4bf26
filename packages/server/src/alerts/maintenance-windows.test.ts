import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, unique, type World } from '../test-support/actors.js';
import { databaseKinds } from '../test-support/databases.js';
import { createHarness, type Harness } from '../test-support/harness.js';

const MIN = 60_000;

describe.each(await databaseKinds())('maintenance windows on %s', (kind) => {
  let h: Harness;
  let w: World;
  let key: string;

  beforeAll(async () => {
    h = await createHarness(kind);
    w = await createWorld(h);
    key = (await w.admin.call('POST', `/api/services/${w.serviceA.id}/integrations`, { name: 'pd', kind: 'pagerduty' })).key;
  });
  afterAll(() => h.close());

  const at = (minutes: number) => new Date(h.clock.now().getTime() + minutes * MIN).toISOString();
  const once = (extra: Record<string, unknown> = {}) => ({ kind: 'once', name: unique('deploy'), serviceIds: [w.serviceA.id], startsAt: at(-1), endsAt: at(30), ...extra });
  const trigger = async () => {
    const res = await h.request('/v2/enqueue', { method: 'POST', json: { routing_key: key, event_action: 'trigger', payload: { summary: unique('blip'), source: 'ci', severity: 'critical' } } });
    expect(res.status).toBe(202);
    const { dedup_key } = await res.json();
    const page = await w.admin.call('GET', `/api/alerts?serviceId=${w.serviceA.id}&limit=500`);
    return page.items.find((a: { dedupKey: string }) => a.dedupKey === dedup_key) as { id: string; suppressedBy: string | null };
  };
  const auditOf = (id: string) => h.operable.deps.database.db.selectFrom('audit_log').select(['action', 'actor_label']).where('entity_id', '=', id).orderBy('id').execute();

  it('lets a responder silence their service for a deploy, audited; alerts are recorded, not paged, until it ends', async () => {
    const window = await w.responder.call('POST', '/api/maintenance-windows', once());
    expect(window).toMatchObject({ kind: 'once', serviceIds: [w.serviceA.id], services: [{ id: w.serviceA.id, name: w.serviceA.name }], activeUntil: at(30), createdBy: expect.stringMatching(/\S/) });
    expect(window.next).toEqual([{ startsAt: at(-1), endsAt: at(30) }]);
    expect(await auditOf(window.id)).toEqual([{ action: 'maintenance_window.create', actor_label: expect.any(String) }]);

    expect((await trigger()).suppressedBy).toBe(window.id);

    // Ended early: the next alert pages again, the one it suppressed stays as recorded.
    await w.responder.call('DELETE', `/api/maintenance-windows/${window.id}`, undefined, 204);
    expect((await trigger()).suppressedBy).toBeNull();
    expect((await auditOf(window.id)).map((a) => a.action)).toEqual(['maintenance_window.create', 'maintenance_window.delete']);
    await w.viewer.call('GET', `/api/maintenance-windows/${window.id}`, undefined, 404);
  });

  it('extends a window that runs long, keeping before and after in the audit log', async () => {
    const window = await w.responder.call('POST', '/api/maintenance-windows', once());
    const longer = await w.responder.call('PUT', `/api/maintenance-windows/${window.id}`, once({ name: window.name, endsAt: at(90) }));
    expect(longer).toMatchObject({ id: window.id, endsAt: at(90), activeUntil: at(90) });
    h.clock.advance(60 * MIN);
    expect((await trigger()).suppressedBy).toBe(window.id);
    h.clock.advance(31 * MIN);
    expect((await trigger()).suppressedBy).toBeNull();
    const [, update] = await h.operable.deps.database.db.selectFrom('audit_log').select(['action', 'before', 'after']).where('entity_id', '=', window.id).orderBy('id').execute();
    expect(update).toMatchObject({ action: 'maintenance_window.update', before: expect.objectContaining({ endsAt: at(-61) }), after: expect.objectContaining({ endsAt: at(-1) }) });
  });

  it('lists windows that have not ended, by service, and ended ones on request', async () => {
    const past = await w.admin.call('POST', '/api/maintenance-windows', once({ startsAt: at(-120), endsAt: at(-60) }));
    const soon = await w.admin.call('POST', '/api/maintenance-windows', once({ startsAt: at(60), endsAt: at(90) }));
    const elsewhere = await w.admin.call('POST', '/api/maintenance-windows', once({ serviceIds: [w.serviceB.id] }));
    const everywhere = await w.admin.call('POST', '/api/maintenance-windows', once({ serviceIds: null, startsAt: at(600), endsAt: at(660) }));
    const ids = async (query: string) => (await w.viewer.call('GET', `/api/maintenance-windows${query}`)).items.map((i: { id: string }) => i.id);

    const forA = await ids(`?serviceId=${w.serviceA.id}`);
    expect(forA).toEqual(expect.arrayContaining([soon.id, everywhere.id]));
    expect(forA).not.toContain(past.id);
    expect(forA).not.toContain(elsewhere.id);
    expect(await ids(`?serviceId=${w.serviceA.id}&ended=true`)).toContain(past.id);
    const soonView = await w.viewer.call('GET', `/api/maintenance-windows/${soon.id}`);
    expect(soonView).toMatchObject({ activeUntil: null, next: [{ startsAt: at(60), endsAt: at(90) }] });
    expect(everywhere).toMatchObject({ serviceIds: null, services: [] });
  });

  it('repeats weekly in its own time zone, and says when the next runs', async () => {
    // 2026-03-03 is a Tuesday; the fake clock starts there at 10:00 UTC (11:00 in Berlin).
    h.clock.set('2026-03-03T10:00:00Z');
    const nightly = await w.responder.call('POST', '/api/maintenance-windows', {
      kind: 'recurring',
      name: unique('nightly'),
      serviceIds: [w.serviceA.id],
      timeZone: 'Europe/Berlin',
      days: [3, 1, 3],
      start: '02:00',
      durationMinutes: 30,
    });
    expect(nightly).toMatchObject({ days: [1, 3], activeUntil: null, startsAt: null, endsAt: null });
    expect(nightly.next).toEqual([
      { startsAt: '2026-03-04T01:00:00.000Z', endsAt: '2026-03-04T01:30:00.000Z' },
      { startsAt: '2026-03-09T01:00:00.000Z', endsAt: '2026-03-09T01:30:00.000Z' },
      { startsAt: '2026-03-11T01:00:00.000Z', endsAt: '2026-03-11T01:30:00.000Z' },
    ]);
    h.clock.set('2026-03-04T01:10:00Z');
    expect((await w.viewer.call('GET', `/api/maintenance-windows/${nightly.id}`)).activeUntil).toBe('2026-03-04T01:30:00.000Z');
    expect((await trigger()).suppressedBy).toBe(nightly.id);
    h.clock.set('2026-03-04T01:30:00Z');
    expect((await trigger()).suppressedBy).toBeNull();
    await w.responder.call('DELETE', `/api/maintenance-windows/${nightly.id}`, undefined, 204);
  });

  it('scopes changes like services: responders only their teams’ services, admins any and all', async () => {
    const theirs = await w.responder.request('/api/maintenance-windows', { method: 'POST', json: once({ serviceIds: [w.serviceB.id] }) });
    expect(theirs.status).toBe(403);
    const all = await w.responder.request('/api/maintenance-windows', { method: 'POST', json: once({ serviceIds: null }) });
    expect(all.status).toBe(403);
    const viewer = await w.viewer.request('/api/maintenance-windows', { method: 'POST', json: once() });
    expect(viewer.status).toBe(403);
    // Widening one's own window to another team's service is refused too.
    const own = await w.responder.call('POST', '/api/maintenance-windows', once({ startsAt: at(600), endsAt: at(660) }));
    const widened = await w.responder.request(`/api/maintenance-windows/${own.id}`, { method: 'PUT', json: once({ serviceIds: [w.serviceA.id, w.serviceB.id] }) });
    expect(widened.status).toBe(403);
    const adminAll = await w.admin.call('POST', '/api/maintenance-windows', once({ serviceIds: null, startsAt: at(600), endsAt: at(660) }));
    await w.responder.call('DELETE', `/api/maintenance-windows/${adminAll.id}`, undefined, 403);
  });

  it('can still be changed and ended after one of its services was deleted', async () => {
    const doomed = await w.admin.call('POST', '/api/services', { name: unique('doomed'), teamId: w.teamA.id });
    const window = await w.responder.call('POST', '/api/maintenance-windows', once({ serviceIds: [w.serviceA.id, doomed.id] }));
    await w.admin.call('DELETE', `/api/services/${doomed.id}`, undefined, 204);
    expect((await w.viewer.call('GET', `/api/maintenance-windows/${window.id}`)).services).toEqual([{ id: w.serviceA.id, name: w.serviceA.name }]);
    await w.responder.call('PUT', `/api/maintenance-windows/${window.id}`, once({ name: window.name, endsAt: at(45) }));
    await w.responder.call('DELETE', `/api/maintenance-windows/${window.id}`, undefined, 204);
  });

  it.each([
    ['endsAt', () => once({ endsAt: at(-2) })],
    ['endsAt', () => once({ endsAt: at(8 * 24 * 60) })],
    ['startsAt', () => once({ startsAt: 'tomorrow' })],
    ['serviceIds', () => once({ serviceIds: ['00000000-0000-4000-8000-000000000000'] })],
    ['serviceIds', () => once({ serviceIds: [] })],
    ['name', () => once({ name: ' ' })],
    ['kind', () => once({ kind: 'sometimes' })],
    ['timeZone', () => ({ kind: 'recurring', name: 'n', serviceIds: null, timeZone: 'Mars/Olympus', days: [1], start: '02:00', durationMinutes: 30 })],
    ['days', () => ({ kind: 'recurring', name: 'n', serviceIds: null, timeZone: 'UTC', days: [0], start: '02:00', durationMinutes: 30 })],
    ['start', () => ({ kind: 'recurring', name: 'n', serviceIds: null, timeZone: 'UTC', days: [1], start: '25:00', durationMinutes: 30 })],
    ['durationMinutes', () => ({ kind: 'recurring', name: 'n', serviceIds: null, timeZone: 'UTC', days: [1], start: '02:00', durationMinutes: 10081 })],
    ['extra', () => once({ extra: true })],
  ])('refuses a bad %s with a 4xx naming it, writing nothing', async (field, body) => {
    const before = (await w.admin.call('GET', '/api/maintenance-windows?ended=true')).items.length;
    const res = await w.admin.request('/api/maintenance-windows', { method: 'POST', json: body() });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(JSON.stringify(await res.json())).toContain(field);
    expect((await w.admin.call('GET', '/api/maintenance-windows?ended=true')).items.length).toBe(before);
  });
});
