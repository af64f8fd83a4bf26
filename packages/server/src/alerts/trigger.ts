import { randomBytes, randomUUID } from 'node:crypto';
import type { EscalationTarget } from '@operable/shared';
import type { Ctx } from '../lib/context.js';
import type { TriggerEvent } from './events.js';
import { planTriggers, type FreshAlert, type PagingOutcome } from './plan.js';
import { wakeEngine } from './repository.js';
import { bumpRepeats, lockServicesForAlerts, readPagingContext, writeNewAlerts, type MaintenanceRow, type NewAlertRow } from './trigger-repository.js';
import type { MaintenanceWindow, StormGroup } from './rules/index.js';

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
 * Records alerts and decides, for each new one in arrival order and under a lock on
 * its service, whether it pages: maintenance suppresses, a storm groups, otherwise
 * its service's policy escalates. Set-based: a batch of any size costs a handful of
 * statements, so a storm of thousands is recorded in seconds.
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
    const seen = rows.get(keyOf(k));
    if (seen) seen.occurrences++;
    else rows.set(keyOf(k), { ...k, occurrences: 1 });
  }
  const context = await readPagingContext(ctx.db, serviceIds, [...rows.values()], now);
  const open = new Map(context.flatMap((c) => c.open.map((o) => [keyOf({ serviceId: c.service_id, dedupKey: o.dedup_key }), o] as const)));

  const candidates = [...rows.values()].filter((r) => open.has(keyOf(r)));
  const stillOpen = await bumpRepeats(ctx.db, candidates.map((r) => ({ id: open.get(keyOf(r))!.id, occurrences: r.occurrences })), now);
  const existing = new Map<string, { id: string; number: number }>();
  for (const r of candidates) if (stillOpen.has(open.get(keyOf(r))!.id)) existing.set(keyOf(r), open.get(keyOf(r))!);

  const fresh = [...rows.values()].filter((r) => !existing.has(keyOf(r))).map((r) => ({ ...r, id: randomUUID() }));
  const outcomes = new Map<string, PagingOutcome>();
  const created = new Map<string, { id: string; number: number }>();
  if (fresh.length) {
    const plan = planTriggers({
      now,
      services: new Map([...services.values()].map((s) => [s.id, { policyId: s.escalation_policy_id, stormWindowSeconds: s.storm_window_seconds }])),
      groups: new Map(context.map((c) => [c.service_id, c.leaders.map(toGroup)])),
      windows: uniqueWindows(context.flatMap((c) => c.windows)),
      fresh: fresh.map((r): FreshAlert => ({ id: r.id, serviceId: r.serviceId, urgency: r.event.urgency, source: r.event.source, directTargets: r.directTargets })),
    });
    const numbers = await writeNewAlerts(ctx.db, {
      now,
      actor: ctx.actor.label,
      alerts: fresh.map((r): NewAlertRow => ({
        id: r.id,
        serviceId: r.serviceId,
        integrationId: r.integrationId,
        dedupKey: r.dedupKey,
        event: r.event,
        occurrences: r.occurrences,
        traceId: r.traceId ?? ctx.requestId ?? null,
        plan: plan.alerts.get(r.id)!,
      })),
      log: plan.log,
      joinedEarlierLeaders: plan.joinedEarlierLeaders,
      starts: plan.starts,
    });
    for (const r of fresh) {
      created.set(keyOf(r), { id: r.id, number: numbers.get(r.id)! });
      outcomes.set(r.id, plan.alerts.get(r.id)!.outcome);
    }
    if (plan.starts.length) await wakeEngine(ctx.db);
  }

  return keyed.map((k) => {
    const isNew = created.get(keyOf(k));
    const alert = isNew ?? existing.get(keyOf(k))!;
    const isFirst = !!isNew && rows.get(keyOf(k))!.event === k.event;
    return { alertId: alert.id, number: alert.number, dedupKey: k.dedupKey, created: isFirst, outcome: isFirst ? outcomes.get(alert.id)! : 'repeat' };
  });
}

const keyOf = (r: { serviceId: string; dedupKey: string }) => `${r.serviceId}\u0000${r.dedupKey}`;

const toGroup = (l: { id: string; created_at: string; last_seen_at: string; group_size: number }): StormGroup => ({
  leaderId: l.id,
  startedAt: new Date(l.created_at),
  lastAlertAt: new Date(l.last_seen_at),
  size: l.group_size,
  resolved: false,
});

/** A window covering several services of the batch was read once per service. */
function uniqueWindows(rows: MaintenanceRow[]): MaintenanceWindow[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  return [...byId.values()].map((row) => {
    const serviceIds = row.service_ids ?? 'all';
    return row.kind === 'once'
      ? { id: row.id, kind: 'once', serviceIds, startsAt: new Date(row.starts_at!), endsAt: new Date(row.ends_at!) }
      : { id: row.id, kind: 'recurring', serviceIds, timeZone: row.time_zone!, days: row.days!, start: row.start_time!, durationMinutes: row.duration_minutes! };
  });
}
