import { randomUUID } from 'node:crypto';
import { recordAudit } from '../audit/index.js';
import { requireRole } from '../lib/authorize.js';
import type { Ctx } from '../lib/context.js';
import { conflict, invalid, notFound } from '../lib/errors.js';
import { destinationProblem, enqueueMessage } from '../notify/index.js';
import { findComponents, readSettings } from './repository.js';
import { confirmToken, readConfirmToken, readUnsubscribeToken } from './subscriber-links.js';
import {
  confirmSubscriberRow,
  findLiveSubscriber,
  findSubscribers,
  insertSubscriber,
  unsubscribeRow,
  updateSubscriberComponents,
  type SubscriberRow,
} from './subscribers-repository.js';

export interface Subscriber {
  id: string;
  kind: 'email' | 'webhook';
  address: string;
  componentIds: string[];
  confirmed: boolean;
  createdAt: string;
}

const toSubscriber = (r: SubscriberRow): Subscriber => ({
  id: r.id,
  kind: r.kind,
  // A webhook URL is a credential of its receiver: show only where it goes.
  address: r.kind === 'webhook' ? new URL(r.address).host : r.address,
  componentIds: r.component_ids,
  confirmed: r.confirmed_at !== null,
  createdAt: r.created_at.toISOString(),
});

export async function listSubscribers(ctx: Ctx): Promise<Subscriber[]> {
  requireRole(ctx.actor, 'admin');
  return (await findSubscribers(ctx.db)).map(toSubscriber);
}

async function checkComponentIds(ctx: Ctx, ids: string[]) {
  const found = new Set((await findComponents(ctx.db, ids)).map((c) => c.id));
  const i = ids.findIndex((id) => !found.has(id));
  if (i >= 0) throw invalid([{ field: `componentIds.${i}`, message: 'No such component or group' }]);
}

/** Admins add systems: a webhook, signed with its secret like every outbound webhook. */
export async function createWebhookSubscriber(ctx: Ctx, input: { url: string; secret: string; componentIds: string[] }): Promise<Subscriber> {
  requireRole(ctx.actor, 'admin');
  await checkComponentIds(ctx, input.componentIds);
  const problem = await destinationProblem(ctx.settings.outbound, 'webhook', input.url);
  if (problem) throw invalid([{ field: 'url', message: problem.message }]);
  if (await findLiveSubscriber(ctx.db, 'webhook', input.url)) throw conflict('This URL is subscribed already', { fields: [{ field: 'url', message: 'Already subscribed' }] });
  const now = ctx.clock.now();
  const id = await insertSubscriber(ctx.db, { kind: 'webhook', address: input.url, secret: input.secret, component_ids: input.componentIds, confirmed_at: now, created_at: now });
  const [row] = await findSubscribers(ctx.db, id);
  const after = toSubscriber(row!);
  await recordAudit(ctx, { action: 'statuspage.subscriber.create', entityType: 'statuspage_subscriber', entityId: id, after });
  ctx.log.event('STATUSPAGE_SUBSCRIBER_CHANGED', { id, kind: 'webhook', change: 'created' });
  return after;
}

export async function deleteSubscriber(ctx: Ctx, id: string): Promise<void> {
  requireRole(ctx.actor, 'admin');
  const [row] = await findSubscribers(ctx.db, id);
  if (!row) throw notFound('Subscriber', id);
  await unsubscribeRow(ctx.db, id, ctx.clock.now());
  await recordAudit(ctx, { action: 'statuspage.subscriber.delete', entityType: 'statuspage_subscriber', entityId: id, before: toSubscriber(row) });
  ctx.log.event('STATUSPAGE_SUBSCRIBER_CHANGED', { id, kind: row.kind, change: 'removed' });
}

/**
 * Anyone may ask for updates by email (the public page's form): a confirmation mail
 * goes out, and nothing else until its link is followed (double opt-in). The answer
 * is the same whether the address was new, pending or subscribed, so the form tells
 * no one who subscribes; a pending address gets its mail again at most every 10 minutes.
 */
export async function subscribeByEmail(ctx: Ctx, input: { email: string; componentIds: string[] }): Promise<void> {
  await checkComponentIds(ctx, input.componentIds);
  const now = ctx.clock.now();
  const existing = await findLiveSubscriber(ctx.db, 'email', input.email);
  if (existing?.confirmed_at) {
    await updateSubscriberComponents(ctx.db, existing.id, input.componentIds);
    return;
  }
  if (existing && now.getTime() - existing.created_at.getTime() < 10 * 60_000) return;
  const id = existing?.id ?? (await insertSubscriber(ctx.db, { kind: 'email', address: input.email, component_ids: input.componentIds, created_at: now }));
  const settings = await readSettings(ctx.db);
  const link = `${ctx.settings.publicUrl}/status/confirm?token=${encodeURIComponent(confirmToken(ctx.settings.secret, id, now))}`;
  await enqueueMessage(ctx.db, {
    target: { type: 'email', address: input.email },
    message: {
      id: randomUUID(),
      kind: 'verification',
      title: `Confirm your subscription to ${settings.name} status updates`,
      text: `Someone (we hope you) asked to receive ${settings.name} status updates at this address.\n\nTo confirm, open this link within 48 hours:\n${link}\n\nIf it was not you, ignore this mail: nothing will be sent.`,
      urgency: 'low',
      alerts: [],
      actions: {},
      traceId: ctx.requestId,
    },
    traceId: ctx.requestId,
    now,
  });
  ctx.log.event('STATUSPAGE_SUBSCRIBER_CHANGED', { id, kind: 'email', change: 'confirmation sent' });
}

/** The confirmation link's POST: true when it confirmed a subscription now. */
export async function confirmSubscription(ctx: Ctx, token: string): Promise<boolean> {
  const id = readConfirmToken(ctx.settings.secret, token, ctx.clock.now());
  if (!id) return false;
  const done = await confirmSubscriberRow(ctx.db, id, ctx.clock.now());
  if (done) ctx.log.event('STATUSPAGE_SUBSCRIBER_CHANGED', { id, kind: 'email', change: 'confirmed' });
  return done;
}

/** One-click unsubscribe (RFC 8058): the link alone is the credential. */
export async function unsubscribe(ctx: Ctx, token: string): Promise<boolean> {
  const id = readUnsubscribeToken(ctx.settings.secret, token);
  if (!id) return false;
  const done = await unsubscribeRow(ctx.db, id, ctx.clock.now());
  if (done) ctx.log.event('STATUSPAGE_SUBSCRIBER_CHANGED', { id, change: 'unsubscribed' });
  return done;
}
