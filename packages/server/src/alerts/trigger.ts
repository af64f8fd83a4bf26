import { randomBytes } from 'node:crypto';
import type { EscalationTarget } from '@operable/shared';
import type { Ctx } from '../lib/context.js';
import type { AlertEvent, TriggerEvent } from './events.js';
import { planTriggers } from './plan.js';
import { windowOf } from './maintenance-repository.js';
import { PagingCache, recalledContext } from './paging-cache.js';
import { detailsJson, lockServices, readPagingContext, writeTriggerBatch, type MaintenanceRow, type PagingContextRow, type TriggerWrite } from './trigger-repository.js';
import { inTransaction } from '../db/index.js';
import { timeOrderedId } from '../lib/ids.js';
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
  dedupKey: string;
  /** False when the event repeated an open alert (counted, not paged again). */
  created: boolean;
  outcome: 'paging' | 'grouped' | 'suppressed' | 'no_policy' | 'repeat';
}

export async function triggerAlert(ctx: Ctx, input: TriggerInput): Promise<TriggerResult> {
  return (await triggerAlerts(ctx, [input]))[0]!;
}

/**
 * Records alerts and decides, for each new one in arrival order, whether it pages:
 * maintenance suppresses, a storm groups, otherwise its service's policy escalates.
 * Set-based: read the services' paging context, plan in memory, write the plan in one
 * statement. Optimistic first: from this process's memory (paging-cache.ts), the write
 * applies only if no other batch wrote to those services meanwhile. When another
 * process did (several API processes ingesting for one service), optimism would
 * thrash, each process's write undoing the other's memory: the batch is then written
 * under the services' row locks instead, and so are that service's next batches for a
 * moment. A storm of thousands is recorded in seconds either way.
 */
export async function triggerAlerts(ctx: Ctx, inputs: TriggerInput[]): Promise<TriggerResult[]> {
  if (!inputs.length) return [];
  const batch = prepare(inputs);
  if (ctx.db.isTransaction) return plannedUnderLock(ctx, batch);
  const cache = cacheOf(ctx.db);
  if (!cache.contended(batch.serviceIds, Date.now())) {
    const done = await plannedOptimistically(ctx, batch, cache);
    if (done) return done;
    cache.contend(batch.serviceIds, Date.now());
  }
  return inTransaction(ctx.db, (db) => plannedUnderLock({ ...ctx, db }, batch));
}

/**
 * Encodes events' details for their write as they are queued, while an earlier batch
 * is in the database: in the batch, encoding 780 alerts' details delayed all of them.
 */
export function encodeAhead(events: readonly AlertEvent[]): void {
  for (const event of events) if (event.action === 'trigger') detailsJson(event);
}

type Prepared = ReturnType<typeof prepare>;

function prepare(inputs: TriggerInput[]) {
  // Repeats within the batch fold into one row: the first event's content, every occurrence counted.
  const rows = new Map<string, TriggerInput & { dedupKey: string; key: string; occurrences: number; id: string }>();
  const keyed = inputs.map((input) => {
    const dedupKey = input.event.dedupKey ?? randomBytes(16).toString('hex');
    const key = keyOf(input.serviceId, dedupKey);
    let row = rows.get(key);
    if (row) row.occurrences++;
    // Named field by field: spreading each input took a quarter of a 780-alert batch's time in Node.
    else {
      const { serviceId, integrationId, event, traceId, directTargets, actor } = input;
      rows.set(key, (row = { serviceId, integrationId, event, traceId, directTargets, actor, dedupKey, key, occurrences: 1, id: timeOrderedId() }));
    }
    return { event: input.event, dedupKey, row };
  });
  return { keyed, rows, serviceIds: [...new Set(inputs.map((i) => i.serviceId))].sort() };
}

/** One write from memory (or a read when there is none); null when another writer got there first. */
async function plannedOptimistically(ctx: Ctx, batch: Prepared, cache: PagingCache): Promise<TriggerResult[] | null> {
  const now = ctx.clock.now();
  const recalled = cache.recall(batch.serviceIds);
  const context = recalled
    ? batch.serviceIds.map((id) => recalledContext(recalled.get(id)!, [...batch.rows.values()].filter((r) => r.serviceId === id).map((r) => r.dedupKey), now))
    : await readPagingContext(ctx.db, batch.serviceIds, [...batch.rows.values()], now);
  if (!recalled) cache.remember(context);
  const planned = planBatch(ctx, batch, context, now);
  if (!(await writeTriggerBatchOrRetry(ctx.db, planned.write))) {
    cache.forget(batch.serviceIds);
    return null;
  }
  for (const c of context) cache.applied(appliedWrite(c, planned));
  return resultsOf(batch, planned);
}

/**
 * Inside a transaction, with the services' rows locked first (in id order, as every
 * writer takes them): no other batch can write to them until commit, so the read is
 * what the write will find. Inside a caller's transaction nothing is remembered: it
 * may still roll back.
 */
