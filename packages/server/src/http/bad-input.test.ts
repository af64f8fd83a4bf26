import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, snapshot, type TestUser, type World } from '../test-support/actors.js';
import { databaseKinds } from '../test-support/databases.js';
import { createHarness, type Harness } from '../test-support/harness.js';

/**
 * Bad input never reaches a verb: each case answers the documented status and
 * code, names the offending fields, and leaves the stored state exactly as it was.
 */
type As = 'admin' | 'viewer' | 'responder' | 'anonymous';

interface Case {
  name: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: (w: World) => string;
  /** JSON-encoded and sent as application/json. */
  json?: unknown;
  /** A JSON body that names the world's things (its services). */
  bodyOf?: (w: World) => unknown;
  /** Sent as-is (with `contentType`, default application/json). */
  raw?: string;
  contentType?: string | null;
  /** Send Content-Length as a real HTTP client would (in-process requests have none by default). */
  contentLength?: boolean;
  as?: As;
  status: number;
  code: string;
  /** Exactly the fields `details.fields` must name (order aside). */
  fields?: string[];
}

const LIMIT = 1024 * 1024;
const START = '2026-03-03T11:00:00Z';
const END = '2026-03-03T12:00:00Z';
const big = (n = LIMIT + 1) => 'x'.repeat(n);
const user = (w: World) => `/api/users/${w.bystander.id}`;

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

const invalid = (fields: string[]) => ({ status: 400, code: 'validation_failed', fields });
const v = (name: string, method: Case['method'], path: Case['path'], json: unknown, as: As, fields: string[]): Case => ({ name, method, path, json, as, ...invalid(fields) });
const q = (name: string, path: string, fields: string[], as: As = 'admin'): Case => ({ name, method: 'GET', path: () => path, as, ...invalid(fields) });

const SECRET = 'webhook-secret-0123456789abcdef';
/** An escalation policy body with one step; `step` overrides that step's fields. */
const policy = (step: Record<string, unknown> = {}) => ({
  name: 'P',
  steps: [{ delayMinutes: 0, targets: [{ type: 'user', userId: randomUUID() }], ...step }],
});

/** Synthetic checks: each kind's settings, the interval bounds, targets the outbound policy refuses. */
function checkCases(): Case[] {
  const http = (w: World, more: Record<string, unknown> = {}, settings: Record<string, unknown> = {}) => ({ name: 'C', serviceId: w.serviceA.id, kind: 'http', http: { url: 'http://127.0.0.1:1/', ...settings }, ...more });
  const post = (name: string, body: (w: World) => unknown, fields: string[]): Case => ({ name: `checks: ${name}`, method: 'POST', path: () => '/api/checks', bodyOf: body, as: 'responder', ...invalid(fields) });
  const id = randomUUID();
  return [
    post('unknown kind', (w) => ({ ...http(w), kind: 'ping' }), ['kind']),
    post('interval under 20 s', (w) => http(w, { intervalSeconds: 10 }), ['intervalSeconds']),
    post('interval over a day', (w) => http(w, { intervalSeconds: 86_401 }), ['intervalSeconds']),
    post('timeout over a minute', (w) => http(w, { timeoutSeconds: 61 }), ['timeoutSeconds']),
    post('too many retries', (w) => http(w, { retries: 11 }), ['retries']),
    post('URL not http', (w) => http(w, {}, { url: 'ftp://files.example.com/' }), ['http.url']),
    post('header with a line break', (w) => http(w, {}, { headers: { 'x-a': 'b\r\nx-evil: 1' } }), ['http.headers.x-a']),
    post('status out of range', (w) => http(w, {}, { expectedStatus: [99] }), ['http.expectedStatus.0']),
    post('unknown method', (w) => http(w, {}, { method: 'TRACE' }), ['http.method']),
    post('settings of another kind', (w) => ({ name: 'C', serviceId: w.serviceA.id, kind: 'tcp', http: { url: 'http://127.0.0.1:1/' } }), ['tcp', 'http']),
    post('TCP port out of range', (w) => ({ name: 'C', serviceId: w.serviceA.id, kind: 'tcp', tcp: { host: '127.0.0.1', port: 70_000 } }), ['tcp.port']),
    post('TLS days left negative', (w) => ({ name: 'C', serviceId: w.serviceA.id, kind: 'tls', tls: { host: 'example.com', minDaysLeft: -1 } }), ['tls.minDaysLeft']),
    post('DNS record type unknown', (w) => ({ name: 'C', serviceId: w.serviceA.id, kind: 'dns', dns: { name: 'example.com', recordType: 'SRV' } }), ['dns.recordType']),
    post('DNS server by name', (w) => ({ name: 'C', serviceId: w.serviceA.id, kind: 'dns', dns: { name: 'example.com', server: 'ns1.example.com' } }), ['dns.server']),
    post('internal target (outbound policy)', (w) => http(w, {}, { url: 'http://10.0.0.1/' }), ['http.url']),
    post('internal DNS server (outbound policy)', (w) => ({ name: 'C', serviceId: w.serviceA.id, kind: 'dns', dns: { name: 'example.com', server: '192.168.1.1:53' } }), ['dns.server']),
    post('no such service', () => ({ name: 'C', serviceId: id, kind: 'http', http: { url: 'http://127.0.0.1:1/' } }), ['serviceId']),
    { name: 'checks: test now with a bad URL', method: 'POST', path: () => '/api/checks/test', json: { name: 'C', serviceId: id, kind: 'http', http: { url: 'nope' } }, as: 'responder', ...invalid(['http.url']) },
    { name: 'checks: pause with a string', method: 'POST', path: () => `/api/checks/${id}/pause`, json: { paused: 'yes' }, as: 'responder', ...invalid(['paused']) },
    q('checks: series of an unknown resolution', `/api/checks/${id}/series?resolution=week`, ['query.resolution']),
    q('checks: series from a non-date', `/api/checks/${id}/series?from=yesterday`, ['query.from']),
    q('checks: results limit 0', `/api/checks/${id}/results?limit=0`, ['query.limit']),
    { name: 'checks: an unknown check', method: 'GET', path: () => `/api/checks/${id}`, as: 'viewer', status: 404, code: 'not_found' },
  ];
}

