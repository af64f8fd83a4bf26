import { randomBytes } from 'node:crypto';
import type { Ctx } from '../lib/context.js';
import type { TriggerEvent } from './events.js';
import {
  appendLog,
  joinGroup,
  lockServiceForAlerts,
  maintenanceCandidates,
  markSuppressed,
  openGroupLeaders,
  startEscalation,
  upsertOpenAlert,
} from './repository.js';
import { activeMaintenance, stormDecision, type MaintenanceWindow } from './rules/index.js';

export interface TriggerInput {
  serviceId: string;
  integrationId: string | null;
  event: TriggerEvent;
}

export interface TriggerResult {
  alertId: string;
  number: number;
  dedupKey: string;
  /** False when the event repeated an open alert (counted, not paged again). */
  created: boolean;
  outcome: 'paging' | 'grouped' | 'suppressed' | 'no_policy' | 'repeat';
}

/**
 * Records the alert, then decides once, under a per-service lock, whether it pages:
 * maintenance suppresses, a storm groups, otherwise its service's policy escalates.
 */
export async function triggerAlert(ctx: Ctx, input: TriggerInput): Promise<TriggerResult> {
  const now = ctx.clock.now();
  const dedupKey = input.event.dedupKey ?? randomBytes(16).toString('hex');
  const service = await lockServiceForAlerts(ctx.db, input.serviceId);
  if (!service) throw new Error(`Service ${input.serviceId} vanished while ingesting`);
  const up = await upsertOpenAlert(ctx.db, { ...input, dedupKey, traceId: ctx.requestId, now });
  const result = { alertId: up.id, number: up.number, dedupKey };
  if (!up.inserted) return { ...result, created: false, outcome: 'repeat' };

  const log = (event: string, details?: unknown) => appendLog(ctx.db, [{ alertId: up.id, at: now, event, actor: ctx.actor.label, details }]);
  await log('triggered', { urgency: input.event.urgency, source: input.event.source });

  const windows = (await maintenanceCandidates(ctx.db, input.serviceId, now)).map(toWindow);
  const maintenance = activeMaintenance(windows, input.serviceId, now);
  if (maintenance) {
    await markSuppressed(ctx.db, up.id, maintenance.id);
    await log('suppressed', { maintenanceWindowId: maintenance.id });
    return { ...result, created: true, outcome: 'suppressed' };
  }

  if (service.storm_window_seconds > 0) {
    const since = new Date(now.getTime() - service.storm_window_seconds * 1000);
    const leaders = (await openGroupLeaders(ctx.db, input.serviceId, since)).filter((l) => l.id !== up.id);
    const decision = stormDecision(
      now,
      leaders.map((l) => ({ leaderId: l.id, startedAt: l.created_at, lastAlertAt: l.last_seen_at, size: l.group_size, resolved: false })),
      { windowSeconds: service.storm_window_seconds },
    );
    if (decision.kind === 'join') {
      await joinGroup(ctx.db, up.id, decision.leaderId, now);
      await log('grouped', { leaderId: decision.leaderId });
      return { ...result, created: true, outcome: 'grouped' };
    }
  }

  if (!service.escalation_policy_id) {
    await log('not_paged', { reason: 'The service has no escalation policy' });
    return { ...result, created: true, outcome: 'no_policy' };
  }
  await startEscalation(ctx.db, up.id, service.escalation_policy_id, now);
  return { ...result, created: true, outcome: 'paging' };
}

function toWindow(row: Awaited<ReturnType<typeof maintenanceCandidates>>[number]): MaintenanceWindow {
  const serviceIds = row.service_ids ?? 'all';
  return row.kind === 'once'
    ? { id: row.id, kind: 'once', serviceIds, startsAt: row.starts_at!, endsAt: row.ends_at! }
    : { id: row.id, kind: 'recurring', serviceIds, timeZone: row.time_zone!, days: row.days!, start: row.start_time!, durationMinutes: row.duration_minutes! };
}
