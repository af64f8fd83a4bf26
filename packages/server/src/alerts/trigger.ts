import { randomBytes } from 'node:crypto';
import type { EscalationTarget } from '@operable/shared';
import type { Ctx } from '../lib/context.js';
import type { TriggerEvent } from './events.js';
import {
  appendLog,
  joinGroups,
  lockServicesForAlerts,
  maintenanceCandidatesFor,
  markSuppressedMany,
  openGroupLeadersFor,
  startEscalations,
  upsertOpenAlerts,
  type EscalationStart,
} from './repository.js';
import { activeMaintenance, stormDecision, type MaintenanceWindow, type StormGroup } from './rules/index.js';

export interface TriggerInput {
  serviceId: string;
  integrationId: string | null;
  event: TriggerEvent;
  /** The request that carried the event (batches mix requests); defaults to the ctx's. */
  traceId?: string;
  /** A person paging people by name: they are paged whatever maintenance or storms say. */
  directTargets?: EscalationTarget[];
}

export interface TriggerResult {
  alertId: string;
  number: number;
  dedupKey: string;
  /** False when the event repeated an open alert (counted, not paged again). */
  created: boolean;
  outcome: 'paging' | 'grouped' | 'suppressed' | 'no_policy' | 'repeat';
}

export async function triggerAlert(ctx: Ctx, input: TriggerInput): Promise<TriggerResult> {
  return (await triggerAlerts(ctx, [input]))[0]!;
}

/**
 * Records alerts, then decides for each new one, in arrival order and under a lock
 * on its service, whether it pages: maintenance suppresses, a storm groups,
 * otherwise its service's policy escalates. Set-based: a batch of any size costs a
 * handful of statements, so a storm of thousands is recorded in seconds.
 */
export async function triggerAlerts(ctx: Ctx, inputs: TriggerInput[]): Promise<TriggerResult[]> {
  if (!inputs.length) return [];
  const now = ctx.clock.now();
  const keyed = inputs.map((i) => ({ ...i, dedupKey: i.event.dedupKey ?? randomBytes(16).toString('hex') }));
  const serviceIds = [...new Set(keyed.map((k) => k.serviceId))].sort();
  const services = new Map((await lockServicesForAlerts(ctx.db, serviceIds)).map((s) => [s.id, s]));
  for (const id of serviceIds) if (!services.has(id)) throw new Error(`Service ${id} vanished while ingesting`);

  // Repeats within the batch fold into one row: the first event's content, every occurrence counted.
  const rows = new Map<string, (typeof keyed)[number] & { occurrences: number }>();
  for (const k of keyed) {
    const id = `${k.serviceId}\u0000${k.dedupKey}`;
    const seen = rows.get(id);
    if (seen) seen.occurrences++;
    else rows.set(id, { ...k, occurrences: 1 });
  }
  const upserted = await upsertOpenAlerts(
    ctx.db,
    [...rows.values()].map((r) => ({ serviceId: r.serviceId, integrationId: r.integrationId, dedupKey: r.dedupKey, event: r.event, occurrences: r.occurrences, traceId: r.traceId ?? ctx.requestId })),
    now,
  );
  const byKey = new Map(upserted.map((u) => [`${u.serviceId}\u0000${u.dedupKey}`, u]));
  const fresh = new Set(upserted.filter((u) => u.inserted).map((u) => u.id));

  const outcomes = new Map<string, TriggerResult['outcome']>();
  if (fresh.size) {
    const windows = (await maintenanceCandidatesFor(ctx.db, serviceIds, now)).map(toWindow);
    const longest = Math.max(...[...services.values()].map((s) => s.storm_window_seconds));
    const leaders = longest > 0 ? await openGroupLeadersFor(ctx.db, serviceIds, new Date(now.getTime() - longest * 1000)) : [];
    const groups = new Map<string, StormGroup[]>();
    for (const l of leaders) {
      if (fresh.has(l.id)) continue;
      groups.set(l.service_id, [...(groups.get(l.service_id) ?? []), { leaderId: l.id, startedAt: l.created_at, lastAlertAt: l.last_seen_at, size: l.group_size, resolved: false }]);
    }
    const suppressed = new Map<string, string[]>();
    const joins = new Map<string, string[]>();
    const starts: EscalationStart[] = [];
    const log: Parameters<typeof appendLog>[1] = [];
    for (const r of rows.values()) {
      const u = byKey.get(`${r.serviceId}\u0000${r.dedupKey}`)!;
      if (!u.inserted || outcomes.has(u.id)) continue;
      const service = services.get(r.serviceId)!;
      const entry = (event: string, details?: unknown) => log.push({ alertId: u.id, at: now, event, actor: ctx.actor.label, details });
      entry('triggered', { urgency: r.event.urgency, source: r.event.source });
      if (r.directTargets) {
        starts.push({ alertId: u.id, policyId: null, directTargets: r.directTargets });
        outcomes.set(u.id, 'paging');
        continue;
      }
      const maintenance = activeMaintenance(windows, r.serviceId, now);
      if (maintenance) {
        suppressed.set(maintenance.id, [...(suppressed.get(maintenance.id) ?? []), u.id]);
        entry('suppressed', { maintenanceWindowId: maintenance.id });
        outcomes.set(u.id, 'suppressed');
        continue;
      }
      if (service.storm_window_seconds > 0) {
        const own = groups.get(r.serviceId) ?? [];
        const decision = stormDecision(now, own, { windowSeconds: service.storm_window_seconds });
        if (decision.kind === 'join') {
          joins.set(decision.leaderId, [...(joins.get(decision.leaderId) ?? []), u.id]);
          const g = own.find((x) => x.leaderId === decision.leaderId)!;
          g.size++;
          entry('grouped', { leaderId: decision.leaderId });
          outcomes.set(u.id, 'grouped');
          continue;
        }
        // This alert leads a new group for the rest of the batch (and later ones).
        groups.set(r.serviceId, [...own, { leaderId: u.id, startedAt: now, lastAlertAt: now, size: 1, resolved: false }]);
      }
      if (!service.escalation_policy_id) {
        entry('not_paged', { reason: 'The service has no escalation policy' });
        outcomes.set(u.id, 'no_policy');
        continue;
      }
      starts.push({ alertId: u.id, policyId: service.escalation_policy_id });
      outcomes.set(u.id, 'paging');
    }
    await appendLog(ctx.db, log);
    await markSuppressedMany(ctx.db, suppressed);
    await joinGroups(ctx.db, joins, now);
    await startEscalations(ctx.db, starts, now);
  }

  return keyed.map((k) => {
    const u = byKey.get(`${k.serviceId}\u0000${k.dedupKey}`)!;
    const first = rows.get(`${k.serviceId}\u0000${k.dedupKey}`)!;
    const isFirst = first.event === k.event && u.inserted;
    return { alertId: u.id, number: u.number, dedupKey: k.dedupKey, created: isFirst, outcome: isFirst ? (outcomes.get(u.id) ?? 'repeat') : 'repeat' };
  });
}

type WindowRow = Awaited<ReturnType<typeof maintenanceCandidatesFor>>[number];

function toWindow(row: WindowRow): MaintenanceWindow {
  const serviceIds = row.service_ids ?? 'all';
  return row.kind === 'once'
    ? { id: row.id, kind: 'once', serviceIds, startsAt: row.starts_at!, endsAt: row.ends_at! }
    : { id: row.id, kind: 'recurring', serviceIds, timeZone: row.time_zone!, days: row.days!, start: row.start_time!, durationMinutes: row.duration_minutes! };
}