const SPECIFIC: Case[] = [
  // replay
  v('replay: a history and a period at once', 'POST', () => '/api/replay', { history: '', period: { from: START, to: END } }, 'responder', ['history']),
  v('replay: period with a bad time', 'POST', () => '/api/replay', { period: { from: 'monday', to: END } }, 'responder', ['period.from']),
  v('replay: assumed acknowledgement beyond a day', 'POST', () => '/api/replay', { history: '', assumeAck: { business: 5, offHours: 10, sleep: 2000 } }, 'responder', ['assumeAck.sleep']),
  v('replay: a variant naming a service that does not exist', 'POST', () => '/api/replay', { history: '', variant: { services: [{ name: 'no such service', stormWindowSeconds: 600 }] } }, 'responder', ['variant.services.0']),
  v('replay: a variant with a bad value', 'POST', () => '/api/replay', { history: '', variant: { services: [{ name: 'x', stormWindowSeconds: 'long' }] } }, 'responder', ['variant.services.0']),
  // post-mortems
  v('postmortems: unknown section', 'PUT', () => `/api/postmortems/${randomUUID()}/sections/root_cause`, { markdown: 'x', baseRevision: 1 }, 'responder', ['path.key']),
  v('postmortems: section of wrong types', 'PUT', () => `/api/postmortems/${randomUUID()}/sections/lucky`, { markdown: 42, baseRevision: 'one' }, 'responder', ['markdown', 'baseRevision']),
  v('postmortems: section without fields', 'PUT', () => `/api/postmortems/${randomUUID()}/sections/lucky`, {}, 'responder', ['markdown', 'baseRevision']),
  v('postmortems: revision 0', 'PUT', () => `/api/postmortems/${randomUUID()}/sections/lucky`, { markdown: 'x', baseRevision: 0 }, 'responder', ['baseRevision']),
  v('postmortems: unknown state', 'POST', () => `/api/postmortems/${randomUUID()}/state`, { state: 'done' }, 'responder', ['state']),
  v('postmortems: tag with a space', 'PATCH', () => `/api/postmortems/${randomUUID()}`, { tags: ['has space'] }, 'responder', ['tags.0']),
  v('postmortems: meeting time is not a timestamp', 'POST', () => `/api/postmortems/${randomUUID()}/meeting`, { heldAt: 'yesterday' }, 'responder', ['heldAt']),
  v('action items: tracker URL is not http', 'POST', () => `/api/postmortems/${randomUUID()}/action-items`, { title: 'T', type: 'prevent', trackerUrl: 'javascript:alert(1)' }, 'responder', ['trackerUrl']),
  v('action items: impossible due date and unknown type', 'POST', () => `/api/postmortems/${randomUUID()}/action-items`, { title: 'T', type: 'blame', dueOn: '2026-13-45' }, 'responder', ['type', 'dueOn']),
  v('follow-up: unknown decision', 'POST', () => `/api/postmortems/${randomUUID()}/follow-ups/${randomUUID()}/complete`, { decisions: [{ actionItemId: randomUUID(), decision: 'forget' }] }, 'responder', ['decisions.0.decision']),
  v('deadlines: zero hours', 'PUT', () => '/api/postmortem-settings/deadlines', { SEV1: { interviewsHours: 0, meetingHours: 1 }, SEV2: { interviewsHours: 1, meetingHours: 1 }, SEV3: { interviewsHours: 1, meetingHours: 1 }, SEV4: { interviewsHours: 1, meetingHours: 1 } }, 'admin', ['SEV1.interviewsHours']),
  q('postmortems: severity 9', '/api/postmortems?severity=9', ['query.severity'], 'viewer'),
  q('postmortems: from is not a date', '/api/postmortems?from=last-week', ['query.from'], 'viewer'),
  q('postmortems: export format', `/api/postmortems/${randomUUID()}/export?format=pdf`, ['query.format'], 'viewer'),
  // responder UI: paging preview, "mine"
  q('paging preview: unknown urgency', `/api/services/${randomUUID()}/paging-preview?urgency=urgent`, ['query.urgency'], 'viewer'),
  q('paging preview: bad service id', '/api/services/not-an-id/paging-preview', ['path.id'], 'viewer'),
  q('policy reach: unknown urgency', `/api/escalation-policies/${randomUUID()}/paging-preview?urgency=3`, ['query.urgency'], 'viewer'),
  { name: 'paging preview: unknown service', method: 'GET', path: () => `/api/services/${randomUUID()}/paging-preview`, as: 'viewer', status: 404, code: 'not_found' },
  q('alerts: mine is true or false', '/api/alerts?mine=maybe', ['query.mine'], 'viewer'),
  v('setup test: not an email', 'POST', () => '/api/admin/setup/test', { channel: 'email', to: 'nobody' }, 'admin', ['to']),
  v('setup test: unknown channel', 'POST', () => '/api/admin/setup/test', { channel: 'pigeon', to: 'a@b.test' }, 'admin', ['channel']),
  v('setup test: unknown field', 'POST', () => '/api/admin/setup/test', { channel: 'email', to: 'a@b.test', cc: 'x@b.test' }, 'admin', ['cc']),
  { name: 'setup test: no mail server is a conflict, not a crash', method: 'POST', path: () => '/api/admin/setup/test', json: { channel: 'email', to: 'a@b.test' }, as: 'admin', status: 409, code: 'conflict' },
  // auth
  v('sign-in: email is not an email', 'POST', () => '/api/auth/sign-in', { email: 'nobody', password: 'x' }, 'anonymous', ['email']),
  v('sign-in: megabyte-sized password is refused before hashing', 'POST', () => '/api/auth/sign-in', { email: 'a@b.test', password: big(LIMIT - 100) }, 'anonymous', ['password']),
  v('password reset: short password', 'POST', () => '/api/auth/password-reset', { token: 'abc', password: 'short' }, 'anonymous', ['password']),
  { name: 'password reset: forged token', method: 'POST', path: () => '/api/auth/password-reset', json: { token: 'abc.def', password: 'long enough password' }, as: 'anonymous', status: 400, code: 'invalid_token' },
  v('password change: wrong current password', 'PUT', () => '/api/auth/password', { currentPassword: 'not it at all', newPassword: 'long enough password' }, 'responder', ['currentPassword']),
  v('password change: short new password', 'PUT', () => '/api/auth/password', { currentPassword: 'x', newPassword: 'short' }, 'responder', ['newPassword']),
  // me: role and email are not yours to change
  v('me: role is an unknown field', 'PATCH', () => '/api/me', { role: 'admin' }, 'viewer', ['role']),
  v('me: email is an unknown field', 'PATCH', () => '/api/me', { email: 'me@b.test' }, 'viewer', ['email']),
  v('me: unknown time zone', 'PATCH', () => '/api/me', { timeZone: 'Mars/Olympus_Mons' }, 'viewer', ['timeZone']),
  v('me: timeZoneFromBrowser is not a flag', 'PATCH', () => '/api/me', { timeZone: 'UTC', timeZoneFromBrowser: 'yes' }, 'viewer', ['timeZoneFromBrowser']),
  v('me: bad working hours', 'PATCH', () => '/api/me', { workingHours: { days: [8], start: '25:00', end: '9' } }, 'viewer', ['workingHours.days.0', 'workingHours.start', 'workingHours.end']),
  v('me: unknown working-hours field', 'PATCH', () => '/api/me', { workingHours: { days: [1], start: '09:00', end: '17:00', tz: 'UTC' } }, 'viewer', ['workingHours.tz']),
  v('me: blank name', 'PATCH', () => '/api/me', { name: '   ' }, 'viewer', ['name']),
  // users
  v('users: unknown role', 'POST', () => '/api/users', { name: 'N', email: 'n@b.test', role: 'superuser' }, 'admin', ['role']),
  v('users: bad email', 'POST', () => '/api/users', { name: 'N', email: 'n at b' }, 'admin', ['email']),
  v('users: short password', 'POST', () => '/api/users', { name: 'N', email: 'n@b.test', password: 'short' }, 'admin', ['password']),
  v('users: name too long', 'POST', () => '/api/users', { name: big(201), email: 'n@b.test' }, 'admin', ['name']),
  v('users: patch unknown role', 'PATCH', user, { role: 'owner' }, 'admin', ['role']),
  v('users: patch password is unknown', 'PATCH', user, { password: 'long enough password' }, 'admin', ['password']),
  // teams and members
  v('teams: member id is not a uuid', 'POST', () => '/api/teams', { name: 'T', memberIds: ['nope'] }, 'admin', ['memberIds.0']),
  v('teams: member is no user', 'POST', () => '/api/teams', { name: 'T', memberIds: [randomUUID()] }, 'admin', ['memberIds']),
  v('teams: blank name', 'POST', () => '/api/teams', { name: ' ' }, 'admin', ['name']),
  v('teams: patch members is unknown', 'PATCH', (w) => `/api/teams/${w.teamA.id}`, { members: [] }, 'admin', ['members']),
  v('team members: user is no user', 'PUT', (w) => `/api/teams/${w.teamA.id}/members/${randomUUID()}`, undefined, 'admin', ['path.userId']),
  // services
  v('services: team id is not a uuid', 'POST', () => '/api/services', { name: 'S', teamId: 'team-a' }, 'admin', ['teamId']),
  v('services: team does not exist', 'POST', () => '/api/services', { name: 'S', teamId: randomUUID() }, 'admin', ['teamId']),
  v('services: bad tag', 'POST', () => '/api/services', { name: 'S', teamId: randomUUID(), tags: ['has space'] }, 'admin', ['tags.0']),
  v('services: runbook URL is not http', 'PATCH', (w) => `/api/services/${w.serviceA.id}`, { runbookUrl: 'javascript:alert(1)' }, 'admin', ['runbookUrl']),
  v('services: tags is a string', 'PATCH', (w) => `/api/services/${w.serviceA.id}`, { tags: 'a,b' }, 'admin', ['tags']),
  v('services: move to a missing team', 'PATCH', (w) => `/api/services/${w.serviceA.id}`, { teamId: randomUUID() }, 'admin', ['teamId']),
  q('services: teamId query is not a uuid', '/api/services?teamId=nope', ['query.teamId'], 'viewer'),
  q('services: tag query has a space', '/api/services?tag=has%20space', ['query.tag'], 'viewer'),
  q('services: text query too long', `/api/services?q=${'x'.repeat(201)}`, ['query.q'], 'viewer'),
  // api keys
  v('api keys: unknown role', 'POST', () => '/api/api-keys', { name: 'k', role: 'root' }, 'admin', ['role']),
  v('api keys: blank name', 'POST', () => '/api/api-keys', { name: '  ', role: 'viewer' }, 'admin', ['name']),
  v('api keys: expiry is unknown', 'POST', () => '/api/api-keys', { name: 'k', role: 'viewer', expiresAt: '2030-01-01T00:00:00Z' }, 'admin', ['expiresAt']),
  // audit query
  q('audit: limit=0', '/api/audit?limit=0', ['query.limit']),
  q('audit: limit=501', '/api/audit?limit=501', ['query.limit']),
  q('audit: limit=abc', '/api/audit?limit=abc', ['query.limit']),
  q('audit: limit=1.5', '/api/audit?limit=1.5', ['query.limit']),
  q('audit: since=yesterday', '/api/audit?since=yesterday', ['query.since']),
  q('audit: until is no date', '/api/audit?until=2026-13-45T99:00:00Z', ['query.until']),
  q('audit: before is no id', '/api/audit?before=abc', ['query.before']),
  q('audit: two bad params', '/api/audit?limit=0&since=yesterday', ['query.limit', 'query.since']),
  // escalation policies
  v('escalation: no steps', 'POST', () => '/api/escalation-policies', { name: 'P', steps: [] }, 'admin', ['steps']),
  v('escalation: a step without targets', 'POST', () => '/api/escalation-policies', { name: 'P', steps: [{ delayMinutes: 0, targets: [] }] }, 'admin', ['steps.0.targets']),
  v('escalation: delay over a day', 'POST', () => '/api/escalation-policies', policy({ delayMinutes: 1441 }), 'admin', ['steps.0.delayMinutes']),
  v('escalation: unknown target type', 'POST', () => '/api/escalation-policies', policy({ targets: [{ type: 'pigeon', userId: randomUUID() }] }), 'admin', ['steps.0.targets.0.type']),
  v('escalation: target user id is not a uuid', 'POST', () => '/api/escalation-policies', policy({ targets: [{ type: 'user', userId: 'ada' }] }), 'admin', ['steps.0.targets.0.userId']),
  v('escalation: target user does not exist', 'POST', () => '/api/escalation-policies', policy(), 'admin', ['steps.0.targets.0.userId']),
  v('escalation: webhook URL is not http', 'POST', () => '/api/escalation-policies', policy({ targets: [{ type: 'webhook', url: 'javascript:alert(1)', secret: SECRET }] }), 'admin', ['steps.0.targets.0.url']),
  v('escalation: short webhook secret', 'POST', () => '/api/escalation-policies', policy({ targets: [{ type: 'webhook', url: 'https://hooks.example.com/x', secret: 'short' }] }), 'admin', ['steps.0.targets.0.secret']),
  v('escalation: new webhook without secret', 'POST', () => '/api/escalation-policies', policy({ targets: [{ type: 'webhook', url: 'https://hooks.example.com/x' }] }), 'admin', ['steps.0.targets.0.secret']),
  v('escalation: webhook secret on a user target', 'POST', () => '/api/escalation-policies', policy({ targets: [{ type: 'user', userId: randomUUID(), secret: SECRET }] }), 'admin', ['steps.0.targets.0.secret']),
  v('escalation: repeat count too high', 'POST', () => '/api/escalation-policies', { ...policy(), repeatCount: 21 }, 'admin', ['repeatCount']),
  v('escalation: team does not exist', 'POST', () => '/api/escalation-policies', { ...policy(), teamId: randomUUID() }, 'admin', ['teamId']),
  v('escalation: patch with no steps', 'PATCH', () => `/api/escalation-policies/${randomUUID()}`, { steps: [] }, 'admin', ['steps']),
  v('escalation: patch blank name', 'PATCH', () => `/api/escalation-policies/${randomUUID()}`, { name: '  ' }, 'admin', ['name']),
  { name: 'escalation: patch an unknown policy', method: 'PATCH', path: () => `/api/escalation-policies/${randomUUID()}`, json: { name: 'P' }, as: 'admin', status: 404, code: 'not_found' },
  // contact methods and notification rules
  v('contacts: invalid phone for sms', 'POST', () => '/api/me/contact-methods', { type: 'sms', address: '555-0100' }, 'viewer', ['address']),
  v('contacts: invalid email', 'POST', () => '/api/me/contact-methods', { type: 'email', address: 'not an email' }, 'viewer', ['address']),
  v('contacts: unknown type', 'POST', () => '/api/me/contact-methods', { type: 'pigeon', address: 'roof' }, 'viewer', ['type']),
  v('contacts: webhook without secret', 'POST', () => '/api/me/contact-methods', { type: 'webhook', address: 'https://hooks.example.com/me' }, 'viewer', ['secret']),
  v('contacts: secret on an email method', 'POST', () => '/api/me/contact-methods', { type: 'email', address: 'a@b.test', secret: SECRET }, 'viewer', ['secret']),
  v('contacts: code of five digits', 'POST', () => `/api/me/contact-methods/${randomUUID()}/verify`, { code: '12345' }, 'viewer', ['code']),
  v('contacts: code with a letter', 'POST', () => `/api/me/contact-methods/${randomUUID()}/verify`, { code: '12a456' }, 'viewer', ['code']),
  { name: 'contacts: verify an unknown contact method', method: 'POST', path: () => `/api/me/contact-methods/${randomUUID()}/verify`, json: { code: '123456' }, as: 'viewer', status: 404, code: 'not_found' },
  { name: 'contacts: test an unknown contact method', method: 'POST', path: () => `/api/me/contact-methods/${randomUUID()}/test`, as: 'viewer', status: 404, code: 'not_found' },
  { name: 'contacts: someone unknown (admin)', method: 'POST', path: () => `/api/users/${randomUUID()}/contact-methods`, json: { type: 'email', address: 'a@b.test' }, as: 'admin', status: 404, code: 'not_found' },
  // (Not in BODY_ROUTES: any number is a type-correct delay, so "every field 42" cannot fail every field.)
  v('notification rules: missing fields', 'POST', () => '/api/me/notification-rules', {}, 'viewer', ['contactMethodId', 'delayMinutes']),
  v('notification rules: unknown field', 'POST', () => '/api/me/notification-rules', { contactMethodId: randomUUID(), delayMinutes: 0, channel: 'sms' }, 'viewer', ['channel']),
  v('notification rules: delay as a string', 'POST', () => '/api/me/notification-rules', { contactMethodId: randomUUID(), delayMinutes: '5' }, 'viewer', ['delayMinutes']),
  v('notification rules: unknown contact method', 'POST', () => '/api/me/notification-rules', { contactMethodId: randomUUID(), delayMinutes: 0 }, 'viewer', ['contactMethodId']),
  v('notification rules: negative delay', 'POST', () => '/api/me/notification-rules', { contactMethodId: randomUUID(), delayMinutes: -1 }, 'viewer', ['delayMinutes']),
  v('notification rules: unknown urgency', 'POST', () => '/api/me/notification-rules', { contactMethodId: randomUUID(), delayMinutes: 0, urgency: 'critical' }, 'viewer', ['urgency']),
  // schedules
  ...scheduleCases(),
  // calendar feeds and fairness
  ...calendarCases(),
  // recovery time off and the team settings behind it
  ...recoveryCases(),
  // SLOs
  ...sloCases(),
  // status page
  v('statuspage: colour is not #rrggbb', 'PATCH', () => '/api/statuspage/settings', { brandColor: 'red' }, 'admin', ['brandColor']),
  v('statuspage: logo URL is not http', 'PATCH', () => '/api/statuspage/settings', { logoUrl: 'javascript:alert(1)' }, 'admin', ['logoUrl']),
  v('statuspage: unknown time zone', 'PATCH', () => '/api/statuspage/settings', { timeZone: 'Mars/Base' }, 'admin', ['timeZone']),
  v('statuspage: unknown component status', 'POST', () => '/api/statuspage/components', { name: 'C', status: 'on_fire' }, 'admin', ['status']),
  v('statuspage: source of an unknown kind', 'POST', () => '/api/statuspage/components', { name: 'C', sources: [{ kind: 'pigeon', id: randomUUID() }] }, 'admin', ['sources.0.kind']),
  v('statuspage: source service does not exist', 'POST', () => '/api/statuspage/components', { name: 'C', sources: [{ kind: 'service', id: randomUUID() }] }, 'admin', ['sources.0.id']),
  v('statuspage: source check does not exist', 'POST', () => '/api/statuspage/components', { name: 'C', sources: [{ kind: 'check', id: randomUUID() }] }, 'admin', ['sources.0.id']),
  v('statuspage: link to an internal incident that does not exist', 'POST', () => '/api/statuspage/incidents', { kind: 'incident', name: 'X', body: 'x', internalIncidentId: randomUUID() }, 'responder', ['internalIncidentId']),
  v('statuspage: internal incident link that is no id', 'PATCH', () => `/api/statuspage/incidents/${randomUUID()}`, { internalIncidentId: 'INC-42' }, 'responder', ['internalIncidentId']),
  v('statuspage: group of a group that does not exist', 'POST', () => '/api/statuspage/components', { name: 'C', groupId: randomUUID() }, 'admin', ['groupId']),
  v('statuspage: incident of an unknown kind', 'POST', () => '/api/statuspage/incidents', { kind: 'outage', name: 'X', body: 'x' }, 'responder', ['kind']),
  v('statuspage: incident without a body', 'POST', () => '/api/statuspage/incidents', { kind: 'incident', name: 'X' }, 'responder', ['body']),
  v('statuspage: incident impact maintenance', 'POST', () => '/api/statuspage/incidents', { kind: 'incident', name: 'X', body: 'x', impact: 'maintenance' }, 'responder', ['impact']),
  v('statuspage: incident on an unknown component', 'POST', () => '/api/statuspage/incidents', { kind: 'incident', name: 'X', body: 'x', componentIds: [randomUUID()] }, 'responder', ['componentIds.0']),
  v('statuspage: maintenance ending before it starts', 'POST', () => '/api/statuspage/incidents', { kind: 'maintenance', name: 'M', body: 'x', scheduledFor: END, scheduledUntil: START }, 'responder', ['scheduledUntil']),
  v('statuspage: maintenance without times', 'POST', () => '/api/statuspage/incidents', { kind: 'maintenance', name: 'M', body: 'x' }, 'responder', ['scheduledFor', 'scheduledUntil']),
  v('statuspage: next update time is no time', 'POST', () => '/api/statuspage/incidents', { kind: 'incident', name: 'X', body: 'x', nextUpdateAt: 'soon' }, 'responder', ['nextUpdateAt']),
  v('statuspage: template status of the other kind', 'POST', () => '/api/statuspage/templates', { name: 'T', kind: 'maintenance', status: 'investigating', body: 'x' }, 'responder', ['status']),
  v('statuspage: webhook subscriber with a short secret', 'POST', () => '/api/statuspage/subscribers', { kind: 'webhook', url: 'https://hooks.example.com/x', secret: 'short' }, 'admin', ['secret']),
  v('statuspage: webhook subscriber URL is not http', 'POST', () => '/api/statuspage/subscribers', { kind: 'webhook', url: 'ftp://x', secret: 'long-enough-secret-0123' }, 'admin', ['url']),
  v('statuspage: email subscriber with a bad address', 'POST', () => '/api/statuspage/subscribers', { kind: 'email', email: 'nope' }, 'admin', ['email']),
  v('statuspage: subscriber to an unknown component', 'POST', () => '/api/statuspage/subscribers', { kind: 'email', email: 'a@b.test', componentIds: [randomUUID()] }, 'admin', ['componentIds.0']),
  q('statuspage: incident kind query', '/api/statuspage/incidents?kind=outage', ['query.kind'], 'viewer'),
  // synthetic checks
  ...checkCases(),
  // operational health
  ...healthCases(),
  // log levels
  ...incidentCases(),
  v('log levels: unknown event id', 'PUT', () => '/api/admin/log-levels/NOT_AN_EVENT', { level: 'info' }, 'admin', ['path.eventId']),
  v('log levels: unknown level', 'PUT', () => '/api/admin/log-levels/HTTP_REQUEST', { level: 'loud' }, 'admin', ['level']),
  v('log levels: level in the wrong case', 'PUT', () => '/api/admin/log-levels/HTTP_REQUEST', { level: 'INFO' }, 'admin', ['level']),
];

