import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { auth, inTransaction } from '../../index.js';
import { sendNotice, signActionToken } from '../../notify/index.js';
import { unique, type TestUser, type World } from '../actors.js';
import { service, team, type Call } from './matrix.js';

/**
 * Targets for the matrix rows, made by an admin of the world they are asked for.
 * Those that rows only read are made once per world (WeakMaps keyed by it).
 */

export async function freshUser(w: World) {
  return inTransaction(w.h.operable.deps.database.db, (db) =>
    auth.createUser(w.h.operable.systemCtx(db), { name: 'Doomed', email: `${unique('doomed')}@operable.test`, timeZone: 'UTC', role: 'viewer' }),
  );
}

/** Someone's key for the DELETE row: your own, or for `outsider` an admin's, for `admin` the viewer's. */
export function keyOwner({ w, column, actor }: Call): TestUser {
  if (column === 'outsider') return w.admin;
  if (column === 'admin' || !actor) return w.viewer;
  return actor;
}

/** One integration of each kind on team A's service, made once per world. */
const integrations = new WeakMap<World, Map<string, Promise<{ id: string; key: string }>>>();
export function integration(w: World, kind: string): Promise<{ id: string; key: string }> {
  const perWorld = integrations.get(w) ?? new Map();
  integrations.set(w, perWorld);
  if (!perWorld.has(kind)) {
    const body = { name: `matrix ${kind}`, kind, ...(kind === 'heartbeat' ? { heartbeatIntervalMinutes: 5 } : {}) };
    perWorld.set(kind, w.admin.call('POST', `/api/services/${w.serviceA.id}/integrations`, body));
  }
  return perWorld.get(kind)!;
}
export const pdTrigger = (key: string) => ({ routing_key: key, event_action: 'trigger', payload: { summary: 'Matrix', source: 'matrix', severity: 'info' } });
export async function someAlert(w: World): Promise<string> {
  const { key } = await integration(w, 'pagerduty');
  const res = await w.h.request('/v2/enqueue', { method: 'POST', json: pdTrigger(key) });
  const { dedup_key } = await res.json();
  const page = await w.admin.call('GET', `/api/alerts?serviceId=${w.serviceA.id}&status=open&limit=500`);
  return page.items.find((a: { dedupKey: string }) => a.dedupKey === dedup_key).id;
}
/** Team A's service pages through a (webhook-only) policy, for the escalate row. */
const servicePolicies = new WeakMap<World, Promise<void>>();
export function withPolicy(w: World): Promise<void> {
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
export async function actionLink(w: World): Promise<string> {
  const alertId = await someAlert(w);
  return signActionToken(w.h.operable.deps.settings.secret, {
    action: 'acknowledge',
    alertId,
    userId: w.responder.id,
    expiresAt: new Date(w.h.clock.now().getTime() + 3_600_000),
    nonce: randomUUID(),
  });
}

export const amBody = { version: '4', status: 'firing', alerts: [{ status: 'firing', labels: { alertname: 'Matrix' }, annotations: {}, fingerprint: 'matrix0000000001' }] };

/** A policy body for `teamId` that pages the responder. */
export const policyBody = (w: World, teamId: string) => ({
  name: unique('matrix-policy'),
  teamId,
  steps: [{ delayMinutes: 5, targets: [{ type: 'user', userId: w.responder.id }] }],
});
/** One policy per team per world, for the rows that read or change one. */
export const maintenanceBody = (serviceId: string) => ({
  kind: 'recurring',
  name: 'Matrix nightly',
  serviceIds: [serviceId],
  timeZone: 'Europe/Berlin',
  days: [1, 2, 3],
  start: '02:00',
  durationMinutes: 30,
});
/** SLOs on the caller's team's service (team B's for the outsider); one per team per world for the rows that read or change one. */
export const sloBody = (c: Call) => ({ serviceId: service(c).id, name: unique('matrix-slo'), kind: 'availability', objective: 0.999, windowDays: 30, source: { type: 'push' } });
const slos = new WeakMap<World, Map<string, Promise<{ id: string }>>>();
export function slo(c: Call): Promise<{ id: string }> {
  const perWorld = slos.get(c.w) ?? new Map();
  slos.set(c.w, perWorld);
  const serviceId = service(c).id;
  if (!perWorld.has(serviceId)) perWorld.set(serviceId, c.w.admin.call('POST', '/api/slos', sloBody(c)));
  return perWorld.get(serviceId)!;
}
export const slothSpec = () => `version: prometheus/v1\nservice: matrix\nslos:\n  - name: ${unique('matrix-sloth')}\n    objective: 99.9\n    sli:\n      events:\n        error_query: sum(rate(http_requests_total{code=~"5.."}[{{.window}}]))\n        total_query: sum(rate(http_requests_total[{{.window}}]))\n`;
export const lastMinute = (w: World) => new Date(Math.floor(w.h.clock.now().getTime() / 60_000) * 60_000 - 60_000).toISOString();
const maintenances = new WeakMap<World, Map<string, Promise<{ id: string }>>>();
export function maintenance(c: Call): Promise<{ id: string }> {
  const serviceId = service(c).id;
  const perWorld = maintenances.get(c.w) ?? new Map();
  maintenances.set(c.w, perWorld);
  if (!perWorld.has(serviceId)) perWorld.set(serviceId, c.w.admin.call('POST', '/api/maintenance-windows', maintenanceBody(serviceId)));
  return perWorld.get(serviceId)!;
}

/** A check body on `serviceId` aimed at a closed local port (refused at once, never the network). */
export const checkBody = (serviceId: string) => ({ name: unique('matrix-check'), serviceId, kind: 'http', http: { url: 'http://127.0.0.1:1/' } });
const matrixChecks = new WeakMap<World, Map<string, Promise<{ id: string }>>>();
export function matrixCheck(c: Call): Promise<{ id: string }> {
  const serviceId = service(c).id;
  const perWorld = matrixChecks.get(c.w) ?? new Map();
  matrixChecks.set(c.w, perWorld);
  if (!perWorld.has(serviceId)) perWorld.set(serviceId, c.w.admin.call('POST', '/api/checks', checkBody(serviceId)));
  return perWorld.get(serviceId)!;
}

const policies = new WeakMap<World, Map<string, Promise<{ id: string }>>>();
export function policy(c: Call): Promise<{ id: string }> {
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
export const scheduleBody = (teamId: string, userId: string) => ({
  name: unique('matrix-schedule'),
  teamId,
  timeZone: 'Europe/London',
  layers: [{ participantIds: [userId], startDate: '2026-01-01' }],
});
const schedules = new WeakMap<World, Map<string, Promise<{ id: string }>>>();
export function schedule(c: Call): Promise<{ id: string }> {
  const teamId = team(c).id;
  const perWorld = schedules.get(c.w) ?? new Map();
  schedules.set(c.w, perWorld);
  const onCall = c.column === 'outsider' ? c.w.bystander : c.w.responder;
  if (!perWorld.has(teamId)) perWorld.set(teamId, c.w.admin.call('POST', '/api/schedules', scheduleBody(teamId, onCall.id)));
  return perWorld.get(teamId)!;
}
export function adminSchedule(w: World): Promise<{ id: string }> {
  const perWorld = schedules.get(w) ?? new Map();
  schedules.set(w, perWorld);
  if (!perWorld.has('admin')) perWorld.set('admin', w.admin.call('POST', '/api/schedules', scheduleBody(w.teamA.id, w.admin.id)));
  return perWorld.get('admin')!;
}
export const soon = (w: World, hours: number) => new Date(w.h.clock.now().getTime() + hours * 3_600_000).toISOString();
export const range = (w: World) => `from=${soon(w, -24)}&to=${soon(w, 24 * 14)}`;
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
export const answerable = async (c: Call) => ({
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
export const cancellable = async (c: Call) => ({
  params: { id: c.column === 'admin' ? await swap(c.w, c.w.admin, c.w.responder) : c.column === 'outsider' ? await swap(c.w, c.w.admin, c.w.bystander) : await swap(c.w, c.w.responder, c.w.bystander) },
});
export async function inboxItem(w: World, owner: TestUser): Promise<string> {
  await inTransaction(w.h.operable.deps.database.db, (db) =>
    sendNotice(db, { userIds: [owner.id], kind: 'matrix', title: 'Matrix', text: 'Matrix', body: {}, now: w.h.clock.now(), traceId: null, email: false }),
  );
  const items = await owner.call('GET', '/api/inbox');
  return items.items[0].id;
}
export const notOnCall = { anonymous: 401, viewer: 403, responder: 200, outsider: 409, admin: 409 };
/** A granted rest day of `owner`, on a day of its own (one record per person and day). */
let recoveryDay = 0;
export async function recoveryRecord(w: World, owner: TestUser): Promise<string> {
  const day = DateTime.utc(2027, 1, 1).plus({ days: recoveryDay++ }).toISODate()!;
  const row = await w.h.operable.deps.database.db
    .insertInto('recovery_time_off')
    .values({ user_id: owner.id, team_id: w.teamA.id, reason: 'sleep_hours', day, status: 'granted', created_at: w.h.clock.now() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

