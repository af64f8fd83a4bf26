import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auth, inTransaction } from '../index.js';
import { sendNotice, signActionToken } from '../notify/index.js';
import { RESEND_AFTER_SECONDS } from '../notify/index.js';
import { createWorld, unique, type AuthMode, type TestUser, type World } from '../test-support/actors.js';
import { databaseKinds } from '../test-support/databases.js';
import { createHarness, type Harness } from '../test-support/harness.js';
import { resolvedIncident } from '../test-support/postmortem-world.js';

/**
 * One row per route: the status each kind of caller gets. A new route in the
 * OpenAPI document fails the coverage test until it has a row here.
 *
 * Columns: `anonymous` sends no credentials; `viewer`, `responder` (member of team
 * A) and `admin` act on team A's things; `outsider` is the same responder acting on
 * team B's things (or on someone else's API key). Every signed-in column is sent
 * twice, with the user's API key (Bearer) and with their session cookie + CSRF token.
 */
type Column = 'anonymous' | 'viewer' | 'responder' | 'outsider' | 'admin';
type Expect = Record<Column, number>;
type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

interface Call {
  w: World;
  column: Column;
  /** Who is acting (for `anonymous`: nobody; targets default to team A then). */
  actor: TestUser | null;
  mode: AuthMode | 'none';
}