function incidentCases(): Case[] {
  const declare = (name: string, body: unknown, fields: string[]) => v(`incidents: ${name}`, 'POST', () => '/api/incidents', body, 'responder', fields);
  const cmd = (fields: Record<string, unknown>) => ({ clientId: 'run-12345678', command: 'ls', osUser: 'u', host: 'h', cwd: '/', startedAt: START, endedAt: END, exitCode: 0, outputTail: '', ...fields });
  return [
    declare('severity 5', { title: 'T', severity: 5 }, ['severity']),
    declare('blank title', { title: '  ', severity: 2 }, ['title']),
    declare('alert id is not a uuid', { title: 'T', severity: 2, alertIds: ['alert-1'] }, ['alertIds.0']),
    declare('alert does not exist', { title: 'T', severity: 2, alertIds: [randomUUID()] }, ['alertIds.0']),
    declare('service does not exist', { title: 'T', severity: 2, serviceIds: [randomUUID()] }, ['serviceIds.0']),
    declare('war room link is not http', { title: 'T', severity: 2, warRoomUrl: 'javascript:alert(1)' }, ['warRoomUrl']),
    declare('commander is nobody', { title: 'T', severity: 2, commanderId: randomUUID() }, ['commanderId']),
    v('incidents: unknown status', 'PATCH', () => '/api/incidents/4242', { status: 'fixed' }, 'responder', ['status']),
    v('incidents: unknown role', 'POST', () => '/api/incidents/4242/roles', { role: 'king', userId: randomUUID() }, 'responder', ['role']),
    v('incidents: unknown key moment', 'PUT', () => '/api/incidents/4242/timeline/1/key-moment', { keyMoment: 'fixed' }, 'responder', ['keyMoment']),
    v('incidents: next update in 0 minutes', 'POST', () => '/api/incidents/4242/updates', { body: 'x', nextUpdateInMinutes: 0 }, 'responder', ['nextUpdateInMinutes']),
    v('incidents: run without confirm', 'POST', () => `/api/incidents/4242/actions/${randomUUID()}/run`, { confirm: false }, 'responder', ['confirm']),
    v('commands: missing fields', 'POST', () => '/api/incidents/4242/commands', {}, 'responder', ['clientId', 'command', 'osUser', 'host', 'cwd', 'startedAt', 'endedAt', 'exitCode', 'outputTail']),
    v('commands: end is no timestamp', 'POST', () => '/api/incidents/4242/commands', cmd({ endedAt: 'later' }), 'responder', ['endedAt']),
    v('commands: exit code 300', 'POST', () => '/api/incidents/4242/commands', cmd({ exitCode: 300 }), 'responder', ['exitCode']),
    v('commands: output tail over the limit', 'POST', () => '/api/incidents/4242/commands', cmd({ outputTail: big(16_001) }), 'responder', ['outputTail']),
    v('commands: unknown field', 'POST', () => '/api/incidents/4242/commands', cmd({ env: {} }), 'responder', ['env']),
    v('subscribers: bad email', 'POST', () => '/api/incidents/4242/subscribers', { channel: 'email', address: 'nobody' }, 'viewer', ['address']),
    v('subscribers: internal webhook address', 'POST', (w) => `/api/services/${w.serviceA.id}/incident-subscribers`, { channel: 'webhook', address: 'http://10.0.0.1/hook' }, 'viewer', ['address']),
    v('compensating actions: ftp URL', 'POST', (w) => `/api/services/${w.serviceA.id}/compensating-actions`, { name: 'N', kind: 'webhook', url: 'ftp://x.test/' }, 'admin', ['url']),
    v('compensating actions: internal webhook address', 'POST', (w) => `/api/services/${w.serviceA.id}/compensating-actions`, { name: 'N', kind: 'webhook', url: 'http://10.0.0.1/flag' }, 'admin', ['url']),
    v('redactions: not a regular expression', 'POST', () => '/api/incident-redactions', { pattern: '(' }, 'admin', ['pattern']),
    v('redactions: matches empty text', 'POST', () => '/api/incident-redactions', { pattern: '.*' }, 'admin', ['pattern']),
    v('severities: default update of 0 minutes', 'PATCH', () => '/api/incident-severities/1', { defaultUpdateMinutes: 0 }, 'admin', ['defaultUpdateMinutes']),
    v('wellbeing: stress 6', 'POST', () => `/api/wellbeing-checkins/${randomUUID()}`, { stress: 6 }, 'viewer', ['stress']),
    q('incidents: unknown status filter', '/api/incidents?status=fixed', ['query.status'], 'viewer'),
    q('incidents: limit 0', '/api/incidents?limit=0', ['query.limit'], 'viewer'),
    q('wellbeing: 53 weeks', '/api/teams/00000000-0000-4000-8000-000000000000/wellbeing?weeks=53', ['query.weeks'], 'viewer'),
    { name: 'incidents: no such incident', method: 'GET', path: () => '/api/incidents/4242', as: 'viewer', status: 404, code: 'not_found' },
  ];
}

