import { transitionByKey, triggerAlerts, type AlertEvent, type ChangeEvent } from '../alerts/index.js';
import type { IntegrationRow } from '../db/index.js';
import type { Ctx } from '../lib/context.js';
import { heartbeatDedupKey, insertChangeEvent, recordHeartbeat } from './repository.js';

/** The actor every ingested event is recorded under. */
export const integrationActor = (integration: IntegrationRow): Ctx['actor'] => ({
  kind: 'system',
  userId: null,
  role: 'viewer',
  teamIds: [],
  label: `integration:${integration.name}`,
});

/**
 * Applies senders' events in the caller's transaction; the HTTP layer answers 2xx
 * only after it commits, so an accepted event is never lost. Consecutive triggers
 * (across items) go through the set-based path together; an acknowledge or resolve
 * is applied in its place in the sequence, so "fire, resolve, fire again" keeps
 * its meaning within one batch.
 */
export async function ingestBatch(ctx: Ctx, items: { integration: IntegrationRow; events: AlertEvent[]; requestId?: string }[]): Promise<string[][]> {
  const keys: string[][] = items.map(() => []);
  let run: { item: number; integration: IntegrationRow; event: Extract<AlertEvent, { action: 'trigger' }>; traceId?: string }[] = [];
  const flush = async () => {
    if (!run.length) return;
    const results = await triggerAlerts(
      { ...ctx, actor: integrationActor(run[0]!.integration) },
      run.map((r) => ({ serviceId: r.integration.service_id, integrationId: r.integration.id, event: r.event, traceId: r.traceId })),
    );
    results.forEach((res, i) => keys[run[i]!.item]!.push(res.dedupKey));
    run = [];
  };
  for (const [item, { integration, events, requestId }] of items.entries()) {
    // A run shares one actor (the integration), so it ends where the integration changes.
    if (run.length && run[0]!.integration.id !== integration.id) await flush();
    for (const event of events) {
      if (event.action === 'trigger') {
        run.push({ item, integration, event, traceId: requestId });
        continue;
      }
      await flush();
      await transitionByKey({ ...ctx, actor: integrationActor(integration) }, integration.service_id, event.dedupKey, event.action, integration.kind);
      keys[item]!.push(event.dedupKey);
    }
  }
  await flush();
  return keys;
}

export async function ingestEvents(ctx: Ctx, integration: IntegrationRow, events: AlertEvent[]): Promise<string[]> {
  return (await ingestBatch(ctx, [{ integration, events }]))[0]!;
}

/** Change events go on the service's timeline and never page. */
export async function ingestChange(ctx: Ctx, integration: IntegrationRow, change: ChangeEvent): Promise<string> {
  const now = ctx.clock.now();
  return insertChangeEvent(ctx.db, {
    service_id: integration.service_id,
    integration_id: integration.id,
    summary: change.summary,
    source: change.source,
    at: change.at ?? now,
    details: change.details,
    links: change.links,
    now,
  });
}

/** A heartbeat call: note it, and resolve the alert its absence raised. */
export async function beat(ctx: Ctx, integration: IntegrationRow): Promise<void> {
  await recordHeartbeat(ctx.db, integration.id, ctx.clock.now());
  await transitionByKey({ ...ctx, actor: integrationActor(integration) }, integration.service_id, heartbeatDedupKey(integration.id), 'resolve', 'heartbeat');
}
