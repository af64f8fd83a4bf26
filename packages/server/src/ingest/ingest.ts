import { transitionByKey, triggerAlerts, type AlertEvent, type ChangeEvent, type TriggerInput } from '../alerts/index.js';
import { inTransaction, type IntegrationRow } from '../db/index.js';
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
 * Applies senders' events; the HTTP layer answers 2xx only after this returns, so an
 * accepted event is never lost. A batch of triggers (the common case, storms
 * included) is one self-committing statement. A batch with acknowledgements or
 * resolves runs in one transaction, each applied in its place in the sequence, so
 * "fire, resolve, fire again" keeps its meaning within one batch. Either way the
 * batch applies whole or not at all, which the group committer relies on.
 * `ctx.db` must not be a transaction already.
 */
export async function ingestBatch(ctx: Ctx, items: { integration: IntegrationRow; events: AlertEvent[]; requestId?: string }[]): Promise<string[][]> {
  if (items.every((i) => i.events.every((e) => e.action === 'trigger'))) return applyInOrder(ctx, items);
  return inTransaction(ctx.db, (db) => applyInOrder({ ...ctx, db }, items));
}

async function applyInOrder(ctx: Ctx, items: { integration: IntegrationRow; events: AlertEvent[]; requestId?: string }[]): Promise<string[][]> {
  const keys: string[][] = items.map(() => []);
  let run: { item: number; input: TriggerInput }[] = [];
  const flush = async () => {
    if (!run.length) return;
    const results = await triggerAlerts(ctx, run.map((r) => r.input));
    results.forEach((res, i) => keys[run[i]!.item]!.push(res.dedupKey));
    run = [];
  };
  for (const [item, { integration, events, requestId }] of items.entries()) {
    for (const event of events) {
      if (event.action === 'trigger') {
        const actor = integrationActor(integration).label;
        run.push({ item, input: { serviceId: integration.service_id, integrationId: integration.id, event, traceId: requestId, actor } });
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