const PARAM_VALUES: Record<string, string> = { id: randomUUID(), userId: randomUUID(), overrideId: randomUUID(), shadowId: randomUUID(), eventId: 'HTTP_REQUEST', alertId: randomUUID(), serviceId: randomUUID(), itemId: randomUUID(), actionId: randomUUID(), entryId: '1', role: 'scribe', level: '2', key: 'summary', followUpId: randomUUID() };

function scheduleCases(): Case[] {
  const layer = (fields: Record<string, unknown> = {}) => ({ participantIds: [randomUUID()], startDate: '2026-01-01', ...fields });
  const schedule = (fields: Record<string, unknown> = {}, layerFields: Record<string, unknown> = {}) => ({ name: 'S', timeZone: 'UTC', layers: [layer(layerFields)], ...fields });
  const post = (name: string, body: unknown, fields: string[]) => v(`schedules: ${name}`, 'POST', () => '/api/schedules', body, 'admin', fields);
  const some = () => `/api/schedules/${randomUUID()}`;
  return [
    post('unknown time zone', schedule({ timeZone: 'Mars/Olympus_Mons' }), ['timeZone']),
    post('no layers', schedule({ layers: [] }), ['layers']),
    post('a layer without people', schedule({}, { participantIds: [] }), ['layers.0.participantIds']),
    post('participant is no user', schedule(), ['layers.0.participantIds.0']),
    post('participant id is not a uuid', schedule({}, { participantIds: ['ana'] }), ['layers.0.participantIds.0']),
    post('unknown shift unit', schedule({}, { shiftUnit: 'fortnight' }), ['layers.0.shiftUnit']),
    post('shift length 0', schedule({}, { shiftLength: 0 }), ['layers.0.shiftLength']),
    post('handoff weekday 8', schedule({}, { handoffWeekday: 8 }), ['layers.0.handoffWeekday']),
    post('handoff at 24:00', schedule({}, { handoffTime: '24:00' }), ['layers.0.handoffTime']),
    post('start date is no date', schedule({}, { startDate: '2026-02-30' }), ['layers.0.startDate']),
    post('restriction window with weekday 0', schedule({}, { restriction: [{ days: [0], start: '09:00', end: '17:00' }] }), ['layers.0.restriction.0.days.0']),
    post('restriction window at 9am', schedule({}, { restriction: [{ days: [1], start: '9am', end: '17:00' }] }), ['layers.0.restriction.0.start']),
    post('unknown role', schedule({}, { role: 'tertiary' }), ['layers.0.role']),
    post('ack target 0 minutes', schedule({ primaryAckMinutes: 0 }), ['primaryAckMinutes']),
    post('team does not exist', { ...schedule(), teamId: randomUUID() }, ['teamId']),
    q('schedules: shifts without a range', `/api/schedules/${randomUUID()}/shifts`, ['query.from', 'query.to'], 'viewer'),
    q('schedules: shifts with a bad date', `/api/schedules/${randomUUID()}/shifts?from=today&to=${END}`, ['query.from'], 'viewer'),
    q('handoffs: limit 0', `/api/schedules/${randomUUID()}/handoffs?limit=0`, ['query.limit'], 'viewer'),
    q('handoffs: unknown filter', `/api/schedules/${randomUUID()}/handoffs?role=primary`, ['query.role'], 'viewer'),
    q('handoffs: schedule id is not a uuid', '/api/schedules/payments/handoffs', ['path.id'], 'viewer'),
    q('oncall: weeks=0', '/api/oncall?weeks=0', ['query.weeks'], 'viewer'),
    q('oncall: at is no date', '/api/oncall?at=now', ['query.at'], 'viewer'),
    q('oncall: service id is not a uuid', '/api/oncall?serviceId=checkout', ['query.serviceId'], 'viewer'),
    q('oncall: unknown filter', '/api/oncall?team=a', ['query.team'], 'viewer'),
    v('overrides: end is no date', 'POST', () => `${some()}/overrides`, { userId: randomUUID(), start: START, end: 'tomorrow' }, 'admin', ['end']),
    v('overrides: unknown role', 'POST', () => `${some()}/overrides`, { userId: randomUUID(), start: START, end: END, role: 'boss' }, 'admin', ['role']),
    v('swaps: message too long', 'POST', () => `${some()}/swap-requests`, { responderId: randomUUID(), start: START, end: END, message: 'x'.repeat(1001) }, 'responder', ['message']),
    v('shadows: shadowed is not a uuid', 'POST', () => `${some()}/shadows`, { userId: randomUUID(), start: START, shadowedUserId: 'ana' }, 'admin', ['shadowedUserId']),
    { name: 'schedules: patch an unknown schedule', method: 'PATCH', path: some, json: { name: 'S' }, as: 'admin', status: 404, code: 'not_found' },
    { name: 'handoffs: of an unknown schedule', method: 'GET', path: () => `${some()}/handoffs`, as: 'viewer', status: 404, code: 'not_found' },
    { name: 'overrides: on an unknown schedule', method: 'POST', path: () => `${some()}/overrides`, json: { userId: randomUUID(), start: START, end: END }, as: 'admin', status: 404, code: 'not_found' },
    { name: 'swaps: answer an unknown request', method: 'POST', path: () => `/api/swap-requests/${randomUUID()}/accept`, as: 'responder', status: 404, code: 'not_found' },
  ];
}

