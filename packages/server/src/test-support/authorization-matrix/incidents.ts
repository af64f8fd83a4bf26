import { resolvedIncident } from '../postmortem-world.js';
import { unique, type TestUser } from '../actors.js';
import { someAlert } from './fixtures.js';
import { adminOnly, service, signedIn, team, teamEditors, type Call, type Row } from './matrix.js';

// Incidents: a fresh incident on the caller's team's service (team B's for `outsider`), declared by an admin.
async function incidentOf(c: Call, extra: Record<string, unknown> = {}): Promise<{ id: string; number: number; timeline: { id: string }[] }> {
  return c.w.admin.call('POST', '/api/incidents', { title: unique('matrix incident'), severity: 3, serviceIds: [service(c).id], ...extra });
}
const incidentParams = async (c: Call) => ({ id: String((await incidentOf(c)).number) });
async function ownCheckin(c: Call, owner: TestUser): Promise<string> {
  const incident = await incidentOf(c);
  const row = await c.w.h.operable.deps.database.db
    .insertInto('wellbeing_checkins')
    .values({ incident_id: incident.id, user_id: owner.id, team_id: null, requested_at: c.w.h.clock.now() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
const commandBody = () => ({ clientId: unique('matrix-run'), command: 'true', osUser: 'ops', host: 'h', cwd: '/', startedAt: '2026-03-03T10:00:00Z', endedAt: '2026-03-03T10:00:01Z', exitCode: 0, outputTail: '' });
const linkAction = (c: Call) => c.w.admin.call('POST', `/api/services/${service(c).id}/compensating-actions`, { name: unique('flag off'), kind: 'link', url: 'https://flags.example.com/off' });
/** Post-mortems: a fresh one of the caller's team (team A; team B for `outsider`), made by an admin. */
async function postmortem(c: Call): Promise<{ id: string; timeline: { id: string }[] }> {
  const incident = await resolvedIncident(c.w.h, { serviceIds: [service(c).id], severity: 3 });
  return c.w.admin.call('POST', '/api/postmortems', { incidentId: incident.id });
}
async function reviewedPostmortem(c: Call): Promise<{ id: string; followUps: { id: string }[] }> {
  const pm = await postmortem(c);
  return c.w.admin.call('POST', `/api/postmortems/${pm.id}/meeting`, {}, 200);
}
async function actionItem(c: Call): Promise<Record<string, string>> {
  const pm = await postmortem(c);
  const item = await c.w.admin.call('POST', `/api/postmortems/${pm.id}/action-items`, { title: 'Canary', type: 'prevent' });
  return { id: pm.id, itemId: item.id };
}
const DEADLINES = { SEV1: { interviewsHours: 24, meetingHours: 72 }, SEV2: { interviewsHours: 48, meetingHours: 168 }, SEV3: { interviewsHours: 48, meetingHours: 168 }, SEV4: { interviewsHours: 48, meetingHours: 168 } };

/** Incidents, their subscribers and compensating actions, wellbeing check-ins, and post-mortems. */
export const INCIDENT_ROWS: Row[] = [
  // Incidents: anyone signed in reads; any responder declares; the teams owning the
  // incident's services (and admins) change it; severities, templates and redactions are admins'.
  { method: 'GET', path: '/api/incidents', expect: signedIn(200) },
  { method: 'POST', path: '/api/incidents', expect: { ...teamEditors(201), outsider: 201 }, prepare: (c) => ({ body: { title: unique('declared'), severity: 2, serviceIds: [service(c).id] } }) },
  { method: 'GET', path: '/api/incidents/{id}', expect: signedIn(200), prepare: async (c) => ({ params: await incidentParams(c) }) },
  { method: 'PATCH', path: '/api/incidents/{id}', expect: teamEditors(200), prepare: async (c) => ({ params: await incidentParams(c), body: { assess: 'Checkout down for EU' } }) },
  { method: 'POST', path: '/api/incidents/{id}/alerts', expect: teamEditors(200), prepare: async (c) => ({ params: await incidentParams(c), body: { alertId: await someAlert(c.w) } }) },
  {
    method: 'DELETE',
    path: '/api/incidents/{id}/alerts/{alertId}',
    expect: teamEditors(200),
    prepare: async (c) => {
      const alertId = await someAlert(c.w);
      const incident = await incidentOf(c, c.column === 'outsider' ? {} : { alertIds: [alertId] });
      return { params: { id: String(incident.number), alertId } };
    },
  },
  { method: 'POST', path: '/api/incidents/{id}/services', expect: teamEditors(200), prepare: async (c) => ({ params: await incidentParams(c), body: { serviceId: service(c).id } }) },
  { method: 'DELETE', path: '/api/incidents/{id}/services/{serviceId}', expect: teamEditors(200), prepare: async (c) => ({ params: { ...(await incidentParams(c)), serviceId: service(c).id } }) },
  { method: 'POST', path: '/api/incidents/{id}/roles', expect: teamEditors(200), prepare: async (c) => ({ params: await incidentParams(c), body: { role: 'scribe', userId: c.w.bystander.id } }) },
  {
    method: 'DELETE',
    path: '/api/incidents/{id}/roles/{role}/{userId}',
    expect: teamEditors(200),
    prepare: async (c) => {
      const { id } = await incidentParams(c);
      await c.w.admin.call('POST', `/api/incidents/${id}/roles`, { role: 'scribe', userId: c.w.bystander.id }, 200);
      return { params: { id, role: 'scribe', userId: c.w.bystander.id } };
    },
  },
  { method: 'POST', path: '/api/incidents/{id}/notes', expect: teamEditors(201), prepare: async (c) => ({ params: await incidentParams(c), body: { text: 'Rolled back **api**' } }) },
  {
    method: 'PUT',
    path: '/api/incidents/{id}/timeline/{entryId}/key-moment',
    expect: teamEditors(200),
    prepare: async (c) => {
      const incident = await incidentOf(c);
      return { params: { id: String(incident.number), entryId: incident.timeline[0]!.id }, body: { keyMoment: 'mitigated' } };
    },
  },
  { method: 'POST', path: '/api/incidents/{id}/checklist', expect: teamEditors(201), prepare: async (c) => ({ params: await incidentParams(c), body: { text: 'Check the dashboard' } }) },
  {
    method: 'PUT',
    path: '/api/incidents/{id}/checklist/{itemId}',
    expect: teamEditors(200),
    prepare: async (c) => {
      const { id } = await incidentParams(c);
      const { items } = await c.w.admin.call('POST', `/api/incidents/${id}/checklist`, { text: 'Tick me' });
      return { params: { id, itemId: items[0].id }, body: { done: true } };
    },
  },
  { method: 'POST', path: '/api/incidents/{id}/updates', expect: teamEditors(201), prepare: async (c) => ({ params: await incidentParams(c), body: { body: 'Investigating.' } }) },
  { method: 'POST', path: '/api/incidents/{id}/commands', expect: teamEditors(201), prepare: async (c) => ({ params: await incidentParams(c), body: commandBody() }) },
  { method: 'GET', path: '/api/incidents/{id}/commands', expect: signedIn(200), prepare: async (c) => ({ params: await incidentParams(c) }) },
  { method: 'GET', path: '/api/incidents/{id}/actions', expect: signedIn(200), prepare: async (c) => ({ params: await incidentParams(c) }) },
  {
    method: 'POST',
    path: '/api/incidents/{id}/actions/{actionId}/run',
    expect: teamEditors(201),
    prepare: async (c) => ({ params: { ...(await incidentParams(c)), actionId: (await linkAction(c)).id }, body: { confirm: true } }),
  },
  // No Slack bot token in tests: editors are told so (409); others are refused first.
  { method: 'POST', path: '/api/incidents/{id}/slack-channel', expect: teamEditors(409), prepare: async (c) => ({ params: await incidentParams(c) }) },
  { method: 'GET', path: '/api/incidents/{id}/subscribers', expect: signedIn(200), prepare: async (c) => ({ params: await incidentParams(c) }) },
  { method: 'POST', path: '/api/incidents/{id}/subscribers', expect: signedIn(201), prepare: async (c) => ({ params: await incidentParams(c), body: { channel: 'email', address: 'stakeholder@example.com' } }) },
  { method: 'POST', path: '/api/services/{id}/incident-subscribers', expect: signedIn(201), prepare: (c) => ({ params: { id: service(c).id }, body: { channel: 'email', address: 'stakeholder@example.com' } }) },
  {
    method: 'DELETE',
    path: '/api/incident-subscribers/{id}',
    expect: { ...signedIn(204), outsider: 403 },
    prepare: async (c) => {
      const owner = c.column === 'outsider' ? c.w.admin : (c.actor ?? c.w.viewer);
      const sub = await owner.call('POST', `/api/services/${c.w.serviceA.id}/incident-subscribers`, { channel: 'email', address: 'leaving@example.com' });
      return { params: { id: sub.id } };
    },
  },
  { method: 'GET', path: '/api/services/{id}/compensating-actions', expect: signedIn(200), prepare: (c) => ({ params: { id: service(c).id } }) },
  {
    method: 'POST',
    path: '/api/services/{id}/compensating-actions',
    expect: teamEditors(201),
    prepare: (c) => ({ params: { id: service(c).id }, body: { name: 'Roll back', kind: 'link', url: 'https://deploy.example.com/rollback' } }),
  },
  { method: 'DELETE', path: '/api/compensating-actions/{id}', expect: teamEditors(204), prepare: async (c) => ({ params: { id: (await linkAction(c)).id } }) },
  { method: 'GET', path: '/api/incident-severities', expect: signedIn(200) },
  { method: 'PATCH', path: '/api/incident-severities/{level}', expect: adminOnly(200), prepare: () => ({ params: { level: '4' }, body: { description: 'Low: little customer impact.' } }) },
  { method: 'GET', path: '/api/incident-templates', expect: signedIn(200) },
  { method: 'POST', path: '/api/incident-templates', expect: adminOnly(201), prepare: () => ({ body: { name: unique('template'), body: 'We are on {{title}}.' } }) },
  {
    method: 'PUT',
    path: '/api/incident-templates/{id}',
    expect: adminOnly(200),
    prepare: async ({ w }) => ({ params: { id: (await w.admin.call('POST', '/api/incident-templates', { name: unique('template'), body: 'x' })).id }, body: { name: unique('template'), body: 'y' } }),
  },
  {
    method: 'DELETE',
    path: '/api/incident-templates/{id}',
    expect: adminOnly(204),
    prepare: async ({ w }) => ({ params: { id: (await w.admin.call('POST', '/api/incident-templates', { name: unique('template'), body: 'x' })).id } }),
  },
  { method: 'GET', path: '/api/incident-redactions', expect: adminOnly(200) },
  { method: 'POST', path: '/api/incident-redactions', expect: adminOnly(201), prepare: () => ({ body: { pattern: 'matrix-secret-\\d+' } }) },
  {
    method: 'DELETE',
    path: '/api/incident-redactions/{id}',
    expect: adminOnly(204),
    prepare: async ({ w }) => ({ params: { id: (await w.admin.call('POST', '/api/incident-redactions', { pattern: 'gone-\\d+' })).id } }),
  },
  // Wellbeing: only the person answers their own check-in; a team's trend is for its members and admins.
  { method: 'GET', path: '/api/me/wellbeing-checkins', expect: signedIn(200) },
  {
    method: 'POST',
    path: '/api/wellbeing-checkins/{id}',
    expect: { ...signedIn(200), outsider: 403 },
    prepare: async (c) => ({ params: { id: await ownCheckin(c, c.column === 'outsider' ? c.w.admin : (c.actor ?? c.w.viewer)) }, body: { stress: 2, anonymous: true } }),
  },
  { method: 'GET', path: '/api/teams/{id}/wellbeing', expect: teamEditors(200), prepare: (c) => ({ params: { id: team(c).id } }) },
  // Post-mortems: editing belongs to the owning team (and role holders); reading and export to everyone signed in.
  { method: 'GET', path: '/api/postmortems', expect: signedIn(200) },
  { method: 'POST', path: '/api/postmortems', expect: teamEditors(201), prepare: async (c) => ({ body: { incidentId: (await resolvedIncident(c.w.h, { serviceIds: [service(c).id], severity: 3 })).id } }) },
  { method: 'GET', path: '/api/postmortems/{id}', expect: signedIn(200), prepare: async (c) => ({ params: { id: (await postmortem(c)).id } }) },
  { method: 'PATCH', path: '/api/postmortems/{id}', expect: teamEditors(200), prepare: async (c) => ({ params: { id: (await postmortem(c)).id }, body: { tags: ['x'] } }) },
  { method: 'PUT', path: '/api/postmortems/{id}/sections/{key}', expect: teamEditors(200), prepare: async (c) => ({ params: { id: (await postmortem(c)).id, key: 'lucky' }, body: { markdown: 'x', baseRevision: 1 } }) },
  { method: 'GET', path: '/api/postmortems/{id}/sections/{key}/revisions', expect: signedIn(200), prepare: async (c) => ({ params: { id: (await postmortem(c)).id, key: 'summary' } }) },
  { method: 'POST', path: '/api/postmortems/{id}/state', expect: teamEditors(200), prepare: async (c) => ({ params: { id: (await postmortem(c)).id }, body: { state: 'in_review' } }) },
  { method: 'POST', path: '/api/postmortems/{id}/meeting', expect: teamEditors(200), prepare: async (c) => ({ params: { id: (await postmortem(c)).id }, body: {} }) },
  {
    method: 'PUT',
    path: '/api/postmortems/{id}/timeline/{entryId}/note',
    expect: teamEditors(204),
    prepare: async (c) => {
      const pm = await postmortem(c);
      return { params: { id: pm.id, entryId: pm.timeline[0]!.id }, body: { note: 'Saw it' } };
    },
  },
  { method: 'POST', path: '/api/postmortems/{id}/action-items', expect: teamEditors(201), prepare: async (c) => ({ params: { id: (await postmortem(c)).id }, body: { title: 'Canary', type: 'prevent' } }) },
  { method: 'PATCH', path: '/api/postmortems/{id}/action-items/{itemId}', expect: teamEditors(200), prepare: async (c) => ({ params: await actionItem(c), body: { status: 'done' } }) },
  { method: 'DELETE', path: '/api/postmortems/{id}/action-items/{itemId}', expect: teamEditors(204), prepare: async (c) => ({ params: await actionItem(c) }) },
  {
    method: 'POST',
    path: '/api/postmortems/{id}/follow-ups/{followUpId}/complete',
    expect: teamEditors(200),
    prepare: async (c) => {
      const pm = await reviewedPostmortem(c);
      return { params: { id: pm.id, followUpId: pm.followUps[0]!.id }, body: { decisions: [] } };
    },
  },
  { method: 'GET', path: '/api/postmortems/{id}/export', expect: signedIn(200), prepare: async (c) => ({ params: { id: (await postmortem(c)).id }, query: 'format=html' }) },
  { method: 'GET', path: '/api/postmortem-action-items', expect: signedIn(200) },
  { method: 'GET', path: '/api/postmortem-settings/deadlines', expect: signedIn(200) },
  { method: 'PUT', path: '/api/postmortem-settings/deadlines', expect: adminOnly(200), prepare: () => ({ body: DEADLINES }) },
];
