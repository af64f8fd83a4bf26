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
  { family: 'log-levels', route: '/api/admin/log-levels/{eventId}', method: 'PUT', path: () => '/api/admin/log-levels/HTTP_REQUEST', as: 'admin', valid: { level: 'info' }, required: ['level'] },
];

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

const SPECIFIC: Case[] = [
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
  // operational health
  ...healthCases(),
  // log levels
  v('log levels: unknown event id', 'PUT', () => '/api/admin/log-levels/NOT_AN_EVENT', { level: 'info' }, 'admin', ['path.eventId']),
  v('log levels: unknown level', 'PUT', () => '/api/admin/log-levels/HTTP_REQUEST', { level: 'loud' }, 'admin', ['level']),
  v('log levels: level in the wrong case', 'PUT', () => '/api/admin/log-levels/HTTP_REQUEST', { level: 'INFO' }, 'admin', ['level']),
];

const PARAM_VALUES: Record<string, string> = { id: randomUUID(), userId: randomUUID(), overrideId: randomUUID(), shadowId: randomUUID(), eventId: 'HTTP_REQUEST' };

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
    let body: string | undefined = c.raw ?? (c.json !== undefined ? JSON.stringify(c.json) : undefined);
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
