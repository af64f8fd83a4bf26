import type { World } from './actors.js';
import type { Harness } from './harness.js';

const iso = (h: Harness, minutes: number) => new Date(h.clock.now().getTime() + minutes * 60_000).toISOString();

/** A page with something in every document: groups, an open and a resolved incident, upcoming and active maintenance. */
export async function populate(h: Harness, w: World) {
  await w.admin.call('PATCH', '/api/statuspage/settings', { name: 'Acme', contactEmail: 'help@acme.test', contactText: 'We answer within a day.', brandColor: '#8250df' });
  const group = await w.admin.call('POST', '/api/statuspage/components', { name: 'Backend', isGroup: true, position: 1 });
  const api = await w.admin.call('POST', '/api/statuspage/components', { name: 'API', groupId: group.id, description: 'REST and webhooks', sources: [{ kind: 'service', id: w.serviceA.id }] });
  const db = await w.admin.call('POST', '/api/statuspage/components', { name: 'Database', groupId: group.id });
  const web = await w.admin.call('POST', '/api/statuspage/components', { name: 'Website', position: 0, startDate: '2026-01-01' });
  const old = await w.responder.call('POST', '/api/statuspage/incidents', { kind: 'incident', name: 'Login errors', impact: 'major', body: 'Investigating login errors.', componentStatuses: { [api.id]: 'major_outage' } });
  h.clock.advance(20 * 60_000);
  await w.responder.call('POST', `/api/statuspage/incidents/${old.id}/updates`, { status: 'resolved', body: 'A bad deploy was rolled back.' });
  const open = await w.responder.call('POST', '/api/statuspage/incidents', {
    kind: 'incident',
    name: 'Slow queries <script>',
    impact: 'minor',
    body: 'We are investigating slow queries.',
    componentStatuses: { [db.id]: 'degraded_performance' },
    nextUpdateAt: iso(h, 30),
  });
  const upcoming = await w.responder.call('POST', '/api/statuspage/incidents', { kind: 'maintenance', name: 'Disk upgrade', body: 'Planned.', scheduledFor: iso(h, 24 * 60), scheduledUntil: iso(h, 25 * 60), componentIds: [db.id] });
  const active = await w.responder.call('POST', '/api/statuspage/incidents', { kind: 'maintenance', name: 'CDN move', body: 'Moving the CDN.', scheduledFor: iso(h, 1), scheduledUntil: iso(h, 120), componentIds: [web.id] });
  h.clock.advance(2 * 60_000);
  await h.operable.engine.runUntilIdle();
  return { group, api, db, web, old, open, upcoming, active };
}

