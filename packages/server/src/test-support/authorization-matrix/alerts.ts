import { unique } from '../actors.js';
import { actionLink, amBody, checkBody, integration, maintenance, maintenanceBody, matrixCheck, pdTrigger, policy, policyBody, lastMinute, slo, sloBody, slothSpec, someAlert, withPolicy } from './fixtures.js';
import { adminOnly, all, service, signedIn, team, teamEditors, type Row } from './matrix.js';

/** Alerts and the links in messages, the setup check, integrations and sender-facing ingest, policies, maintenance, SLOs and synthetic checks. */
export const ALERT_ROWS: Row[] = [
  // Alerts: any responder may acknowledge or resolve, whoever owns the service.
  { method: 'GET', path: '/api/alerts', expect: signedIn(200) },
  { method: 'GET', path: '/api/alerts/{id}', expect: signedIn(200), prepare: async ({ w }) => ({ params: { id: await someAlert(w) } }) },
  ...(['acknowledge', 'resolve'] as const).map(
    (action): Row => ({
      method: 'POST',
      path: `/api/alerts/{id}/${action}`,
      expect: { anonymous: 401, viewer: 403, responder: 200, outsider: 200, admin: 200 },
      prepare: async ({ w }) => ({ params: { id: await someAlert(w) } }),
    }),
  ),

  {
    method: 'POST',
    path: '/api/alerts',
    expect: { anonymous: 401, viewer: 403, responder: 201, outsider: 201, admin: 201 },
    prepare: (c) => ({ body: { serviceId: service(c).id, summary: 'Paged by hand' } }),
  },
  {
    method: 'POST',
    path: '/api/alerts/{id}/escalate',
    expect: { anonymous: 401, viewer: 403, responder: 200, outsider: 200, admin: 200 },
    prepare: async ({ w }) => {
      await withPolicy(w);
      return { params: { id: await someAlert(w) } };
    },
  },
  // Links in messages act as the person they were sent to, whoever opens them.
  { method: 'GET', path: '/a/{token}', expect: all(200), integrationKey: true, prepare: async ({ w }) => ({ params: { token: await actionLink(w) } }) },
  { method: 'POST', path: '/a/{token}', expect: all(200), integrationKey: true, prepare: async ({ w }) => ({ params: { token: await actionLink(w) } }) },
  // Without Twilio configured no signature can be valid.
  { method: 'POST', path: '/ingest/twilio/sms', expect: all(403), integrationKey: true, prepare: () => ({ body: { From: '+15550100', Body: '1A' } }) },
  { method: 'POST', path: '/ingest/twilio/voice', expect: all(403), integrationKey: true, prepare: () => ({ body: { Digits: '1' } }) },

  { method: 'GET', path: '/api/services/{id}/timeline', expect: signedIn(200), prepare: (c) => ({ params: { id: service(c).id } }) },
  // Responder UI: who a page would reach (reads only).
  { method: 'GET', path: '/api/services/{id}/paging-preview', expect: signedIn(200), prepare: (c) => ({ params: { id: service(c).id }, query: 'urgency=low' }) },
  { method: 'GET', path: '/api/escalation-policies/{id}/paging-preview', expect: signedIn(200), prepare: async (c) => ({ params: { id: (await policy(c)).id } }) },
  // Responder UI: the setup check (admins; the test email answers 409 here: no mail server in this world).
  { method: 'GET', path: '/api/admin/setup', expect: adminOnly(200) },
  { method: 'POST', path: '/api/admin/setup/test', expect: adminOnly(409), prepare: () => ({ body: { channel: 'email', to: 'admin@example.com' } }) },
  { method: 'GET', path: '/api/contact-channels', expect: signedIn(200) },

  // Integrations: keys belong to the service's team.
  { method: 'GET', path: '/api/services/{id}/integrations', expect: signedIn(200), prepare: (c) => ({ params: { id: service(c).id } }) },
  {
    method: 'POST',
    path: '/api/services/{id}/integrations',
    expect: teamEditors(201),
    prepare: (c) => ({ params: { id: service(c).id }, body: { name: unique('int'), kind: 'generic' } }),
  },
  {
    method: 'DELETE',
    path: '/api/integrations/{id}',
    expect: teamEditors(204),
    prepare: async (c) => ({
      params: { id: (await c.w.admin.call('POST', `/api/services/${service(c).id}/integrations`, { name: unique('doomed'), kind: 'generic' })).id },
    }),
  },

  // Sender-facing ingest: the integration key is the credential, whoever else is signed in.
  { method: 'POST', path: '/v2/enqueue', expect: all(202), integrationKey: true, prepare: async ({ w }) => ({ body: pdTrigger((await integration(w, 'pagerduty')).key) }) },
  {
    method: 'POST',
    path: '/v2/change/enqueue',
    expect: all(202),
    integrationKey: true,
    prepare: async ({ w }) => ({ body: { routing_key: (await integration(w, 'pagerduty')).key, payload: { summary: 'Deployed' } } }),
  },
  {
    method: 'POST',
    path: '/v2/alerts',
    expect: all(202),
    integrationKey: true,
    prepare: async ({ w }) => ({ headers: { authorization: `GenieKey ${(await integration(w, 'opsgenie')).key}` }, body: { message: 'Matrix', alias: 'm' } }),
  },
  ...(['close', 'acknowledge'] as const).map(
    (action): Row => ({
      method: 'POST',
      path: `/v2/alerts/{identifier}/${action}`,
      expect: all(202),
      integrationKey: true,
      prepare: async ({ w }) => ({ params: { identifier: 'm' }, headers: { authorization: `GenieKey ${(await integration(w, 'opsgenie')).key}` }, body: {} }),
    }),
  ),
  ...(['alertmanager', 'grafana'] as const).map(
    (kind): Row => ({
      method: 'POST',
      path: `/ingest/${kind}/{key}`,
      expect: all(202),
      integrationKey: true,
      prepare: async ({ w }) => ({ params: { key: (await integration(w, kind)).key }, body: amBody }),
    }),
  ),
  {
    method: 'POST',
    path: '/ingest/generic/{key}',
    expect: all(202),
    integrationKey: true,
    prepare: async ({ w }) => ({ params: { key: (await integration(w, 'generic')).key }, body: { summary: 'Matrix' } }),
  },
  ...(['GET', 'POST'] as const).map(
    (method): Row => ({
      method,
      path: '/ingest/heartbeat/{key}',
      expect: all(202),
      integrationKey: true,
      prepare: async ({ w }) => ({ params: { key: (await integration(w, 'heartbeat')).key } }),
    }),
  ),

  // Escalation policies: like services, they belong to a team.
  { method: 'GET', path: '/api/escalation-policies', expect: signedIn(200) },
  { method: 'POST', path: '/api/escalation-policies', expect: teamEditors(201), prepare: (c) => ({ body: policyBody(c.w, team(c).id) }) },
  { method: 'GET', path: '/api/escalation-policies/{id}', expect: signedIn(200), prepare: async (c) => ({ params: { id: (await policy(c)).id } }) },
  {
    method: 'PATCH',
    path: '/api/escalation-policies/{id}',
    expect: teamEditors(200),
    prepare: async (c) => ({ params: { id: (await policy(c)).id }, body: { description: 'Edited' } }),
  },
  {
    method: 'DELETE',
    path: '/api/escalation-policies/{id}',
    expect: teamEditors(204),
    prepare: async (c) => ({ params: { id: (await c.w.admin.call('POST', '/api/escalation-policies', policyBody(c.w, team(c).id))).id } }),
  },

  // Maintenance windows: scoped by the teams owning their services; reading is for everyone signed in.
  { method: 'GET', path: '/api/maintenance-windows', expect: signedIn(200) },
  { method: 'POST', path: '/api/maintenance-windows', expect: teamEditors(201), prepare: (c) => ({ body: maintenanceBody(service(c).id) }) },
  { method: 'GET', path: '/api/maintenance-windows/{id}', expect: signedIn(200), prepare: async (c) => ({ params: { id: (await maintenance(c)).id } }) },
  {
    method: 'PUT',
    path: '/api/maintenance-windows/{id}',
    expect: teamEditors(200),
    prepare: async (c) => ({ params: { id: (await maintenance(c)).id }, body: maintenanceBody(service(c).id) }),
  },
  {
    method: 'DELETE',
    path: '/api/maintenance-windows/{id}',
    expect: teamEditors(204),
    prepare: async (c) => ({ params: { id: (await c.w.admin.call('POST', '/api/maintenance-windows', maintenanceBody(service(c).id))).id } }),
  },

  // SLOs: changed by the teams owning their services (pushed counts too); read by everyone signed in.
  { method: 'GET', path: '/api/slos', expect: signedIn(200) },
  { method: 'POST', path: '/api/slos', expect: teamEditors(201), prepare: (c) => ({ body: sloBody(c) }) },
  { method: 'POST', path: '/api/slos/import', expect: teamEditors(201), prepare: (c) => ({ body: { format: 'sloth', serviceId: service(c).id, spec: slothSpec() } }) },
  { method: 'GET', path: '/api/slos/{id}', expect: signedIn(200), prepare: async (c) => ({ params: { id: (await slo(c)).id } }) },
  { method: 'PUT', path: '/api/slos/{id}', expect: teamEditors(200), prepare: async (c) => ({ params: { id: (await slo(c)).id }, body: sloBody(c) }) },
  { method: 'DELETE', path: '/api/slos/{id}', expect: teamEditors(204), prepare: async (c) => ({ params: { id: (await c.w.admin.call('POST', '/api/slos', sloBody(c))).id } }) },
  {
    method: 'POST',
    path: '/api/slos/{id}/events',
    expect: teamEditors(200),
    prepare: async (c) => ({ params: { id: (await slo(c)).id }, body: { buckets: [{ start: lastMinute(c.w), good: 99, total: 100 }] } }),
  },

  // Synthetic checks: scoped by the team owning their service; reading is for everyone signed in.
  { method: 'GET', path: '/api/checks', expect: signedIn(200) },
  { method: 'POST', path: '/api/checks', expect: teamEditors(201), prepare: (c) => ({ body: checkBody(service(c).id) }) },
  { method: 'POST', path: '/api/checks/test', expect: teamEditors(200), prepare: (c) => ({ body: checkBody(service(c).id) }) },
  { method: 'GET', path: '/api/checks/{id}', expect: signedIn(200), prepare: async (c) => ({ params: { id: (await matrixCheck(c)).id } }) },
  { method: 'PUT', path: '/api/checks/{id}', expect: teamEditors(200), prepare: async (c) => ({ params: { id: (await matrixCheck(c)).id }, body: checkBody(service(c).id) }) },
  { method: 'POST', path: '/api/checks/{id}/pause', expect: teamEditors(200), prepare: async (c) => ({ params: { id: (await matrixCheck(c)).id }, body: { paused: true } }) },
  { method: 'GET', path: '/api/checks/{id}/series', expect: signedIn(200), prepare: async (c) => ({ params: { id: (await matrixCheck(c)).id } }) },
  { method: 'GET', path: '/api/checks/{id}/results', expect: signedIn(200), prepare: async (c) => ({ params: { id: (await matrixCheck(c)).id } }) },
  {
    method: 'DELETE',
    path: '/api/checks/{id}',
    expect: teamEditors(204),
    prepare: async (c) => ({ params: { id: (await c.w.admin.call('POST', '/api/checks', checkBody(service(c).id))).id } }),
  },
];
