import type { LayerInput } from '@operable/shared';
import { createEngine, type Engine } from '../engine/index.js';
import { createAdmin, createUser, unique, type TestUser } from './actors.js';
import type { Harness } from './harness.js';

/**
 * People, a team, a schedule, a policy paging its primary, a service and a
 * PagerDuty integration, built over the HTTP API. Contact methods go straight into
 * the database already verified (verification has its own tests); people marked
 * `reachable: false` have none.
 */
export async function scheduleWorld(
  h: Harness,
  o: {
    people: { name: string; reachable?: boolean }[];
    timeZone: string;
    /** Layers over the people by index; default one weekly rotation of everyone. */
    layers?: (Omit<LayerInput, 'participantIds'> & { people: number[] })[];
    startDate?: string;
  },
) {
  const admin = await createAdmin(h);
  const people: TestUser[] = [];
  for (const p of o.people) {
    const person = await createUser(admin, 'responder', { name: p.name });
    if (p.reachable !== false) await addVerifiedEmail(h, person);
    people.push(person);
  }
  const team = await admin.call('POST', '/api/teams', { name: unique('team'), memberIds: people.map((p) => p.id) });
  const layers = (o.layers ?? [{ people: people.map((_, i) => i), startDate: o.startDate ?? '2026-03-03' }]).map(({ people: idx, ...l }) => ({
    ...l,
    participantIds: idx.map((i) => people[i]!.id),
  }));
  const schedule = await admin.call('POST', '/api/schedules', { name: unique('Payments'), teamId: team.id, timeZone: o.timeZone, layers });
  const policy = await admin.call('POST', '/api/escalation-policies', {
    name: unique('policy'),
    teamId: team.id,
    steps: [{ delayMinutes: 30, targets: [{ type: 'schedule_primary', scheduleId: schedule.id }] }],
  });
  const service = await admin.call('POST', '/api/services', { name: unique('Checkout'), teamId: team.id, escalationPolicyId: policy.id, stormWindowSeconds: 0 });
  const integration = await admin.call('POST', `/api/services/${service.id}/integrations`, { name: 'PagerDuty', kind: 'pagerduty' });
  return { admin, people, team, schedule, policy, service, key: integration.key as string };
}

export async function addVerifiedEmail(h: Harness, person: TestUser): Promise<void> {
  const db = h.operable.deps.database.db;
  const now = h.clock.now();
  const { id } = await db
    .insertInto('contact_methods')
    .values({ user_id: person.id, type: 'email', address: person.user.email, label: 'email', secret: null, verified_at: now, created_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('notification_rules').values({ user_id: person.id, contact_method_id: id, delay_minutes: 0, urgency: 'any', created_at: now }).execute();
}

/** A PagerDuty Events v2 trigger or resolve, as a sender would post it. */
export async function pagerDuty(h: Harness, key: string, action: 'trigger' | 'resolve', dedupKey: string, summary = dedupKey): Promise<void> {
  const res = await h.request('/v2/enqueue', {
    method: 'POST',
    json: { routing_key: key, event_action: action, dedup_key: dedupKey, payload: { summary, source: 'probe', severity: 'critical' } },
  });
  if (res.status !== 202) throw new Error(`PagerDuty ${action} ${dedupKey}: ${res.status} ${await res.text()}`);
}

/** Another engine process on the same database and clock. */
export function secondEngine(h: Harness): Engine {
  const { database, log, settings, config } = h.operable.deps;
  return createEngine({ database, clock: h.clock, log, settings, channels: config.channels });
}

/** What a person's inbox holds, oldest first. */
export async function inbox(person: TestUser): Promise<{ kind: string; title: string; body: Record<string, any> }[]> {
  const { items } = await person.call('GET', '/api/inbox');
  return [...items].reverse();
}