function sloCases(): Case[] {
  const slo = (fields: Record<string, unknown> = {}) => ({ serviceId: randomUUID(), name: 'S', kind: 'availability', objective: 0.999, windowDays: 30, source: { type: 'push' }, ...fields });
  const prom = (fields: Record<string, unknown> = {}) => ({ type: 'prometheus', url: 'https://prometheus.example.com', good: 'sum(x)', total: 'sum(y)', ...fields });
  const post = (name: string, body: unknown, fields: string[]) => v(`slos: ${name}`, 'POST', () => '/api/slos', body, 'admin', fields);
  const events = (name: string, body: unknown, fields: string[]) => v(`slo events: ${name}`, 'POST', () => `/api/slos/${randomUUID()}/events`, body, 'admin', fields);
  const bucket = (fields: Record<string, unknown> = {}) => ({ start: START, good: 1, total: 1, ...fields });
  return [
    post('objective of 1', slo({ objective: 1 }), ['objective']),
    post('objective as a percentage', slo({ objective: 99.9 }), ['objective']),
    post('window of 14 days', slo({ windowDays: 14 }), ['windowDays']),
    post('unknown kind', slo({ kind: 'throughput' }), ['kind']),
    post('unknown source type', slo({ source: { type: 'carrier-pigeon' } }), ['source.type']),
    post('Prometheus URL is not http', slo({ source: prom({ url: 'file:///etc/passwd' }) }), ['source.url']),
    post('empty PromQL', slo({ source: prom({ good: '  ' }) }), ['source.good']),
    post('heartbeat without integration', slo({ source: { type: 'heartbeat' } }), ['source.integrationId']),
    post('latency threshold of 0', slo({ kind: 'latency', latencyThresholdMs: 0 }), ['latencyThresholdMs']),
    post('service does not exist', slo(), ['serviceId']),
    events('no buckets', { buckets: [] }, ['buckets']),
    events('more than a day of buckets', { buckets: Array.from({ length: 1441 }, () => bucket()) }, ['buckets']),
    events('negative good', { buckets: [bucket({ good: -1 })] }, ['buckets.0.good']),
    events('start is no timestamp', { buckets: [bucket({ start: 'now' })] }, ['buckets.0.start']),
    events('unknown bucket field', { buckets: [bucket({ bad: 0 })] }, ['buckets.0.bad']),
    { name: 'slo events: to an unknown SLO', method: 'POST', path: () => `/api/slos/${randomUUID()}/events`, json: { buckets: [bucket()] }, as: 'admin', status: 404, code: 'not_found' },
    { name: 'slos: an unknown SLO', method: 'GET', path: () => `/api/slos/${randomUUID()}`, as: 'viewer', status: 404, code: 'not_found' },
    v('slo import: unknown format', 'POST', () => '/api/slos/import', { format: 'nobl9', serviceId: randomUUID(), spec: 'x: 1' }, 'admin', ['format']),
    v('slo import: YAML that is no spec', 'POST', () => '/api/slos/import', { format: 'openslo', serviceId: randomUUID(), spec: 'a: [1, 2' }, 'admin', ['spec']),
    q('slos: serviceId query is not a uuid', '/api/slos?serviceId=checkout', ['query.serviceId'], 'viewer'),
    q('slos: unknown query param', '/api/slos?service=checkout', ['query.service'], 'viewer'),
  ];
}

