import { randomUUID } from 'node:crypto';
import type { World } from '../actors.js';
import { big, START, END, user, type As, type Case } from './cases.js';

/** One route with a JSON body per family, with a valid body and its required fields. */
interface BodyRoute {
  family: string;
  route: string;
  method: Case['method'];
  path: (w: World) => string;
  as: As;
  valid: Record<string, unknown>;
  required: string[];
}
const BODY_ROUTES: BodyRoute[] = [
  { family: 'auth', route: '/api/auth/sign-in', method: 'POST', path: () => '/api/auth/sign-in', as: 'anonymous', valid: { email: 'a@b.test', password: 'x' }, required: ['email', 'password'] },
  { family: 'auth', route: '/api/auth/password-reset', method: 'POST', path: () => '/api/auth/password-reset', as: 'anonymous', valid: { token: 'abc', password: 'long enough password' }, required: ['token', 'password'] },
  { family: 'auth', route: '/api/auth/password', method: 'PUT', path: () => '/api/auth/password', as: 'responder', valid: { currentPassword: 'x', newPassword: 'long enough password' }, required: ['currentPassword', 'newPassword'] },
  { family: 'setup', route: '/api/admin/setup/test', method: 'POST', path: () => '/api/admin/setup/test', as: 'admin', valid: { channel: 'email', to: 'a@b.test' }, required: ['channel', 'to'] },
  { family: 'me', route: '/api/me', method: 'PATCH', path: () => '/api/me', as: 'viewer', valid: { name: 'Me' }, required: [] },
  { family: 'users', route: '/api/users', method: 'POST', path: () => '/api/users', as: 'admin', valid: { name: 'N', email: 'n@b.test' }, required: ['name', 'email'] },
  { family: 'users', route: '/api/users/{id}', method: 'PATCH', path: user, as: 'admin', valid: { name: 'N' }, required: [] },
  { family: 'teams', route: '/api/teams', method: 'POST', path: () => '/api/teams', as: 'admin', valid: { name: 'T' }, required: ['name'] },
  { family: 'teams', route: '/api/teams/{id}', method: 'PATCH', path: (w) => `/api/teams/${w.teamA.id}`, as: 'admin', valid: { name: 'T' }, required: [] },
  { family: 'services', route: '/api/services', method: 'POST', path: () => '/api/services', as: 'responder', valid: { name: 'S', teamId: randomUUID() }, required: ['name', 'teamId'] },
  { family: 'services', route: '/api/services/{id}', method: 'PATCH', path: (w) => `/api/services/${w.serviceA.id}`, as: 'responder', valid: { name: 'S' }, required: [] },
  { family: 'api-keys', route: '/api/api-keys', method: 'POST', path: () => '/api/api-keys', as: 'viewer', valid: { name: 'k', role: 'viewer' }, required: ['name', 'role'] },
  { family: 'escalation', route: '/api/escalation-policies', method: 'POST', path: () => '/api/escalation-policies', as: 'responder', valid: { name: 'P', steps: [{ delayMinutes: 0, targets: [{ type: 'user', userId: randomUUID() }] }] }, required: ['name', 'steps'] },
  { family: 'escalation', route: '/api/escalation-policies/{id}', method: 'PATCH', path: () => `/api/escalation-policies/${randomUUID()}`, as: 'responder', valid: { name: 'P' }, required: [] },
  { family: 'contacts', route: '/api/me/contact-methods', method: 'POST', path: () => '/api/me/contact-methods', as: 'viewer', valid: { type: 'email', address: 'a@b.test' }, required: ['type', 'address'] },
  { family: 'contacts', route: '/api/me/contact-methods/{id}/verify', method: 'POST', path: () => `/api/me/contact-methods/${randomUUID()}/verify`, as: 'viewer', valid: { code: '123456' }, required: ['code'] },
  { family: 'contacts', route: '/api/users/{userId}/contact-methods', method: 'POST', path: (w) => `/api/users/${w.bystander.id}/contact-methods`, as: 'admin', valid: { type: 'email', address: 'a@b.test' }, required: ['type', 'address'] },
  { family: 'schedules', route: '/api/schedules', method: 'POST', path: () => '/api/schedules', as: 'responder', valid: { name: 'S', timeZone: 'UTC', layers: [{ participantIds: [randomUUID()], startDate: '2026-01-01' }] }, required: ['name', 'timeZone', 'layers'] },
  { family: 'schedules', route: '/api/schedules/{id}', method: 'PATCH', path: () => `/api/schedules/${randomUUID()}`, as: 'responder', valid: { name: 'S' }, required: [] },
  { family: 'schedules', route: '/api/schedules/{id}/overrides', method: 'POST', path: () => `/api/schedules/${randomUUID()}/overrides`, as: 'responder', valid: { userId: randomUUID(), start: START, end: END }, required: ['userId', 'start', 'end'] },
  { family: 'schedules', route: '/api/schedules/{id}/swap-requests', method: 'POST', path: () => `/api/schedules/${randomUUID()}/swap-requests`, as: 'responder', valid: { responderId: randomUUID(), start: START, end: END }, required: ['responderId', 'start', 'end'] },
  { family: 'schedules', route: '/api/schedules/{id}/shadows', method: 'POST', path: () => `/api/schedules/${randomUUID()}/shadows`, as: 'responder', valid: { userId: randomUUID(), start: START }, required: ['userId', 'start'] },
  { family: 'schedules', route: '/api/schedules/{id}/handoff-note', method: 'PUT', path: () => `/api/schedules/${randomUUID()}/handoff-note`, as: 'responder', valid: { body: 'notes' }, required: ['body'] },
  { family: 'slos', route: '/api/slos', method: 'POST', path: () => '/api/slos', as: 'responder', valid: { serviceId: randomUUID(), name: 'S', kind: 'availability', objective: 0.999, windowDays: 30, source: { type: 'push' } }, required: ['serviceId', 'name', 'kind', 'objective', 'windowDays', 'source'] },
  { family: 'slos', route: '/api/slos/{id}', method: 'PUT', path: () => `/api/slos/${randomUUID()}`, as: 'responder', valid: { serviceId: randomUUID(), name: 'S', kind: 'availability', objective: 0.999, windowDays: 30, source: { type: 'push' } }, required: ['serviceId', 'name', 'kind', 'objective', 'windowDays', 'source'] },
  { family: 'slos', route: '/api/slos/{id}/events', method: 'POST', path: () => `/api/slos/${randomUUID()}/events`, as: 'responder', valid: { buckets: [{ start: START, good: 1, total: 1 }] }, required: ['buckets'] },
  { family: 'slos', route: '/api/slos/import', method: 'POST', path: () => '/api/slos/import', as: 'responder', valid: { format: 'sloth', serviceId: randomUUID(), spec: 'version: prometheus/v1' }, required: ['format', 'serviceId', 'spec'] },
  { family: 'replay', route: '/api/replay', method: 'POST', path: () => '/api/replay', as: 'responder', valid: { history: '' }, required: ['history'] },
  { family: 'statuspage', route: '/api/statuspage/settings', method: 'PATCH', path: () => '/api/statuspage/settings', as: 'admin', valid: { name: 'Acme' }, required: [] },
  { family: 'statuspage', route: '/api/statuspage/components', method: 'POST', path: () => '/api/statuspage/components', as: 'admin', valid: { name: 'API' }, required: ['name'] },
  { family: 'statuspage', route: '/api/statuspage/components/{id}', method: 'PATCH', path: () => `/api/statuspage/components/${randomUUID()}`, as: 'admin', valid: { name: 'API' }, required: [] },
  { family: 'statuspage', route: '/api/statuspage/incidents/{id}/updates', method: 'POST', path: () => `/api/statuspage/incidents/${randomUUID()}/updates`, as: 'responder', valid: { status: 'identified', body: 'Found it' }, required: ['status', 'body'] },
  { family: 'statuspage', route: '/api/statuspage/templates', method: 'POST', path: () => '/api/statuspage/templates', as: 'responder', valid: { name: 'T', kind: 'incident', status: 'investigating', body: 'We are looking into it' }, required: ['name', 'kind', 'status', 'body'] },
  { family: 'log-levels', route: '/api/admin/log-levels/{eventId}', method: 'PUT', path: () => '/api/admin/log-levels/HTTP_REQUEST', as: 'admin', valid: { level: 'info' }, required: ['level'] },
  // incidents (the incident need not exist: the body is refused first)
  { family: 'incidents', route: '/api/incidents', method: 'POST', path: () => '/api/incidents', as: 'responder', valid: { title: 'T', severity: 2 }, required: ['title', 'severity'] },
  { family: 'incidents', route: '/api/incidents/{id}', method: 'PATCH', path: () => '/api/incidents/4242', as: 'responder', valid: { title: 'T' }, required: [] },
  { family: 'incidents', route: '/api/incidents/{id}/alerts', method: 'POST', path: () => '/api/incidents/4242/alerts', as: 'responder', valid: { alertId: randomUUID() }, required: ['alertId'] },
  { family: 'incidents', route: '/api/incidents/{id}/roles', method: 'POST', path: () => '/api/incidents/4242/roles', as: 'responder', valid: { role: 'scribe', userId: randomUUID() }, required: ['role', 'userId'] },
  { family: 'incidents', route: '/api/incidents/{id}/notes', method: 'POST', path: () => '/api/incidents/4242/notes', as: 'responder', valid: { text: 'x' }, required: ['text'] },
  { family: 'incidents', route: '/api/incidents/{id}/timeline/{entryId}/key-moment', method: 'PUT', path: () => '/api/incidents/4242/timeline/1/key-moment', as: 'responder', valid: { keyMoment: 'detected' }, required: ['keyMoment'] },
  { family: 'incidents', route: '/api/incidents/{id}/checklist', method: 'POST', path: () => '/api/incidents/4242/checklist', as: 'responder', valid: { text: 'x' }, required: ['text'] },
  { family: 'incidents', route: '/api/incidents/{id}/checklist/{itemId}', method: 'PUT', path: () => `/api/incidents/4242/checklist/${randomUUID()}`, as: 'responder', valid: { done: true }, required: ['done'] },
  { family: 'incidents', route: '/api/incidents/{id}/updates', method: 'POST', path: () => '/api/incidents/4242/updates', as: 'responder', valid: { body: 'x' }, required: [] },
  { family: 'incidents', route: '/api/incidents/{id}/actions/{actionId}/run', method: 'POST', path: () => `/api/incidents/4242/actions/${randomUUID()}/run`, as: 'responder', valid: { confirm: true }, required: ['confirm'] },
  { family: 'incidents', route: '/api/incidents/{id}/subscribers', method: 'POST', path: () => '/api/incidents/4242/subscribers', as: 'viewer', valid: { channel: 'email', address: 'a@b.test' }, required: ['channel', 'address'] },
  { family: 'incidents', route: '/api/services/{id}/compensating-actions', method: 'POST', path: (w) => `/api/services/${w.serviceA.id}/compensating-actions`, as: 'responder', valid: { name: 'N', kind: 'link', url: 'https://x.test/' }, required: ['name', 'kind', 'url'] },
  { family: 'incidents', route: '/api/incident-templates', method: 'POST', path: () => '/api/incident-templates', as: 'admin', valid: { name: 'N', body: 'B' }, required: ['name', 'body'] },
  { family: 'incidents', route: '/api/incident-severities/{level}', method: 'PATCH', path: () => '/api/incident-severities/4', as: 'admin', valid: { name: 'SEV4' }, required: [] },
  { family: 'incidents', route: '/api/incident-redactions', method: 'POST', path: () => '/api/incident-redactions', as: 'admin', valid: { pattern: 'x+' }, required: ['pattern'] },
  { family: 'incidents', route: '/api/wellbeing-checkins/{id}', method: 'POST', path: () => `/api/wellbeing-checkins/${randomUUID()}`, as: 'viewer', valid: { stress: 2 }, required: ['stress'] },
  ...postmortemBodyRoutes(),
];