interface Prepared {
  params?: Record<string, string>;
  /** Query string without the `?`. */
  query?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

interface Row {
  method: Method;
  /** The path as the OpenAPI document spells it. */
  path: string;
  expect: Expect;
  /** Overrides when authenticated by API key instead of the session cookie. */
  viaKey?: Partial<Expect>;
  /** Path params, body and extra headers for one request (may create fresh targets first). */
  prepare?: (call: Call) => Promise<Prepared> | Prepared;
  /** Sender-facing: authenticated by an integration key, so user credentials and CSRF do not apply. */
  integrationKey?: boolean;
  /** The request ends the session it is sent with: cookie calls get a throw-away one. */
  endsOwnSession?: boolean;
  /** The request ends every session of the actor (password change). */
  endsAllSessions?: boolean;
}

const all = (status: number): Expect => ({ anonymous: status, viewer: status, responder: status, outsider: status, admin: status });
const signedIn = (status: number): Expect => ({ ...all(status), anonymous: 401 });
const adminOnly = (status: number): Expect => ({ anonymous: 401, viewer: 403, responder: 403, outsider: 403, admin: status });
const teamEditors = (status: number): Expect => ({ anonymous: 401, viewer: 403, responder: status, outsider: 403, admin: status });

const team = ({ w, column }: Call) => (column === 'outsider' ? w.teamB : w.teamA);
const service = ({ w, column }: Call) => (column === 'outsider' ? w.serviceB : w.serviceA);

async function freshUser(w: World) {
  return inTransaction(w.h.operable.deps.database.db, (db) =>
    auth.createUser(w.h.operable.systemCtx(db), { name: 'Doomed', email: `${unique('doomed')}@operable.test`, timeZone: 'UTC', role: 'viewer' }),
  );
}

/** Someone's key for the DELETE row: your own, or for `outsider` an admin's, for `admin` the viewer's. */
function keyOwner({ w, column, actor }: Call): TestUser {
  if (column === 'outsider') return w.admin;
  if (column === 'admin' || !actor) return w.viewer;
  return actor;
}

/** One integration of each kind on team A's service, made once per world. */
const integrations = new WeakMap<World, Map<string, Promise<{ id: string; key: string }>>>();
function integration(w: World, kind: string): Promise<{ id: string; key: string }> {
  const perWorld = integrations.get(w) ?? new Map();
  integrations.set(w, perWorld);
  if (!perWorld.has(kind)) {
    const body = { name: `matrix ${kind}`, kind, ...(kind === 'heartbeat' ? { heartbeatIntervalMinutes: 5 } : {}) };
    perWorld.set(kind, w.admin.call('POST', `/api/services/${w.serviceA.id}/integrations`, body));
  }
  return perWorld.get(kind)!;
}
const pdTrigger = (key: string) => ({ routing_key: key, event_action: 'trigger', payload: { summary: 'Matrix', source: 'matrix', severity: 'info' } });
async function someAlert(w: World): Promise<string> {
  const { key } = await integration(w, 'pagerduty');
  const res = await w.h.request('/v2/enqueue', { method: 'POST', json: pdTrigger(key) });
  const { dedup_key } = await res.json();
  const page = await w.admin.call('GET', `/api/alerts?serviceId=${w.serviceA.id}&status=open&limit=500`);
  return page.items.find((a: { dedupKey: string }) => a.dedupKey === dedup_key).id;
}
/** Team A's service pages through a (webhook-only) policy, for the escalate row. */
const servicePolicies = new WeakMap<World, Promise<void>>();
function withPolicy(w: World): Promise<void> {
  if (!servicePolicies.has(w)) {
    servicePolicies.set(
      w,
      (async () => {
        const policy = await w.admin.call('POST', '/api/escalation-policies', {
          name: unique('matrix-policy'),
          teamId: w.teamA.id,
          steps: [{ delayMinutes: 5, targets: [{ type: 'webhook', url: 'http://127.0.0.1:9/hook', secret: 'matrix-secret-0123456789' }] }],
        });
        await w.admin.call('PATCH', `/api/services/${w.serviceA.id}`, { escalationPolicyId: policy.id });
      })(),
    );
  }
  return servicePolicies.get(w)!;
}

/** A fresh signed acknowledge link for the responder (each POST spends one). */
async function actionLink(w: World): Promise<string> {
  const alertId = await someAlert(w);
  return signActionToken(w.h.operable.deps.settings.secret, {
    action: 'acknowledge',
    alertId,
    userId: w.responder.id,
    expiresAt: new Date(w.h.clock.now().getTime() + 3_600_000),
    nonce: randomUUID(),
  });
}

const amBody = { version: '4', status: 'firing', alerts: [{ status: 'firing', labels: { alertname: 'Matrix' }, annotations: {}, fingerprint: 'matrix0000000001' }] };

/** A policy body for `teamId` that pages the responder. */
const policyBody = (w: World, teamId: string) => ({
  name: unique('matrix-policy'),
  teamId,
  steps: [{ delayMinutes: 5, targets: [{ type: 'user', userId: w.responder.id }] }],
});
/** One policy per team per world, for the rows that read or change one. */
const maintenanceBody = (serviceId: string) => ({
  kind: 'recurring',
  name: 'Matrix nightly',
  serviceIds: [serviceId],
  timeZone: 'Europe/Berlin',
  days: [1, 2, 3],
  start: '02:00',
  durationMinutes: 30,
});
/** SLOs on the caller's team's service (team B's for the outsider); one per team per world for the rows that read or change one. */
const sloBody = (c: Call) => ({ serviceId: service(c).id, name: unique('matrix-slo'), kind: 'availability', objective: 0.999, windowDays: 30, source: { type: 'push' } });
const slos = new WeakMap<World, Map<string, Promise<{ id: string }>>>();
function slo(c: Call): Promise<{ id: string }> {
  const perWorld = slos.get(c.w) ?? new Map();
  slos.set(c.w, perWorld);
  const serviceId = service(c).id;
  if (!perWorld.has(serviceId)) perWorld.set(serviceId, c.w.admin.call('POST', '/api/slos', sloBody(c)));
  return perWorld.get(serviceId)!;
}
const slothSpec = () => `version: prometheus/v1\nservice: matrix\nslos:\n  - name: ${unique('matrix-sloth')}\n    objective: 99.9\n    sli:\n      events:\n        error_query: sum(rate(http_requests_total{code=~"5.."}[{{.window}}]))\n        total_query: sum(rate(http_requests_total[{{.window}}]))\n`;
const lastMinute = (w: World) => new Date(Math.floor(w.h.clock.now().getTime() / 60_000) * 60_000 - 60_000).toISOString();
const maintenances = new WeakMap<World, Map<string, Promise<{ id: string }>>>();
function maintenance(c: Call): Promise<{ id: string }> {
  const serviceId = service(c).id;
  const perWorld = maintenances.get(c.w) ?? new Map();
  maintenances.set(c.w, perWorld);
  if (!perWorld.has(serviceId)) perWorld.set(serviceId, c.w.admin.call('POST', '/api/maintenance-windows', maintenanceBody(serviceId)));
  return perWorld.get(serviceId)!;
}

/** A check body on `serviceId` aimed at a closed local port (refused at once, never the network). */
const checkBody = (serviceId: string) => ({ name: unique('matrix-check'), serviceId, kind: 'http', http: { url: 'http://127.0.0.1:1/' } });
const matrixChecks = new WeakMap<World, Map<string, Promise<{ id: string }>>>();
function matrixCheck(c: Call): Promise<{ id: string }> {
  const serviceId = service(c).id;
  const perWorld = matrixChecks.get(c.w) ?? new Map();
  matrixChecks.set(c.w, perWorld);
  if (!perWorld.has(serviceId)) perWorld.set(serviceId, c.w.admin.call('POST', '/api/checks', checkBody(serviceId)));
  return perWorld.get(serviceId)!;
}

const policies = new WeakMap<World, Map<string, Promise<{ id: string }>>>();
function policy(c: Call): Promise<{ id: string }> {
  const teamId = team(c).id;
  const perWorld = policies.get(c.w) ?? new Map();
  policies.set(c.w, perWorld);
  if (!perWorld.has(teamId)) perWorld.set(teamId, c.w.admin.call('POST', '/api/escalation-policies', policyBody(c.w, teamId)));
  return perWorld.get(teamId)!;
}

/**
 * Schedules per team: team A's rotation is the responder alone (so they are on call
 * and may write handoff notes and ask for swaps), team B's the bystander alone.
 * `adminSchedule` has the admin on call, for swap requests made to someone else.
 */
const scheduleBody = (teamId: string, userId: string) => ({
  name: unique('matrix-schedule'),
  teamId,
  timeZone: 'Europe/London',
  layers: [{ participantIds: [userId], startDate: '2026-01-01' }],
});
const schedules = new WeakMap<World, Map<string, Promise<{ id: string }>>>();
function schedule(c: Call): Promise<{ id: string }> {
  const teamId = team(c).id;
  const perWorld = schedules.get(c.w) ?? new Map();
  schedules.set(c.w, perWorld);
  const onCall = c.column === 'outsider' ? c.w.bystander : c.w.responder;
  if (!perWorld.has(teamId)) perWorld.set(teamId, c.w.admin.call('POST', '/api/schedules', scheduleBody(teamId, onCall.id)));
  return perWorld.get(teamId)!;
}
function adminSchedule(w: World): Promise<{ id: string }> {
  const perWorld = schedules.get(w) ?? new Map();
  schedules.set(w, perWorld);
  if (!perWorld.has('admin')) perWorld.set('admin', w.admin.call('POST', '/api/schedules', scheduleBody(w.teamA.id, w.admin.id)));
  return perWorld.get('admin')!;
}
const soon = (w: World, hours: number) => new Date(w.h.clock.now().getTime() + hours * 3_600_000).toISOString();
const range = (w: World) => `from=${soon(w, -24)}&to=${soon(w, 24 * 14)}`;
/**
 * A pending swap: `by` asks `of` to cover an hour of `by`'s shift. Each asks for a
 * later hour than the last, clear of the overrides other rows create (hours 1–2),
 * since an accepted swap takes `by` off call for its hour.
 */
let swapHour = 24;
async function swap(w: World, by: TestUser, of: TestUser): Promise<string> {
  const onCall = by === w.admin ? await adminSchedule(w) : await schedule({ w, column: 'responder', actor: by, mode: 'key' });
  const hour = swapHour++;
  const request = await by.call('POST', `/api/schedules/${onCall.id}/swap-requests`, { responderId: of.id, start: soon(w, hour), end: soon(w, hour + 1) });
  return request.id;
}
/** Accept and decline: the person asked may answer; the outsider tries one asked of someone else. */
const answerable = async (c: Call) => ({
  params: {
    id:
      c.column === 'admin'
        ? await swap(c.w, c.w.responder, c.w.admin)
        : c.column === 'outsider'
          ? await swap(c.w, c.w.admin, c.w.bystander)
          : await swap(c.w, c.w.admin, c.actor ?? c.w.responder),
  },
});
/** Cancel: the person who asked may withdraw; the outsider tries someone else's. */
const cancellable = async (c: Call) => ({
  params: { id: c.column === 'admin' ? await swap(c.w, c.w.admin, c.w.responder) : c.column === 'outsider' ? await swap(c.w, c.w.admin, c.w.bystander) : await swap(c.w, c.w.responder, c.w.bystander) },
});
async function inboxItem(w: World, owner: TestUser): Promise<string> {
  await inTransaction(w.h.operable.deps.database.db, (db) =>
    sendNotice(db, { userIds: [owner.id], kind: 'matrix', title: 'Matrix', text: 'Matrix', body: {}, now: w.h.clock.now(), traceId: null, email: false }),
  );
  const items = await owner.call('GET', '/api/inbox');
  return items.items[0].id;
}
const notOnCall = { anonymous: 401, viewer: 403, responder: 200, outsider: 409, admin: 409 };
/** A granted rest day of `owner`, on a day of its own (one record per person and day). */
let recoveryDay = 0;
async function recoveryRecord(w: World, owner: TestUser): Promise<string> {
  const day = DateTime.utc(2027, 1, 1).plus({ days: recoveryDay++ }).toISODate()!;
  const row = await w.h.operable.deps.database.db
    .insertInto('recovery_time_off')
    .values({ user_id: owner.id, team_id: w.teamA.id, reason: 'sleep_hours', day, status: 'granted', created_at: w.h.clock.now() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Contact rows run twice: under /api/me on the caller's own things (for `outsider`
 * an admin's, which must be not found), and under /api/users/{userId} on the
 * bystander's, which only admins may touch.
 */
type ContactScope = 'me' | 'users';
const contactOwner = ({ w, column, actor }: Call, scope: ContactScope): TestUser =>
  scope === 'users' ? w.bystander : column === 'outsider' ? w.admin : (actor ?? w.viewer);
const contactBase = (scope: ContactScope) => (scope === 'me' ? '/api/me' : '/api/users/{userId}');
const contactParams = (c: Call, scope: ContactScope, extra: Record<string, string> = {}) =>
  scope === 'me' ? extra : { userId: c.w.bystander.id, ...extra };
const contactExpect = (scope: ContactScope, status: number, outsider = 404): Expect =>
  scope === 'me' ? { ...signedIn(status), outsider } : adminOnly(status);

/** A fresh contact method of `owner` (made by an admin), with the code sent to it; verified if asked. */
async function contactMethod(w: World, owner: TestUser, verified = false): Promise<{ id: string; code: string }> {
  const address = `${unique('matrix-cm')}@operable.test`;
  const base = `/api/users/${owner.id}/contact-methods`;
  const { id } = await w.admin.call('POST', base, { type: 'email', address });
  const sent = (await w.h.operable.deps.database.db.selectFrom('outbox').select(['target', 'message']).execute()).find(
    (r) => (r.target as { address: string }).address === address,
  )!;
  const code = /\b(\d{6})\b/.exec((sent.message as { text: string }).text)![1]!;
  if (verified) await w.admin.call('POST', `${base}/${id}/verify`, { code }, 200);
  return { id, code };
}

function contactRows(scope: ContactScope): Row[] {
  const base = contactBase(scope);
  const owner = (c: Call) => contactOwner(c, scope);
  const params = (c: Call, extra?: Record<string, string>) => contactParams(c, scope, extra);
  return [
    // Nothing of anyone else's is named: `outsider` is just the responder again.
    { method: 'GET', path: `${base}/contact-setup`, expect: contactExpect(scope, 200, 200), prepare: (c) => ({ params: params(c) }) },
    {
      method: 'POST',
      path: `${base}/contact-methods`,
      expect: contactExpect(scope, 201, 201),
      prepare: (c) => ({ params: params(c), body: { type: 'email', address: `${unique('matrix-new')}@operable.test` } }),
    },
    {
      method: 'POST',
      path: `${base}/contact-methods/{id}/verify`,
      expect: contactExpect(scope, 200),
      prepare: async (c) => {
        const m = await contactMethod(c.w, owner(c));
        return { params: params(c, { id: m.id }), body: { code: m.code } };
      },
    },
    {
      method: 'POST',
      path: `${base}/contact-methods/{id}/resend-code`,
      expect: contactExpect(scope, 200),
      prepare: async (c) => {
        const m = await contactMethod(c.w, owner(c));
        c.w.h.clock.advance(RESEND_AFTER_SECONDS * 1000); // a resend within the minute is refused (429)
        return { params: params(c, { id: m.id }) };
      },
    },
    {
      method: 'POST',
      path: `${base}/contact-methods/{id}/test`,
      expect: contactExpect(scope, 202),
      prepare: async (c) => ({ params: params(c, { id: (await contactMethod(c.w, owner(c), true)).id }) }),
    },
    {
      method: 'DELETE',
      path: `${base}/contact-methods/{id}`,
      expect: contactExpect(scope, 204),
      prepare: async (c) => ({ params: params(c, { id: (await contactMethod(c.w, owner(c))).id }) }),
    },
    {
      method: 'POST',
      path: `${base}/notification-rules`,
      // Someone else's contact method named in the body is bad input, not a missing route target.
      expect: contactExpect(scope, 201, 400),
      prepare: async (c) => ({ params: params(c), body: { contactMethodId: (await contactMethod(c.w, owner(c))).id, delayMinutes: 3 } }),
    },
    {
      method: 'DELETE',
      path: `${base}/notification-rules/{id}`,
      expect: contactExpect(scope, 204),
      prepare: async (c) => {
        const m = await contactMethod(c.w, owner(c));
        const rule = await c.w.admin.call('POST', `/api/users/${owner(c).id}/notification-rules`, { contactMethodId: m.id, delayMinutes: 7 });
        return { params: params(c, { id: rule.id }) };
      },
    },
  ];
}

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

const ROWS: Row[] = [
  { method: 'GET', path: '/healthz', expect: all(200) },
  { method: 'GET', path: '/readyz', expect: all(200) },
  // Off unless OPERABLE_METRICS_TOKEN or OPERABLE_METRICS_LISTEN is set (metrics.test.ts); API keys do not open it.
  { method: 'GET', path: '/metrics', expect: all(404) },
  { method: 'GET', path: '/api/openapi.json', expect: all(200) },

  // Auth and self-service
  {
    method: 'POST',
    path: '/api/auth/sign-in',
    expect: all(200),
    prepare: ({ w }) => ({ body: { email: w.bystander.user.email, password: w.bystander.password } }),
  },
  // An API key has no session to end or describe.
  { method: 'POST', path: '/api/auth/sign-out', expect: signedIn(204), viaKey: all(401), endsOwnSession: true },
  { method: 'GET', path: '/api/auth/session', expect: signedIn(200), viaKey: all(401) },
  {
    method: 'POST',
    path: '/api/auth/password-reset',
    expect: all(204),
    prepare: async ({ w }) => {
      const link = await inTransaction(w.h.operable.deps.database.db, (db) => auth.issueResetLink(w.h.operable.systemCtx(db), w.bystander.id));
      const token = new URL(link.url).searchParams.get('token')!;
      return { body: { token, password: w.bystander.password } };
    },
  },
  {
    method: 'PUT',
    path: '/api/auth/password',
    expect: signedIn(204),
    endsAllSessions: true,
    prepare: ({ actor }) => ({ body: { currentPassword: actor?.password ?? 'whatever-password', newPassword: actor?.password ?? 'whatever-password' } }),
  },
  { method: 'GET', path: '/api/me', expect: signedIn(200) },
  { method: 'PATCH', path: '/api/me', expect: signedIn(200), prepare: () => ({ body: { timeZone: 'Europe/London' } }) },

  // Users
  { method: 'GET', path: '/api/users', expect: signedIn(200) },
  {
    method: 'POST',
    path: '/api/users',
    expect: adminOnly(201),
    prepare: () => ({ body: { name: 'New Person', email: `${unique('new')}@operable.test`, role: 'viewer' } }),
  },
  { method: 'GET', path: '/api/users/{id}', expect: signedIn(200), prepare: ({ w }) => ({ params: { id: w.bystander.id } }) },
  {
    method: 'PATCH',
    path: '/api/users/{id}',
    expect: adminOnly(200),
    prepare: ({ w }) => ({ params: { id: w.bystander.id }, body: { name: 'Bea Renamed' } }),
  },
  { method: 'DELETE', path: '/api/users/{id}', expect: adminOnly(204), prepare: async ({ w }) => ({ params: { id: (await freshUser(w)).id } }) },
  {
    method: 'POST',
    path: '/api/users/{id}/password-reset-link',
    expect: adminOnly(200),
    prepare: ({ w }) => ({ params: { id: w.bystander.id } }),
  },

  // Teams and members
  { method: 'GET', path: '/api/teams', expect: signedIn(200) },
  { method: 'POST', path: '/api/teams', expect: adminOnly(201), prepare: () => ({ body: { name: unique('team') } }) },
  { method: 'GET', path: '/api/teams/{id}', expect: signedIn(200), prepare: (c) => ({ params: { id: team(c).id } }) },
  {
    method: 'PATCH',
    path: '/api/teams/{id}',
    expect: adminOnly(200),
    prepare: (c) => ({ params: { id: team(c).id }, body: { description: 'Changed' } }),
  },
  {
    method: 'DELETE',
    path: '/api/teams/{id}',
    expect: adminOnly(204),
    prepare: async ({ w }) => ({ params: { id: (await w.admin.call('POST', '/api/teams', { name: unique('doomed') })).id } }),
  },
  {
    method: 'PUT',
    path: '/api/teams/{id}/members/{userId}',
    expect: adminOnly(204),
    prepare: (c) => ({ params: { id: team(c).id, userId: c.w.bystander.id } }),
  },
  {
    method: 'DELETE',
    path: '/api/teams/{id}/members/{userId}',
    expect: adminOnly(204),
    // A fresh team with the bystander in it; the responder column is a member too.
    prepare: async ({ w, column }) => {
      const memberIds = column === 'responder' ? [w.bystander.id, w.responder.id] : [w.bystander.id];
      const created = await w.admin.call('POST', '/api/teams', { name: unique('members'), memberIds });
      return { params: { id: created.id, userId: w.bystander.id } };
    },
  },

  // Services
  { method: 'GET', path: '/api/services', expect: signedIn(200) },
  {
    method: 'POST',
    path: '/api/services',
    expect: teamEditors(201),
    prepare: (c) => ({ body: { name: unique('svc'), teamId: team(c).id, tags: ['matrix'] } }),
  },
  { method: 'GET', path: '/api/services/{id}', expect: signedIn(200), prepare: (c) => ({ params: { id: service(c).id } }) },
  {
    method: 'PATCH',
    path: '/api/services/{id}',
    expect: teamEditors(200),
    prepare: (c) => ({ params: { id: service(c).id }, body: { description: 'Edited' } }),
  },
  {
    method: 'DELETE',
    path: '/api/services/{id}',
    expect: teamEditors(204),
    prepare: async (c) => ({ params: { id: (await c.w.admin.call('POST', '/api/services', { name: unique('doomed'), teamId: team(c).id })).id } }),
  },

  // API keys: your own; admins everyone's. Someone else's key is not found, not forbidden.
  { method: 'GET', path: '/api/api-keys', expect: signedIn(200) },
  { method: 'POST', path: '/api/api-keys', expect: signedIn(201), prepare: () => ({ body: { name: unique('key'), role: 'viewer' } }) },
  {
    method: 'DELETE',
    path: '/api/api-keys/{id}',
    expect: { ...signedIn(204), outsider: 404 },
    prepare: async (c) => ({ params: { id: (await keyOwner(c).createApiKey('viewer')).id } }),
  },

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

  // Schedules: like policies, they belong to a team; reading is for everyone signed in.
  { method: 'GET', path: '/api/schedules', expect: signedIn(200) },
  { method: 'POST', path: '/api/schedules', expect: teamEditors(201), prepare: (c) => ({ body: scheduleBody(team(c).id, c.w.responder.id) }) },
  { method: 'GET', path: '/api/schedules/{id}', expect: signedIn(200), prepare: async (c) => ({ params: { id: (await schedule(c)).id } }) },
  { method: 'PATCH', path: '/api/schedules/{id}', expect: teamEditors(200), prepare: async (c) => ({ params: { id: (await schedule(c)).id }, body: { description: 'Edited' } }) },
  {
    method: 'DELETE',
    path: '/api/schedules/{id}',
    expect: teamEditors(204),
    prepare: async (c) => ({ params: { id: (await c.w.admin.call('POST', '/api/schedules', scheduleBody(team(c).id, c.w.responder.id))).id } }),
  },
  { method: 'GET', path: '/api/schedules/{id}/shifts', expect: signedIn(200), prepare: async (c) => ({ params: { id: (await schedule(c)).id }, query: range(c.w) }) },
  { method: 'GET', path: '/api/schedules/{id}/overrides', expect: signedIn(200), prepare: async (c) => ({ params: { id: (await schedule(c)).id }, query: range(c.w) }) },
  {
    method: 'POST',
    path: '/api/schedules/{id}/overrides',
    expect: teamEditors(201),
    prepare: async (c) => ({ params: { id: (await schedule(c)).id }, body: { userId: c.w.viewer.id, start: soon(c.w, 1), end: soon(c.w, 2) } }),
  },
  {
    method: 'DELETE',
    path: '/api/schedules/{id}/overrides/{overrideId}',
    expect: teamEditors(204),
    prepare: async (c) => {
      const id = (await schedule(c)).id;
      const override = await c.w.admin.call('POST', `/api/schedules/${id}/overrides`, { userId: c.w.viewer.id, start: soon(c.w, 1), end: soon(c.w, 2) });
      return { params: { id, overrideId: override.id } };
    },
  },
  {
    // Only the person on call may ask to be covered: the admin and the outsider are not on these schedules.
    method: 'POST',
    path: '/api/schedules/{id}/swap-requests',
    expect: { anonymous: 401, viewer: 403, responder: 201, outsider: 400, admin: 400 },
    prepare: async (c) => ({ params: { id: (await schedule(c)).id }, body: { responderId: c.w.viewer.id, start: soon(c.w, 3), end: soon(c.w, 4) } }),
  },
  { method: 'GET', path: '/api/schedules/{id}/shadows', expect: signedIn(200), prepare: async (c) => ({ params: { id: (await schedule(c)).id } }) },
  {
    method: 'POST',
    path: '/api/schedules/{id}/shadows',
    expect: teamEditors(201),
    prepare: async (c) => ({ params: { id: (await schedule(c)).id }, body: { userId: c.w.viewer.id, start: soon(c.w, 0) } }),
  },
  {
    method: 'DELETE',
    path: '/api/schedules/{id}/shadows/{shadowId}',
    expect: teamEditors(204),
    prepare: async (c) => {
      const id = (await schedule(c)).id;
      const shadow = await c.w.admin.call('POST', `/api/schedules/${id}/shadows`, { userId: c.w.viewer.id, start: soon(c.w, 0) });
      return { params: { id, shadowId: shadow.id } };
    },
  },
  // Handoff notes belong to whoever is on call now: the responder on team A's schedule.
  { method: 'GET', path: '/api/schedules/{id}/handoff-note', expect: notOnCall, prepare: async (c) => ({ params: { id: (await schedule(c)).id } }) },
  { method: 'PUT', path: '/api/schedules/{id}/handoff-note', expect: notOnCall, prepare: async (c) => ({ params: { id: (await schedule(c)).id }, body: { body: 'Disk on db-2 fills up; see runbook' } }) },
  // Handoff reports are read like the schedule itself: by anyone signed in.
  { method: 'GET', path: '/api/schedules/{id}/handoffs', expect: signedIn(200), prepare: async (c) => ({ params: { id: (await schedule(c)).id } }) },
  { method: 'GET', path: '/api/oncall', expect: signedIn(200) },
  { method: 'GET', path: '/api/swap-requests', expect: signedIn(200) },
  { method: 'POST', path: '/api/swap-requests/{id}/accept', expect: { ...teamEditors(200), outsider: 403 }, prepare: answerable },
  { method: 'POST', path: '/api/swap-requests/{id}/decline', expect: { ...teamEditors(200), outsider: 403 }, prepare: answerable },
  { method: 'POST', path: '/api/swap-requests/{id}/cancel', expect: { ...teamEditors(200), outsider: 403 }, prepare: cancellable },
  { method: 'GET', path: '/api/inbox', expect: signedIn(200) },
  {
    // Your own items only: the outsider tries the admin's.
    method: 'POST',
    path: '/api/inbox/{id}/read',
    expect: { ...signedIn(204), outsider: 404 },
    prepare: async (c) => ({ params: { id: await inboxItem(c.w, c.column === 'outsider' ? c.w.admin : (c.actor ?? c.w.viewer)) } }),
  },

  // Calendar feeds: anyone signed in may subscribe to any schedule (all read schedules);
  // each URL is its maker's own. The feed itself is public: its token is the credential.
  { method: 'POST', path: '/api/schedules/{id}/calendar-feed', expect: signedIn(201), prepare: async (c) => ({ params: { id: (await schedule(c)).id } }) },
  { method: 'DELETE', path: '/api/schedules/{id}/calendar-feed', expect: signedIn(204), prepare: async (c) => ({ params: { id: (await schedule(c)).id } }) },
  { method: 'POST', path: '/api/me/calendar-feed', expect: signedIn(201) },
  { method: 'DELETE', path: '/api/me/calendar-feed', expect: signedIn(204) },
  {
    method: 'GET',
    path: '/ical/{token}.ics',
    expect: all(200),
    integrationKey: true,
    prepare: async (c) => {
      const { url } = await c.w.admin.call('POST', `/api/schedules/${(await schedule(c)).id}/calendar-feed`);
      return { params: { token: /\/ical\/([\w-]+)\.ics$/.exec(url)![1]! } };
    },
  },
  { method: 'GET', path: '/api/teams/{id}/fairness', expect: signedIn(200), prepare: (c) => ({ params: { id: team(c).id } }) },
  // Replay runs on a scratch copy and changes nothing, but it costs the server seconds of work: responders and admins.
  {
    method: 'POST',
    path: '/api/replay',
    expect: { ...signedIn(200), viewer: 403 },
    prepare: () => ({ body: { history: JSON.stringify({ at: '2026-03-03T02:00:00Z', service: 'nothing', action: 'trigger', dedupKey: 'k' }) } }),
  },
  // Recovery time off: everyone signed in may read it (reports); only the person it was granted to may decline it.
  { method: 'GET', path: '/api/recovery', expect: signedIn(200) },
  {
    method: 'POST',
    path: '/api/recovery/{id}/decline',
    expect: { ...signedIn(200), outsider: 403 },
    prepare: async (c) => ({ params: { id: await recoveryRecord(c.w, c.column === 'outsider' ? c.w.admin : (c.actor ?? c.w.viewer)) } }),
  },

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
  // Operational health: everyone signed in reads the numbers; team editors change a team's settings and lists.
  ...healthRows(),

  // Contact methods and notification rules: everyone manages their own; admins anyone's.
  ...contactRows('me'),
  ...contactRows('users'),

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
  // Administration
  { method: 'GET', path: '/api/audit', expect: adminOnly(200) },
  { method: 'GET', path: '/api/admin/log-levels', expect: adminOnly(200) },
  {
    method: 'PUT',
    path: '/api/admin/log-levels/{eventId}',
    expect: adminOnly(200),
    prepare: () => ({ params: { eventId: 'DEMO_LOADED' }, body: { level: 'info' } }),
  },
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

/** Served, public, and deliberately not part of the document it serves. */
const UNDOCUMENTED = new Set(['GET /api/openapi.json']);

const routeKey = (r: { method: string; path: string }) => `${r.method.toUpperCase()} ${r.path}`;
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

function fill(path: string, params: Record<string, string> = {}): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (!(name in params)) throw new Error(`No value for {${name}} in ${path}`);
    return encodeURIComponent(params[name]!);
  });
}

const lastAudit = async (w: World) => (await w.admin.call('GET', '/api/audit?limit=1')).items[0]?.id;

/** Sends one request; a refused change must leave no audit row behind. */
async function send(row: Row, call: Call, headers: Record<string, string>) {
  const { params, body, headers: extra, query } = (await row.prepare?.(call)) ?? {};
  const auditBefore = SAFE.has(row.method) ? null : await lastAudit(call.w);
  const res = await call.w.h.request(fill(row.path, params) + (query ? `?${query}` : ''), {
    method: row.method,
    headers: { ...headers, ...extra },
    ...(body !== undefined ? { json: body } : {}),
  });
  const text = await res.text();
  const audited = auditBefore !== null && res.status >= 400 && (await lastAudit(call.w)) !== auditBefore;
  return { status: res.status, text, json: text.startsWith('{') ? JSON.parse(text) : null, audited };
}
type Sent = Awaited<ReturnType<typeof send>>;

const KINDS = await databaseKinds();

describe.each(KINDS)('authorization matrix on %s', (kind) => {
  let h: Harness;
  let w: World;

  beforeAll(async () => {
    h = await createHarness(kind);
    w = await createWorld(h);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('covers exactly the routes in the OpenAPI document', async () => {
    const res = await h.request('/api/openapi.json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { paths: Record<string, Record<string, unknown>> };
    const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops)
        .filter((m) => METHODS.includes(m))
        .map((method) => routeKey({ method, path })),
    );
    const table = ROWS.map(routeKey);
    expect(new Set(table).size, 'duplicate rows').toBe(table.length);
    const missing = documented.filter((r) => !table.includes(r));
    const stale = table.filter((r) => !documented.includes(r) && !UNDOCUMENTED.has(r));
    expect(missing, 'documented routes without a row in the matrix').toEqual([]);
    expect(stale, 'rows for routes the document does not have').toEqual([]);
    for (const r of UNDOCUMENTED) expect(documented, `${r} is documented now; drop it from UNDOCUMENTED`).not.toContain(r);
  });

  it.each(ROWS.map((row) => [routeKey(row), row] as const))('%s', async (_name, row) => {
    const people: Record<Exclude<Column, 'anonymous'>, TestUser> = {
      viewer: w.viewer,
      responder: w.responder,
      outsider: w.responder,
      admin: w.admin,
    };
    const failures: string[] = [];
    const check = (label: string, got: Sent, want: number, code?: string) => {
      if (got.status !== want || (code && got.json?.error?.code !== code)) {
        failures.push(`${label}: expected ${want}${code ? ` ${code}` : ''}, got ${got.status} ${got.text.slice(0, 200)}`);
      }
      if (got.audited) failures.push(`${label}: refused with ${got.status}, yet an audit row was written`);
    };

    const anonymous = await send(row, { w, column: 'anonymous', actor: null, mode: 'none' }, {});
    check('anonymous', anonymous, row.expect.anonymous, { 401: 'unauthenticated', 403: 'forbidden' }[row.expect.anonymous]);

    for (const [column, actor] of Object.entries(people) as [Exclude<Column, 'anonymous'>, TestUser][]) {
      for (const mode of ['key', 'cookie'] as const) {
        const want = (mode === 'key' ? row.viaKey?.[column] : undefined) ?? row.expect[column];
        const headers = await actor.headers(mode, { fresh: row.endsOwnSession });
        const got = await send(row, { w, column, actor, mode }, headers);
        check(`${column} via ${mode}`, got, want, { 401: 'unauthenticated', 403: 'forbidden', 404: 'not_found' }[want]);
        if (row.endsAllSessions) actor.dropSession();
      }
      // The same cookie without the CSRF header may read, never change anything.
      if (!SAFE.has(row.method) && !row.integrationKey) {
        const headers = await actor.headers('cookie', { csrf: false, fresh: row.endsOwnSession });
        check(`${column} via cookie without CSRF`, await send(row, { w, column, actor, mode: 'cookie' }, headers), 403, 'csrf_failed');
        const wrong = { ...headers, 'x-csrf-token': randomUUID() };
        check(`${column} via cookie with a wrong CSRF token`, await send(row, { w, column, actor, mode: 'cookie' }, wrong), 403, 'csrf_failed');
      }
    }
    expect(failures).toEqual([]);
  }, 120_000); // a replay row builds the scratch template on its first call
});

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
