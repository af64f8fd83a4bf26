import { unique, type World } from '../actors.js';
import { adminOnly, service, signedIn, team, teamEditors, type Call, type Row } from './matrix.js';

/** One status page component, incident and template per world, for the rows that read or change one. */
const spThings = new WeakMap<World, Map<string, Promise<{ id: string }>>>();
function spThing(w: World, key: string, make: () => Promise<{ id: string }>): Promise<{ id: string }> {
  const perWorld = spThings.get(w) ?? new Map();
  spThings.set(w, perWorld);
  if (!perWorld.has(key)) perWorld.set(key, make());
  return perWorld.get(key)!;
}
const spComponent = (w: World) => spThing(w, 'component', () => w.admin.call('POST', '/api/statuspage/components', { name: unique('matrix-component') }));
const spIncident = (w: World) => spThing(w, 'incident', () => w.admin.call('POST', '/api/statuspage/incidents', { kind: 'incident', name: 'Matrix', body: 'x' }));
const spLinkedIncident = (w: World) =>
  spThing(w, 'linked', async () => {
    const internal = await w.admin.call('POST', '/api/incidents', { title: unique('matrix internal'), severity: 3, serviceIds: [w.serviceA.id] });
    await w.admin.call('POST', `/api/incidents/${internal.number}/updates`, { body: 'Rolling back.' }, 201);
    return w.admin.call('POST', '/api/statuspage/incidents', { kind: 'incident', name: 'Matrix linked', body: 'x', internalIncidentId: internal.id });
  });
const spTemplate = (w: World) => spThing(w, 'template', () => w.admin.call('POST', '/api/statuspage/templates', { name: unique('tpl'), kind: 'incident', status: 'monitoring', body: 'x' }));

function healthRows(): Row[] {
  const teamId = (c: Call) => ({ params: { id: team(c).id } });
  return [
    { method: 'GET', path: '/api/health/teams/{id}', expect: signedIn(200), prepare: teamId },
    { method: 'GET', path: '/api/health/services/{id}', expect: signedIn(200), prepare: (c) => ({ params: { id: service(c).id } }) },
    { method: 'GET', path: '/api/health/people/{id}', expect: signedIn(200), prepare: (c) => ({ params: { id: c.w.viewer.id } }) },
    { method: 'GET', path: '/api/health/org', expect: signedIn(200) },
    { method: 'GET', path: '/api/health/teams/{id}/settings', expect: signedIn(200), prepare: teamId },
    { method: 'PATCH', path: '/api/health/teams/{id}/settings', expect: teamEditors(200), prepare: (c) => ({ ...teamId(c), body: { reportTime: '09:30' } }) },
    { method: 'GET', path: '/api/health/teams/{id}/review', expect: signedIn(200), prepare: teamId },
    { method: 'GET', path: '/api/health/org/review', expect: signedIn(200) },
    { method: 'GET', path: '/api/health/org/settings', expect: signedIn(200) },
    { method: 'PATCH', path: '/api/health/org/settings', expect: adminOnly(200), prepare: () => ({ body: { reportTime: '09:30' } }) },
    { method: 'GET', path: '/api/health/teams/{id}/actions', expect: signedIn(200), prepare: teamId },
    { method: 'POST', path: '/api/health/teams/{id}/actions', expect: teamEditors(201), prepare: (c) => ({ ...teamId(c), body: { title: unique('action') } }) },
    {
      method: 'PATCH',
      path: '/api/health/actions/{id}',
      expect: teamEditors(200),
      prepare: async (c) => ({ params: { id: (await c.w.admin.call('POST', `/api/health/teams/${team(c).id}/actions`, { title: unique('a') })).id }, body: { title: 'renamed' } }),
    },
    { method: 'POST', path: '/api/health/toil', expect: teamEditors(201), prepare: (c) => ({ body: { what: 'rotated certs', minutes: 30, serviceId: service(c).id } }) },
    {
      method: 'DELETE',
      path: '/api/health/toil/{id}',
      expect: teamEditors(204),
      prepare: async (c) => ({ params: { id: (await c.w.admin.call('POST', '/api/health/toil', { what: 'x', minutes: 5, serviceId: service(c).id })).id } }),
    },
    { method: 'GET', path: '/api/health/teams/{id}/toil', expect: signedIn(200), prepare: teamId },
    { method: 'GET', path: '/api/health/people/{id}/toil', expect: signedIn(200), prepare: (c) => ({ params: { id: c.w.viewer.id } }) },
    { method: 'GET', path: '/api/health/teams/{id}/risks', expect: signedIn(200), prepare: teamId },
    { method: 'POST', path: '/api/health/teams/{id}/risks', expect: teamEditors(201), prepare: (c) => ({ ...teamId(c), body: { title: 'r', impact: 3, likelihood: 2, effort: 'M' } }) },
    {
      method: 'PATCH',
      path: '/api/health/risks/{id}',
      expect: teamEditors(200),
      prepare: async (c) => ({ params: { id: (await c.w.admin.call('POST', `/api/health/teams/${team(c).id}/risks`, { title: 'r', impact: 1, likelihood: 1, effort: 'S' })).id }, body: { impact: 2 } }),
    },
  ];
}