function calendarCases(): Case[] {
  const fairness = (query: string) => `/api/teams/${randomUUID()}/fairness?${query}`;
  const notFound = (name: string, method: Case['method'], path: () => string, as: As): Case => ({ name, method, path, as, status: 404, code: 'not_found' });
  return [
    q('fairness: weeksBack=27', fairness('weeksBack=27'), ['query.weeksBack'], 'viewer'),
    q('fairness: weeksAhead=-1', fairness('weeksAhead=-1'), ['query.weeksAhead'], 'viewer'),
    q('fairness: weeksAhead=1.5', fairness('weeksAhead=1.5'), ['query.weeksAhead'], 'viewer'),
    q('fairness: weeksBack=abc', fairness('weeksBack=abc'), ['query.weeksBack'], 'viewer'),
    q('fairness: two bad params', fairness('weeksBack=99&weeksAhead=x'), ['query.weeksBack', 'query.weeksAhead'], 'viewer'),
    q('fairness: unknown param', fairness('weeks=4'), ['query.weeks'], 'viewer'),
    notFound('fairness: unknown team', 'GET', () => fairness('weeksBack=1'), 'viewer'),
    v('calendar: unknown revoke scope', 'DELETE', () => `/api/schedules/${randomUUID()}/calendar-feed?scope=all`, undefined, 'viewer', ['query.scope']),
    notFound('calendar: feed of an unknown schedule', 'POST', () => `/api/schedules/${randomUUID()}/calendar-feed`, 'viewer'),
    notFound('calendar: revoke on an unknown schedule', 'DELETE', () => `/api/schedules/${randomUUID()}/calendar-feed`, 'viewer'),
    // The feed answers the same to unknown, malformed and path-like tokens, signed in or not.
    notFound('calendar: unknown feed token', 'GET', () => `/ical/${'A'.repeat(43)}.ics`, 'anonymous'),
    notFound('calendar: feed without .ics', 'GET', () => `/ical/${'A'.repeat(43)}`, 'anonymous'),
    notFound('calendar: feed token with dots', 'GET', () => '/ical/..%2F..%2Fetc%2Fpasswd.ics', 'viewer'),
    notFound('calendar: empty feed token', 'GET', () => '/ical/.ics', 'anonymous'),
  ];
}

function recoveryCases(): Case[] {
  const team = (w: World) => `/api/teams/${w.teamA.id}`;
  return [
    q('recovery: userId is not a uuid', '/api/recovery?userId=ana', ['query.userId'], 'viewer'),
    q('recovery: teamId is not a uuid', '/api/recovery?teamId=team-a', ['query.teamId'], 'viewer'),
    q('recovery: from is no date', '/api/recovery?from=2026-13-01', ['query.from'], 'viewer'),
    q('recovery: to is a timestamp, not a local date', '/api/recovery?to=2026-03-01T00:00:00Z', ['query.to'], 'viewer'),
    q('recovery: unknown param', '/api/recovery?day=2026-03-01', ['query.day'], 'viewer'),
    q('recovery: to before from', '/api/recovery?from=2026-03-02&to=2026-03-01', ['query.to'], 'viewer'),
    { name: 'recovery: decline an unknown record', method: 'POST', path: () => `/api/recovery/${randomUUID()}/decline`, as: 'viewer', status: 404, code: 'not_found' },
    v('teams: sleep start is not a clock time', 'PATCH', team, { sleepStart: '25:00' }, 'admin', ['sleepStart']),
    v('teams: sleep window that ends where it starts', 'PATCH', team, { sleepStart: '23:00', sleepEnd: '23:00' }, 'admin', ['sleepEnd']),
    v('teams: sleep start equal to the stored end', 'PATCH', team, { sleepStart: '08:00' }, 'admin', ['sleepStart']),
    v('teams: recovery after 0 minutes', 'PATCH', team, { recoveryAfterMinutes: 0 }, 'admin', ['recoveryAfterMinutes']),
    v('teams: recovery after more than a day', 'PATCH', team, { recoveryAfterMinutes: 1441 }, 'admin', ['recoveryAfterMinutes']),
    v('teams: recovery minutes as a string', 'PATCH', team, { recoveryAfterMinutes: '60' }, 'admin', ['recoveryAfterMinutes']),
    v('teams: next-day override as a string', 'PATCH', team, { recoveryNextDayOverride: 'yes' }, 'admin', ['recoveryNextDayOverride']),
    v('teams: holiday that is no date', 'PATCH', team, { holidays: ['2026-12-25', '2026-02-30'] }, 'admin', ['holidays.1']),
    v('teams: holidays as one string', 'PATCH', team, { holidays: '2026-12-25' }, 'admin', ['holidays']),
  ];
}

/**
 * Routes that read no body and act on the caller alone: a signed-in call with any
 * garbage simply succeeds (and is audited), so only the anonymous call is sent.
 */
const TAKES_NO_INPUT = new Set(['/api/me/calendar-feed']);

const KINDS = await databaseKinds();

