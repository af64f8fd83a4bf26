import { CreateService, CreateTeam, CreateUser } from '@operable/shared';
import { createUser } from '../auth/index.js';
import { createService, createTeam } from '../catalog/index.js';
import { inTransaction } from '../db/index.js';
import type { Harness } from './harness.js';

/**
 * Builds the people, policy, service and integration an alert-pipeline scenario
 * needs, straight in the database (contact methods arrive already verified).
 */
export async function pipelineWorld(
  h: Harness,
  o: {
    people: { name: string; email: string; timeZone?: string; contacts: { type: 'email' | 'webhook' | 'sms' | 'voice' | 'ntfy'; address: string; secret?: string; delayMinutes: number }[] }[];
    steps: { delayMinutes: number; people?: number[]; webhooks?: { url: string; secret: string }[]; requireAllAck?: boolean }[];
    repeatCount?: number;
    integrationKind?: 'pagerduty' | 'alertmanager' | 'grafana' | 'opsgenie' | 'generic' | 'heartbeat';
    heartbeatIntervalMinutes?: number;
    stormWindowSeconds?: number;
    ackTimeoutMinutes?: number;
  },
) {
  const db = h.operable.deps.database.db;
  const now = h.clock.now();
  return inTransaction(db, async (trx) => {
    const ctx = h.operable.systemCtx(trx);
    const users = [];
    for (const p of o.people) {
      const user = await createUser(ctx, CreateUser.parse({ name: p.name, email: p.email, role: 'responder', timeZone: p.timeZone ?? 'UTC' }));
      for (const c of p.contacts) {
        const { id } = await trx
          .insertInto('contact_methods')
          .values({ user_id: user.id, type: c.type, address: c.address, label: c.type, secret: c.secret ?? null, verified_at: now, created_at: now })
          .returning('id')
          .executeTakeFirstOrThrow();
        await trx.insertInto('notification_rules').values({ user_id: user.id, contact_method_id: id, delay_minutes: c.delayMinutes, urgency: 'any', created_at: now }).execute();
      }
      users.push(user);
    }
    const team = await createTeam(ctx, CreateTeam.parse({ name: `Team ${now.getTime()}-${Math.random()}`, memberIds: users.map((u) => u.id) }));
    const { id: policyId } = await trx
      .insertInto('escalation_policies')
      .values({ name: `Policy ${Math.random()}`, description: '', team_id: team.id, repeat_count: o.repeatCount ?? 0, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const [position, step] of o.steps.entries()) {
      const targets = [...(step.people ?? []).map((i) => ({ type: 'user', userId: users[i]!.id })), ...(step.webhooks ?? []).map((w) => ({ type: 'webhook', ...w }))];
      await trx
        .insertInto('escalation_steps')
        .values({ policy_id: policyId, position, delay_minutes: step.delayMinutes, require_all_ack: step.requireAllAck ?? false, targets: JSON.stringify(targets) })
        .execute();
    }
    const service = await createService(
      ctx,
      CreateService.parse({
        name: `Checkout ${Math.random()}`,
        teamId: team.id,
        runbookUrl: 'https://runbooks.example.com/checkout',
        escalationPolicyId: policyId,
        stormWindowSeconds: o.stormWindowSeconds ?? 300,
        ackTimeoutMinutes: o.ackTimeoutMinutes ?? null,
      }),
    );
    const key = [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('');
    const kind = o.integrationKind ?? 'pagerduty';
    const { id: integrationId } = await trx
      .insertInto('integrations')
      .values({
        service_id: service.id,
        name: `${kind} integration`,
        kind,
        key,
        rate_limit_per_minute: 100000,
        heartbeat_interval_minutes: kind === 'heartbeat' ? (o.heartbeatIntervalMinutes ?? 5) : null,
        heartbeat_last_at: kind === 'heartbeat' ? now : null,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { users, team, policyId, service, key, integrationId };
  });
}

export async function alertLog(h: Harness, alertId: string): Promise<string[]> {
  const rows = await h.operable.deps.database.db.selectFrom('alert_log').select(['event', 'channel']).where('alert_id', '=', alertId).orderBy('id').execute();
  return rows.map((r) => (r.channel ? `${r.event}:${r.channel}` : r.event));
}

export async function alertsOf(h: Harness, serviceId: string) {
  return h.operable.deps.database.db.selectFrom('alerts').selectAll().where('service_id', '=', serviceId).orderBy('number').execute();
}