/** The status page's admin API, and the operational health numbers, settings and lists. */
export const STATUSPAGE_HEALTH_ROWS: Row[] = [
  // Status page: everyone signed in reads; admins shape the page (settings, components) and delete
  // incidents; any responder speaks for it (incidents, maintenance, updates, templates).
  // The public documents (/status, /api/v2/*.json, /history.*) are not in the OpenAPI document:
  // statuspage/statuspage.test.ts reads them anonymously.
  { method: 'GET', path: '/api/statuspage/settings', expect: signedIn(200) },
  { method: 'PATCH', path: '/api/statuspage/settings', expect: adminOnly(200), prepare: () => ({ body: { contactText: 'Matrix' } }) },
  { method: 'GET', path: '/api/statuspage/components', expect: signedIn(200) },
  { method: 'POST', path: '/api/statuspage/components', expect: adminOnly(201), prepare: () => ({ body: { name: unique('matrix-component') } }) },
  { method: 'GET', path: '/api/statuspage/components/{id}', expect: signedIn(200), prepare: async (c) => ({ params: { id: (await spComponent(c.w)).id } }) },
  { method: 'PATCH', path: '/api/statuspage/components/{id}', expect: adminOnly(200), prepare: async (c) => ({ params: { id: (await spComponent(c.w)).id }, body: { description: 'Edited' } }) },
  {
    method: 'DELETE',
    path: '/api/statuspage/components/{id}',
    expect: adminOnly(204),
    prepare: async (c) => ({ params: { id: (await c.w.admin.call('POST', '/api/statuspage/components', { name: unique('doomed') })).id } }),
  },
  { method: 'GET', path: '/api/statuspage/incidents', expect: signedIn(200) },
  { method: 'POST', path: '/api/statuspage/incidents', expect: { ...teamEditors(201), outsider: 201 }, prepare: () => ({ body: { kind: 'incident', name: 'Matrix', body: 'Investigating.' } }) },
  { method: 'GET', path: '/api/statuspage/incidents/{id}', expect: signedIn(200), prepare: async (c) => ({ params: { id: (await spIncident(c.w)).id } }) },
  { method: 'PATCH', path: '/api/statuspage/incidents/{id}', expect: { ...teamEditors(200), outsider: 200 }, prepare: async (c) => ({ params: { id: (await spIncident(c.w)).id }, body: { name: 'Matrix edited' } }) },
  {
    method: 'DELETE',
    path: '/api/statuspage/incidents/{id}',
    expect: adminOnly(204),
    prepare: async (c) => ({ params: { id: (await c.w.admin.call('POST', '/api/statuspage/incidents', { kind: 'incident', name: 'Doomed', body: 'x' })).id } }),
  },
  {
    method: 'POST',
    path: '/api/statuspage/incidents/{id}/updates',
    expect: { ...teamEditors(201), outsider: 201 },
    prepare: async (c) => ({ params: { id: (await spIncident(c.w)).id }, body: { status: 'identified', body: 'Found it.' } }),
  },
  {
    // A draft only (it publishes nothing): those who may post a public update may ask for one.
    method: 'GET',
    path: '/api/statuspage/incidents/{id}/proposed-update',
    expect: { ...teamEditors(200), outsider: 200 },
    prepare: async (c) => ({ params: { id: (await spLinkedIncident(c.w)).id } }),
  },
  { method: 'GET', path: '/api/statuspage/templates', expect: signedIn(200) },
  { method: 'POST', path: '/api/statuspage/templates', expect: { ...teamEditors(201), outsider: 201 }, prepare: () => ({ body: { name: unique('tpl'), kind: 'incident', status: 'investigating', body: 'We are investigating.' } }) },
  {
    method: 'PATCH',
    path: '/api/statuspage/templates/{id}',
    expect: { ...teamEditors(200), outsider: 200 },
    prepare: async (c) => ({ params: { id: (await spTemplate(c.w)).id }, body: { body: 'We are still investigating.' } }),
  },
  {
    method: 'DELETE',
    path: '/api/statuspage/templates/{id}',
    expect: { ...teamEditors(204), outsider: 204 },
    prepare: async (c) => ({ params: { id: (await c.w.admin.call('POST', '/api/statuspage/templates', { name: unique('tpl'), kind: 'incident', status: 'resolved', body: 'Fixed.' })).id } }),
  },

  { method: 'GET', path: '/api/statuspage/subscribers', expect: adminOnly(200) },
  {
    method: 'POST',
    path: '/api/statuspage/subscribers',
    expect: adminOnly(201),
    prepare: () => ({ body: { kind: 'webhook', url: `http://127.0.0.1:9/${unique('hook')}`, secret: 'matrix-secret-0123456789' } }),
  },
  {
    method: 'DELETE',
    path: '/api/statuspage/subscribers/{id}',
    expect: adminOnly(204),
    prepare: async (c) => ({
      params: { id: (await c.w.admin.call('POST', '/api/statuspage/subscribers', { kind: 'webhook', url: `http://127.0.0.1:9/${unique('hook')}`, secret: 'matrix-secret-0123456789' })).id },
    }),
  },

  // Operational health: everyone signed in reads the numbers; team editors change a team's settings and lists.
  ...healthRows(),
];