describe.each(KINDS)('bad input on %s', (kind) => {
  let h: Harness;
  let w: World;
  let doc: { paths: Record<string, Record<string, unknown>> };

  beforeAll(async () => {
    h = await createHarness(kind);
    w = await createWorld(h);
    doc = (await (await h.request('/api/openapi.json')).json()) as typeof doc;
  });
  afterAll(async () => {
    await h?.close();
  });

  const who = (as: As): TestUser | null => (as === 'anonymous' ? null : w[as]);

  async function run(c: Case) {
    const headers: Record<string, string> = { ...(await who(c.as ?? 'admin')?.headers('key')) };
    let body: string | undefined = c.raw ?? (c.bodyOf ? JSON.stringify(c.bodyOf(w)) : c.json !== undefined ? JSON.stringify(c.json) : undefined);
    const type = c.contentType === undefined ? (body !== undefined ? 'application/json' : null) : c.contentType;
    if (type) headers['content-type'] = type;
    if (c.contentLength && body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
    if (c.method === 'GET') body = undefined;
    return h.request(c.path(w), { method: c.method, headers, body });
  }

  const cases = [...BODY_ROUTES.flatMap(bodyCases), ...SPECIFIC];

  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const before = await snapshot(w.admin);
    const res = await run(c);
    const text = await res.text();
    expect(res.status, text).toBe(c.status);
    const body = JSON.parse(text);
    expect(body.error.code).toBe(c.code);
    expect(typeof body.error.message).toBe('string');
    if (c.fields) {
      const named = new Set((body.error.details?.fields ?? []).map((f: { field: string }) => f.field));
      expect([...named].sort(), text).toEqual([...c.fields].sort());
      for (const f of body.error.details.fields) expect(typeof f.message).toBe('string');
    }
    expect(await snapshot(w.admin), 'nothing was written').toEqual(before);
  });

  it('rejects a malformed id in every path parameter of every route, naming path.<param>', async () => {
    const before = await snapshot(w.admin);
    const failures: string[] = [];
    let checked = 0;
    for (const [path, ops] of Object.entries(doc.paths)) {
      // Sender-facing paths carry keys, aliases and link tokens, not ids; ingest tests cover them.
      if (!path.startsWith('/api/')) continue;
      const params = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
      for (const method of Object.keys(ops)) {
        for (const bad of params) {
          // Required query parameters (a range) are valid, so the path is the only problem.
          const query = ((ops[method] as { parameters?: { in: string; name: string; required?: boolean }[] }).parameters ?? [])
            .filter((p) => p.in === 'query' && p.required)
            .map((p) => `${p.name}=${p.name === 'to' ? END : START}`);
          const url = path.replace(/\{(\w+)\}/g, (_, p: string) => (p === bad ? 'not-a-uuid' : PARAM_VALUES[p]!)) + (query.length ? `?${query.join('&')}` : '');
          const hasBody = !!(ops[method] as { requestBody?: unknown }).requestBody;
          const res = await h.request(url, { method: method.toUpperCase(), headers: await w.admin.headers('key'), ...(hasBody ? { json: {} } : {}) });
          const text = await res.text();
          const fields = res.status === 400 ? JSON.parse(text).error.details?.fields?.map((f: { field: string }) => f.field) : [];
          checked++;
          if (res.status !== 400 || JSON.stringify(fields) !== JSON.stringify([`path.${bad}`])) {
            failures.push(`${method.toUpperCase()} ${url}: ${res.status} ${text.slice(0, 200)}`);
          }
        }
      }
    }
    expect(checked).toBeGreaterThanOrEqual(12);
    expect(failures).toEqual([]);
    expect(await snapshot(w.admin)).toEqual(before);
  });

  it('honours OPERABLE_API_BODY_LIMIT to the byte, with or without Content-Length', async () => {
    const limit = 1500;
    const small = await createHarness(kind, { OPERABLE_API_BODY_LIMIT: String(limit) });
    try {
      const admin = (await createWorld(small)).admin;
      const body = (name: string, bytes: number) => {
        const empty = JSON.stringify({ name, description: '' });
        return JSON.stringify({ name, description: 'd'.repeat(bytes - empty.length) });
      };
      const post = async (json: string, withLength: boolean) =>
        small.request('/api/teams', {
          method: 'POST',
          body: json,
          headers: { ...(await admin.headers('key')), 'content-type': 'application/json', ...(withLength ? { 'content-length': String(json.length) } : {}) },
        });
      for (const withLength of [false, true]) {
        const before = await snapshot(admin);
        const over = await post(body(`over-${withLength}`, limit + 1), withLength);
        expect(over.status).toBe(413);
        expect(((await over.json()) as any).error.code).toBe('payload_too_large');
        expect(await snapshot(admin)).toEqual(before);
        expect((await post(body(`fits-${withLength}`, limit), withLength)).status).toBe(201);
      }
    } finally {
      await small.close();
    }
  });

  it('never answers 5xx to garbage on any mutating route, signed in or not', async () => {
    const garbage: [string, string][] = [
      ['{', 'application/json'],
      ['[]', 'application/json'],
      ['null', 'application/json'],
      ['"x"', 'application/json'],
      ['', 'application/json'],
      [JSON.stringify(big(1e6)), 'application/json'],
      [JSON.stringify({ name: big(1e6), email: big(1e6 / 4) }), 'application/json'],
      [`{"__proto__": {"role": "admin"}, "constructor": {"prototype": {"isAdmin": true}}}`, 'application/json'],
      ['['.repeat(50_000) + ']'.repeat(50_000), 'application/json'],
      [big(1e6), 'application/json'],
      ['\u0000\uffff\ud800', 'application/json; charset=utf-8'],
      [JSON.stringify({ email: 'a@b.test', password: big(1e6 - 100) }), 'application/json'],
      ['{"a":1}', 'application/vnd.api+json'],
      ['<x/>', 'application/xml'],
    ];
    const before = await snapshot(w.admin);
    const failures: string[] = [];
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const method of Object.keys(ops).filter((m) => ['post', 'put', 'patch', 'delete'].includes(m))) {
        for (const params of [PARAM_VALUES, { id: '%00', userId: '..', eventId: '__proto__' }]) {
          const url = path.replace(/\{(\w+)\}/g, (_, p: string) => params[p as keyof typeof params]!);
          for (const [body, type] of garbage) {
            const signedIn = TAKES_NO_INPUT.has(path) ? [] : [await w.admin.headers('key')];
            for (const auth of [...signedIn, {} as Record<string, string>]) {
              const res = await h.request(url, { method: method.toUpperCase(), headers: { ...auth, 'content-type': type }, body });
              if (res.status >= 500) failures.push(`${method.toUpperCase()} ${url} ${body.slice(0, 30)}: ${res.status} ${await res.text()}`);
              else await res.arrayBuffer();
            }
          }
        }
      }
    }
    expect(failures).toEqual([]);
    // Only DELETEs of random ids and sign-out could have got through; nothing existed to change.
    expect(await snapshot(w.admin)).toEqual(before);
  }, 120_000);
});