async function plannedUnderLock(ctx: Ctx, batch: Prepared): Promise<TriggerResult[]> {
  const now = ctx.clock.now();
  await lockServices(ctx.db, batch.serviceIds);
  const context = await readPagingContext(ctx.db, batch.serviceIds, [...batch.rows.values()], now);
  const planned = planBatch(ctx, batch, context, now);
  if (!(await writeTriggerBatchOrRetry(ctx.db, planned.write))) throw new Error(`Alerts for ${batch.serviceIds.join(', ')} changed under their lock`);
  return resultsOf(batch, planned);
}

type Planned = ReturnType<typeof planBatch>;

/** Who is paged, grouped or suppressed, and the one write that records it: decided in memory. */
function planBatch(ctx: Ctx, batch: Prepared, context: PagingContextRow[], now: Date) {
  const { rows, serviceIds } = batch;
  for (const id of serviceIds) if (!context.some((c) => c.service_id === id)) throw new Error(`Service ${id} vanished while ingesting`);
  const open = new Map(context.flatMap((c) => c.open.map((o) => [keyOf(c.service_id, o.dedup_key), o.id] as const)));
  const fresh = open.size ? [...rows.values()].filter((r) => !open.has(r.key)) : [...rows.values()];
  const repeats = open.size ? [...rows.values()].filter((r) => open.has(r.key)) : [];
  const plan = planTriggers({
    now,
    services: new Map(context.map((c) => [c.service_id, { policyId: c.escalation_policy_id, stormWindowSeconds: c.storm_window_seconds }])),
    groups: new Map(context.map((c) => [c.service_id, c.leaders.map(toGroup)])),
    windows: uniqueWindows(context),
    fresh: fresh.map((r) => ({ id: r.id, serviceId: r.serviceId, urgency: r.event.urgency, source: r.event.source, directTargets: r.directTargets })),
  });
  const actorOf = new Map(fresh.map((r) => [r.id, r.actor ?? ctx.actor.label]));
  const write: TriggerWrite = {
    now,
    // In id order, so batches sharing services lock their rows in the same order.
    versions: serviceIds.map((id) => ({ serviceId: id, version: context.find((c) => c.service_id === id)!.alerts_version })),
    bumps: bumps(repeats.map((r) => ({ id: open.get(r.key)!, occurrences: r.occurrences })), plan.joinedEarlierLeaders),
    alerts: fresh.map((r) => ({
      id: r.id,
      serviceId: r.serviceId,
      integrationId: r.integrationId,
      dedupKey: r.dedupKey,
      event: r.event,
      occurrences: r.occurrences,
      traceId: r.traceId ?? ctx.requestId ?? null,
      plan: plan.alerts.get(r.id)!,
    })),
    log: plan.log.map((l) => ({ alertId: l.alertId, event: l.event, details: l.details, actor: actorOf.get(l.alertId)! })),
    starts: plan.starts,
  };
  return { write, open, fresh, plan };
}

/** Each event's result, in arrival order, once its batch is written. */
function resultsOf(batch: Prepared, { open, plan }: Planned): TriggerResult[] {
  return batch.keyed.map(({ event, dedupKey, row }): TriggerResult => {
    const repeated = open.get(row.key);
    const isFirst = !repeated && row.event === event;
    return {
      alertId: repeated ?? row.id,
      dedupKey,
      created: isFirst,
      outcome: isFirst ? plan.alerts.get(row.id)!.outcome : 'repeat',
    };
  });
}

/** What the cache must learn from a write that applied, for one service. */
function appliedWrite(c: PagingContextRow, o: Planned) {
  return {
    serviceId: c.service_id,
    fromVersion: c.alerts_version,
    now: o.write.now,
    // One service, the usual batch: every new alert is its.
    opened: (o.write.versions.length === 1 ? o.fresh : o.fresh.filter((r) => r.serviceId === c.service_id)).map((r) => {
      const planned = o.plan.alerts.get(r.id)!;
      const leads = planned.groupLeaderId === null && planned.suppressedBy === null;
      return { dedupKey: r.dedupKey, id: r.id, leads: leads ? { groupSize: planned.groupSize } : null };
    }),
    touched: o.write.bumps.map((b) => ({ id: b.id, joined: b.joined })),
  };
}

/**
 * A deadlock between two batches' version bumps is a lost race like any other: the
 * statement wrote nothing, so the batch reads again. So is a key the cache took for
 * closed that is open (the unique index refused it). Inside a caller's transaction
 * the transaction is aborted instead, and the caller's retry handles it.
 */
async function writeTriggerBatchOrRetry(db: Ctx['db'], write: TriggerWrite): Promise<boolean> {
  try {
    return await writeTriggerBatch(db, write);
  } catch (error) {
    const { code, constraint } = error as { code?: string; constraint?: string };
    const lostRace = code === '40P01' || (code === '23505' && constraint === 'alerts_open_dedup_key');
    if (lostRace && !db.isTransaction) return false;
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

const keyOf = (serviceId: string, dedupKey: string) => `${serviceId}\u0000${dedupKey}`;

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
