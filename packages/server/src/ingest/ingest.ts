import { transitionByKey, triggerAlert, type AlertEvent, type ChangeEvent } from '../alerts/index.js';
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
 * Applies a sender's events in the caller's transaction; the HTTP layer answers
 * 2xx only after it commits, so an accepted event is never lost.
 */
export async function ingestEvents(ctx: Ctx, integration: IntegrationRow, events: AlertEvent[]): Promise<string[]> {
  const c: Ctx = { ...ctx, actor: integrationActor(integration) };
  const keys: string[] = [];
  for (const event of events) {
    if (event.action === 'trigger') {
      keys.push((await triggerAlert(c, { serviceId: integration.service_id, integrationId: integration.id, event })).dedupKey);
    } else {
      await transitionByKey(c, integration.service_id, event.dedupKey, event.action, integration.kind);
      keys.push(event.dedupKey);
    }
  }
  return keys;
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