function healthCases(): Case[] {
  const view = (w: World) => `/api/health/teams/${w.teamA.id}`;
  const settings = (w: World) => `/api/health/teams/${w.teamA.id}/settings`;
  const g = (name: string, path: (w: World) => string, fields: string[]): Case => ({ name, method: 'GET', path, as: 'viewer', ...invalid(fields) });
  return [
    g('health: from is no timestamp', (w) => `${view(w)}?from=yesterday`, ['query.from']),
    g('health: to without an offset', (w) => `${view(w)}?to=2026-03-01T00:00:00`, ['query.to']),
    g('health: unknown param', (w) => `${view(w)}?week=3`, ['query.week']),
    g('health: to before from', (w) => `${view(w)}?from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z`, ['query.to']),
    g('health: more than a year', (w) => `${view(w)}?from=2024-01-01T00:00:00Z&to=2026-01-01T00:00:00Z`, ['query.from']),
    g('health: org period backwards', () => '/api/health/org?from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z', ['query.to']),
    { name: 'health: unknown team', method: 'GET', path: () => `/api/health/teams/${randomUUID()}`, as: 'viewer', status: 404, code: 'not_found' },
    { name: 'health: unknown service', method: 'GET', path: () => `/api/health/services/${randomUUID()}`, as: 'viewer', status: 404, code: 'not_found' },
    { name: 'health: unknown person', method: 'GET', path: () => `/api/health/people/${randomUUID()}`, as: 'viewer', status: 404, code: 'not_found' },
    g('person toil: weeks 0', (w) => `/api/health/people/${w.viewer.id}/toil?weeks=0`, ['query.weeks']),
    g('person toil: unknown param', (w) => `/api/health/people/${w.viewer.id}/toil?team=x`, ['query.team']),
    { name: 'person toil: unknown person', method: 'GET', path: () => `/api/health/people/${randomUUID()}/toil`, as: 'viewer', status: 404, code: 'not_found' },
    v('health settings: unknown zone', 'PATCH', settings, { timeZone: 'Mars/Olympus' }, 'admin', ['timeZone']),
    v('health settings: weekday 8', 'PATCH', settings, { reportWeekday: 8 }, 'admin', ['reportWeekday']),
    v('health settings: time is not a clock time', 'PATCH', settings, { reportTime: '9am' }, 'admin', ['reportTime']),
    v('health settings: ack target 0', 'PATCH', settings, { ackPrimaryMinutes: 0 }, 'admin', ['ackPrimaryMinutes']),
    v('health settings: email list of junk', 'PATCH', settings, { reportEmails: ['not-an-email'] }, 'admin', ['reportEmails.0']),
    v('health settings: webhook not a URL', 'PATCH', settings, { reportWebhookUrl: 'hook' }, 'admin', ['reportWebhookUrl']),
    v('health settings: unknown field', 'PATCH', settings, { zone: 'UTC' }, 'admin', ['zone']),
    { name: 'health settings: unknown team', method: 'PATCH', path: () => `/api/health/teams/${randomUUID()}/settings`, json: { reportTime: '10:00' }, as: 'admin', status: 404, code: 'not_found' },
    v('health settings: short webhook secret', 'PATCH', settings, { reportWebhookSecret: 'short' }, 'admin', ['reportWebhookSecret']),
    v('health settings: webhook without secret', 'PATCH', settings, { reportWebhookUrl: 'https://example.com/hook' }, 'admin', ['reportWebhookSecret']),
    v('org review settings: unknown zone', 'PATCH', () => '/api/health/org/settings', { timeZone: 'Mars/Olympus' }, 'admin', ['timeZone']),
    v('org review settings: weekday 0', 'PATCH', () => '/api/health/org/settings', { reportWeekday: 0 }, 'admin', ['reportWeekday']),
    v('org review settings: no ack targets here', 'PATCH', () => '/api/health/org/settings', { ackPrimaryMinutes: 5 }, 'admin', ['ackPrimaryMinutes']),
    v('org review settings: webhook without secret', 'PATCH', () => '/api/health/org/settings', { reportWebhookUrl: 'https://example.com/hook' }, 'admin', ['reportWebhookSecret']),
    g('org review: week is no date', () => '/api/health/org/review?week=last', ['query.week']),
    g('review: week is no date', (w) => `/api/health/teams/${w.teamA.id}/review?week=last`, ['query.week']),
    g('review: week not started', (w) => `/api/health/teams/${w.teamA.id}/review?week=2999-01-01`, ['query.week']),
    g('review: unknown param', () => '/api/health/org/review?format=md', ['query.format']),
    { name: 'review: unknown team', method: 'GET', path: () => `/api/health/teams/${randomUUID()}/review`, as: 'viewer', status: 404, code: 'not_found' },
    // action list
    v('actions: neither title nor source', 'POST', (w) => `/api/health/teams/${w.teamA.id}/actions`, {}, 'admin', ['title']),
    v('actions: key without service', 'POST', (w) => `/api/health/teams/${w.teamA.id}/actions`, { alertKey: 'disk' }, 'admin', ['serviceId']),
    v('actions: unknown service', 'POST', (w) => `/api/health/teams/${w.teamA.id}/actions`, { serviceId: randomUUID() }, 'admin', ['serviceId']),
    v('actions: empty title', 'POST', (w) => `/api/health/teams/${w.teamA.id}/actions`, { title: '  ' }, 'admin', ['title']),
    v('actions: unknown priority', 'POST', (w) => `/api/health/teams/${w.teamA.id}/actions`, { title: 't', priority: 'urgent' }, 'admin', ['priority']),
    v('actions: unknown owner', 'POST', (w) => `/api/health/teams/${w.teamA.id}/actions`, { title: 't', ownerId: randomUUID() }, 'admin', ['ownerId']),
    { name: 'actions: unknown team', method: 'POST', path: () => `/api/health/teams/${randomUUID()}/actions`, json: { title: 't' }, as: 'admin', status: 404, code: 'not_found' },
    v('actions: unknown status', 'PATCH', () => `/api/health/actions/${randomUUID()}`, { status: 'closed' }, 'admin', ['status']),
    { name: 'actions: patch an unknown item', method: 'PATCH', path: () => `/api/health/actions/${randomUUID()}`, json: { status: 'done' }, as: 'admin', status: 404, code: 'not_found' },
    // toil
    v('toil: missing fields', 'POST', () => '/api/health/toil', {}, 'responder', ['what', 'minutes']),
    v('toil: zero minutes', 'POST', () => '/api/health/toil', { what: 'x', minutes: 0 }, 'responder', ['minutes']),
    v('toil: more than a day', 'POST', () => '/api/health/toil', { what: 'x', minutes: 1441 }, 'responder', ['minutes']),
    v('toil: minutes as text', 'POST', () => '/api/health/toil', { what: 'x', minutes: '45m' }, 'responder', ['minutes']),
    v('toil: unknown category', 'POST', () => '/api/health/toil', { what: 'x', minutes: 5, category: 'fun' }, 'responder', ['category']),
    v('toil: unknown service', 'POST', () => '/api/health/toil', { what: 'x', minutes: 5, serviceId: randomUUID() }, 'responder', ['serviceId']),
    v('toil: done on no date', 'POST', () => '/api/health/toil', { what: 'x', minutes: 5, doneOn: '2026-02-30' }, 'responder', ['doneOn']),
    v('toil: unknown service with a team', 'POST', () => '/api/health/toil', { what: 'x', minutes: 5, serviceId: randomUUID(), teamId: randomUUID() }, 'responder', ['serviceId']),
    g('toil: weeks 0', (w) => `/api/health/teams/${w.teamA.id}/toil?weeks=0`, ['query.weeks']),
    g('toil: weeks 53', (w) => `/api/health/teams/${w.teamA.id}/toil?weeks=53`, ['query.weeks']),
    { name: 'toil: delete an unknown entry', method: 'DELETE', path: () => `/api/health/toil/${randomUUID()}`, as: 'responder', status: 404, code: 'not_found' },
    // risks
    v('risks: missing fields', 'POST', (w) => `/api/health/teams/${w.teamA.id}/risks`, {}, 'admin', ['title', 'impact', 'likelihood', 'effort']),
    v('risks: impact 6', 'POST', (w) => `/api/health/teams/${w.teamA.id}/risks`, { title: 'r', impact: 6, likelihood: 1, effort: 'S' }, 'admin', ['impact']),
    v('risks: likelihood 0', 'POST', (w) => `/api/health/teams/${w.teamA.id}/risks`, { title: 'r', impact: 1, likelihood: 0, effort: 'S' }, 'admin', ['likelihood']),
    v('risks: effort XXL', 'POST', (w) => `/api/health/teams/${w.teamA.id}/risks`, { title: 'r', impact: 1, likelihood: 1, effort: 'XXL' }, 'admin', ['effort']),
    v('risks: effort 0d', 'POST', (w) => `/api/health/teams/${w.teamA.id}/risks`, { title: 'r', impact: 1, likelihood: 1, effort: '0d' }, 'admin', ['effort']),
    v('risks: unknown service link', 'POST', (w) => `/api/health/teams/${w.teamA.id}/risks`, { title: 'r', impact: 1, likelihood: 1, effort: 'S', serviceIds: [randomUUID()] }, 'admin', ['serviceIds.0']),
    v('risks: score is computed', 'POST', (w) => `/api/health/teams/${w.teamA.id}/risks`, { title: 'r', impact: 1, likelihood: 1, effort: 'S', score: 25 }, 'admin', ['score']),
    v('risks: unknown status', 'PATCH', () => `/api/health/risks/${randomUUID()}`, { status: 'done' }, 'admin', ['status']),
    { name: 'risks: patch an unknown risk', method: 'PATCH', path: () => `/api/health/risks/${randomUUID()}`, json: { impact: 2 }, as: 'admin', status: 404, code: 'not_found' },
  ];
}