/** Post-mortem routes with a JSON body (ids are random: bad input is refused before anything is looked up). */
function postmortemBodyRoutes(): BodyRoute[] {
  const pm = () => `/api/postmortems/${randomUUID()}`;
  const day = { interviewsHours: 48, meetingHours: 168 };
  const r = (route: string, method: Case['method'], path: BodyRoute['path'], valid: Record<string, unknown>, required: string[], as: As = 'responder'): BodyRoute => ({ family: 'postmortems', route, method, path, as, valid, required });
  return [
    r('/api/postmortems', 'POST', () => '/api/postmortems', { incidentId: randomUUID() }, ['incidentId']),
    r('/api/postmortems/{id}', 'PATCH', pm, { title: 'T' }, []),
    // (Sections are not here: 42 is a type-correct baseRevision; SPECIFIC has their cases.)
    r('/api/postmortems/{id}/state', 'POST', () => `${pm()}/state`, { state: 'closed' }, ['state']),
    r('/api/postmortems/{id}/meeting', 'POST', () => `${pm()}/meeting`, { heldAt: START }, []),
    r('/api/postmortems/{id}/timeline/{entryId}/note', 'PUT', () => `${pm()}/timeline/1/note`, { note: 'x' }, ['note']),
    r('/api/postmortems/{id}/action-items', 'POST', () => `${pm()}/action-items`, { title: 'T', type: 'prevent' }, ['title', 'type']),
    r('/api/postmortems/{id}/action-items/{itemId}', 'PATCH', () => `${pm()}/action-items/${randomUUID()}`, { title: 'T' }, []),
    r('/api/postmortems/{id}/follow-ups/{followUpId}/complete', 'POST', () => `${pm()}/follow-ups/${randomUUID()}/complete`, { decisions: [] }, ['decisions']),
    r('/api/postmortem-settings/deadlines', 'PUT', () => '/api/postmortem-settings/deadlines', { SEV1: day, SEV2: day, SEV3: day, SEV4: day }, ['SEV1', 'SEV2', 'SEV3', 'SEV4'], 'admin'),
  ];
}

