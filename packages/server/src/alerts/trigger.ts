import { randomBytes, randomUUID } from 'node:crypto';
import type { EscalationTarget } from '@operable/shared';
import type { Ctx } from '../lib/context.js';
import type { TriggerEvent } from './events.js';
import { planTriggers } from './plan.js';
import { windowOf } from './maintenance-repository.js';
import { PagingCache, recalledContext } from './paging-cache.js';
import { readPagingContext, writeTriggerBatch, type MaintenanceRow, type PagingContextRow } from './trigger-repository.js';
import type { MaintenanceWindow, StormGroup } from './rules/index.js';

export interface TriggerInput {
  serviceId: string;
  integrationId: string | null;
  event: TriggerEvent;
  /** The request that carried the event (batches mix requests); defaults to the ctx's. */
  traceId?: string;
  /** A person paging people by name: they are paged whatever maintenance or storms say. */
  directTargets?: EscalationTarget[];
  /** Who the alert log names (batches mix integrations); defaults to the ctx's actor. */
  actor?: string;
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

/** Another writer changing the same services on every attempt means something is wrong, not busy. */
const MAX_ATTEMPTS = 20;

/**
 * Records alerts and decides, for each new one in arrival order, whether it pages:
 * maintenance suppresses, a storm groups, otherwise its service's policy escalates.
 * Set-based and optimistic: read the services' paging context, plan in memory, write
 * the plan in one statement that applies only if no other batch wrote to those
 * services meanwhile (else read again). A storm of thousands is recorded in seconds.
 */
export async function triggerAlerts(ctx: Ctx, inputs: TriggerInput[]): Promise<TriggerResult[]> {
  if (!inputs.length) return [];
  const now = ctx.clock.now();
  const keyed = inputs.map((i) => ({ ...i, dedupKey: i.event.dedupKey ?? randomBytes(16).toString('hex') }));
  const serviceIds = [...new Set(keyed.map((k) => k.serviceId))].sort();

  // Repeats within the batch fold into one row: the first event's content, every occurrence counted.
  const rows = new Map<string, (typeof keyed)[number] & { occurrences: number; id: string }>();
  for (const k of keyed) {
    const seen = rows.get(keyOf(k));
    if (seen) seen.occurrences++;
    else rows.set(keyOf(k), { ...k, occurrences: 1, id: randomUUID() });
  }

  // Outside a transaction this process may plan from memory (paging-cache.ts); inside
  // one, the transaction may still roll back, so it reads and teaches the cache nothing.
  const cache = ctx.db.isTransaction ? null : cacheOf(ctx.db);
  let recalled = cache?.recall(serviceIds) ?? null;
  for (let attempt = 1; ; attempt++) {
    const context = recalled
      ? serviceIds.map((id) => recalledContext(recalled!.get(id)!, [...rows.values()].filter((r) => r.serviceId === id).map((r) => r.dedupKey), now))
      : await readPagingContext(ctx.db, serviceIds, [...rows.values()], now);
    if (!recalled) cache?.remember(context);
    for (const id of serviceIds) if (!context.some((c) => c.service_id === id)) throw new Error(`Service ${id} vanished while ingesting`);
    const open = new Map(context.flatMap((c) => c.open.map((o) => [keyOf({ serviceId: c.service_id, dedupKey: o.dedup_key }), o] as const)));
    const fresh = [...rows.values()].filter((r) => !open.has(keyOf(r)));
    const plan = planTriggers({
      now,
      services: new Map(context.map((c) => [c.service_id, { policyId: c.escalation_policy_id, stormWindowSeconds: c.storm_window_seconds }])),
      groups: new Map(context.map((c) => [c.service_id, c.leaders.map(toGroup)])),
      windows: uniqueWindows(context),
      fresh: fresh.map((r) => ({ id: r.id, serviceId: r.serviceId, urgency: r.event.urgency, source: r.event.source, directTargets: r.directTargets })),
    });
    const actorOf = new Map(fresh.map((r) => [r.id, r.actor ?? ctx.actor.label]));
    const writtenBumps = bumps([...rows.values()].filter((r) => open.has(keyOf(r))).map((r) => ({ id: open.get(keyOf(r))!.id, occurrences: r.occurrences })), plan.joinedEarlierLeaders);
    const written = await writeTriggerBatchOrRetry(ctx.db, {
      now,
      // In id order, so batches sharing services lock their rows in the same order.
      versions: serviceIds.map((id) => ({ serviceId: id, version: context.find((c) => c.service_id === id)!.alerts_version })),
      bumps: writtenBumps,
      alerts: fresh.map((r) => ({ ...r, traceId: r.traceId ?? ctx.requestId ?? null, plan: plan.alerts.get(r.id)! })),
      log: plan.log.map((l) => ({ ...l, actor: actorOf.get(l.alertId)! })),
      starts: plan.starts,
    });
    if (!written.applied) {
      cache?.forget(serviceIds);
      recalled = null;
      if (attempt >= MAX_ATTEMPTS) throw new Error(`Alerts for ${serviceIds.join(', ')} kept changing while ingesting`);
      continue;
    }
    for (const c of context) {
      cache?.applied({
        serviceId: c.service_id,
        fromVersion: c.alerts_version,
        now,
        opened: fresh
          .filter((r) => r.serviceId === c.service_id)
          .map((r) => {
            const planned = plan.alerts.get(r.id)!;
            const leads = planned.groupLeaderId === null && planned.suppressedBy === null;
            return { dedupKey: r.dedupKey, id: r.id, number: written.numbers.get(r.id)!, leads: leads ? { groupSize: planned.groupSize } : null };
          }),
        touched: writtenBumps.map((b) => ({ id: b.id, joined: b.joined })),
      });
    }
    return keyed.map((k) => {
      const row = rows.get(keyOf(k))!;
      const repeated = open.get(keyOf(k));
      const isFirst = !repeated && row.event === k.event;
      return {
        alertId: repeated?.id ?? row.id,
        number: repeated?.number ?? written.numbers.get(row.id)!,
        dedupKey: k.dedupKey,
        created: isFirst,
        outcome: isFirst ? plan.alerts.get(row.id)!.outcome : 'repeat',
      };
    });
  }
}

/**
 * A deadlock between two batches' version bumps is a lost race like any other: the
 * statement wrote nothing, so the batch reads again. So is a key the cache took for
 * closed that is open (the unique index refused it). Inside a caller's transaction
 * the transaction is aborted instead, and the caller's retry handles it.
 */
async function writeTriggerBatchOrRetry(db: Ctx['db'], write: Parameters<typeof writeTriggerBatch>[1]) {
  try {
    return await writeTriggerBatch(db, write);
  } catch (error) {
    const { code, constraint } = error as { code?: string; constraint?: string };
    const lostRace = code === '40P01' || (code === '23505' && constraint === 'alerts_open_dedup_key');
    if (lostRace && !db.isTransaction) return { applied: false, numbers: new Map<string, number>() };
    throw error;
  }
}

/** One cache per database handle, that is per process and database. */
const caches = new WeakMap<Ctx['db'], PagingCache>();
function cacheOf(db: Ctx['db']): PagingCache {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new PagingCache()));
  return cache;
}

/** Repeats and joins merged per alert: an open leader can be repeated and joined in one batch. */
function bumps(repeats: { id: string; occurrences: number }[], joined: Map<string, number>) {
  const byId = new Map(repeats.map((r) => [r.id, { ...r, joined: 0 }]));
  for (const [id, n] of joined) byId.set(id, { id, occurrences: byId.get(id)?.occurrences ?? 0, joined: n });
  return [...byId.values()];
}

const keyOf = (r: { serviceId: string; dedupKey: string }) => `${r.serviceId}\u0000${r.dedupKey}`;

const toGroup = (l: PagingContextRow['leaders'][number]): StormGroup => ({
  leaderId: l.id,
  startedAt: new Date(l.created_at),
  lastAlertAt: new Date(l.last_seen_at),
  size: l.group_size,
  resolved: false,
});

/** A window covering several services of the batch was read once per service. */
function uniqueWindows(context: PagingContextRow[]): MaintenanceWindow[] {
  const byId = new Map<string, MaintenanceRow>(context.flatMap((c) => c.windows.map((w) => [w.id, w] as const)));
  return [...byId.values()].map(windowOf);
}
