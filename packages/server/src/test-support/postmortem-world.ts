import { inTransaction } from '../db/index.js';
import type { Harness } from './harness.js';
import { SEV2_INCIDENT } from '../postmortems/test-incident.js';

/**
 * A resolved incident written straight into the incident tables, shaped like the
 * SEV2 fixture (times moved to `resolvedAt`): the post-mortem tests need an incident
 * that has run its course, not the incident verbs.
 */
export async function resolvedIncident(
  h: Harness,
  o: { serviceIds: string[]; commanderId?: string | null; severity?: number; resolvedAt?: Date; drill?: boolean; title?: string },
): Promise<{ id: string; number: number }> {
  const resolvedAt = o.resolvedAt ?? h.clock.now();
  const shift = resolvedAt.getTime() - SEV2_INCIDENT.resolvedAt!.getTime();
  const at = (d: Date) => new Date(d.getTime() + shift);
  return inTransaction(h.operable.deps.database.db, async (db) => {
    const incident = await db
      .insertInto('incidents')
      .values({
        title: o.title ?? SEV2_INCIDENT.title,
        severity: o.severity ?? 2,
        status: 'resolved',
        drill: o.drill ?? false,
        declared_at: at(SEV2_INCIDENT.declaredAt),
        resolved_at: resolvedAt,
        created_at: at(SEV2_INCIDENT.declaredAt),
        updated_at: resolvedAt,
      })
      .returning(['id', 'number'])
      .executeTakeFirstOrThrow();
    for (const [i, serviceId] of o.serviceIds.entries()) {
      await db.insertInto('incident_services').values({ incident_id: incident.id, service_id: serviceId, source: 'manual', added_at: new Date(at(SEV2_INCIDENT.declaredAt).getTime() + i) }).execute();
    }
    if (o.commanderId) {
      await db.insertInto('incident_roles').values({ incident_id: incident.id, role: 'commander', user_id: o.commanderId, assigned_at: at(SEV2_INCIDENT.declaredAt) }).execute();
    }
    await db
      .insertInto('incident_timeline')
      .values(
        SEV2_INCIDENT.timeline.map((e) => ({
          incident_id: incident.id,
          at: at(e.at),
          kind: e.kind === 'alert_triggered' ? 'alert_linked' : e.kind === 'compensating_action' ? 'action_run' : e.kind === 'acknowledged' ? 'alert_event' : e.kind,
          actor_id: e.actor && o.commanderId ? o.commanderId : null,
          actor_label: e.actor ?? 'Operable',
          text: e.text,
          data: JSON.stringify(e.kind === 'status_changed' ? { to: e.status } : e.kind === 'acknowledged' ? { event: 'acknowledged' } : {}),
          key_moment: e.kind === 'alert_triggered' ? 'detected' : null,
        })),
      )
      .execute();
    for (const c of SEV2_INCIDENT.commands) {
      await db
        .insertInto('incident_commands')
        .values({
          incident_id: incident.id,
          client_id: `${c.command}-${c.startedAt.getTime()}`,
          command: c.command,
          os_user: 'bo',
          actor_id: o.commanderId ?? null,
          host: c.host,
          cwd: '/srv',
          started_at: at(c.startedAt),
          ended_at: at(c.endedAt!),
          exit_code: c.exitCode,
          output_tail: '',
          truncated: false,
          recorded_at: at(c.endedAt!),
        })
        .execute();
    }
    return { id: incident.id, number: Number(incident.number) };
  });
}