/** What every JSON route must refuse the same way. */
function bodyCases(r: BodyRoute): Case[] {
  const base = { method: r.method, path: r.path, as: r.as };
  const label = `${r.family}: ${r.method} ${r.route}`;
  const cases: Case[] = [
    { ...base, name: `${label} malformed JSON`, raw: '{"name": ', status: 400, code: 'malformed_json', fields: ['body'] },
    { ...base, name: `${label} empty body sent as JSON`, raw: '', status: 400, code: 'malformed_json', fields: ['body'] },
    { ...base, name: `${label} null body`, json: null, status: 400, code: 'validation_failed', fields: ['body'] },
    { ...base, name: `${label} array body`, json: [r.valid], status: 400, code: 'validation_failed', fields: ['body'] },
    { ...base, name: `${label} string body`, json: 'x', status: 400, code: 'validation_failed', fields: ['body'] },
    { ...base, name: `${label} unknown field`, json: { ...r.valid, isAdmin: true }, status: 400, code: 'validation_failed', fields: ['isAdmin'] },
    { ...base, name: `${label} wrong types`, json: Object.fromEntries(Object.keys(r.valid).map((k) => [k, 42])), status: 400, code: 'validation_failed', fields: Object.keys(r.valid) },
    { ...base, name: `${label} oversized body`, json: { ...r.valid, name: big() }, status: 413, code: 'payload_too_large' },
    { ...base, name: `${label} form body`, raw: 'name=x', contentType: 'application/x-www-form-urlencoded', status: 415, code: 'unsupported_media_type', fields: ['content-type'] },
    { ...base, name: `${label} text/plain JSON with Content-Length`, raw: JSON.stringify(r.valid), contentType: 'text/plain', contentLength: true, status: 415, code: 'unsupported_media_type', fields: ['content-type'] },
  ];
  // The body is required even where every field in it is optional (PATCH).
  cases.push({ ...base, name: `${label} no body at all`, contentType: null, status: 400, code: 'validation_failed', fields: ['body'] });
  if (r.required.length) {
    cases.push({ ...base, name: `${label} missing required fields`, json: {}, status: 400, code: 'validation_failed', fields: r.required });
  }
  return cases;
}

/** Every JSON route, refused the same ways. */
export const BODY_CASES: Case[] = BODY_ROUTES.flatMap(bodyCases);
