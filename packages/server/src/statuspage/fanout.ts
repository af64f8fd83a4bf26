import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import type { Ctx } from '../lib/context.js';
import { enqueueMessage, type Message } from '../notify/index.js';
import { pageUrlOf, shortlink } from './render-v2.js';
import { statusLabel } from './render-text.js';
import { readSettings } from './repository.js';
import { unsubscribeToken } from './subscriber-links.js';
import { claimUpdateToFanOut, insertDelivery, markFannedOut, pendingRecipients, queuedSubscriberMessages, type SubscriberRow } from './subscribers-repository.js';

/** Messages to subscribers leave at most this fast, whatever their number (SMTP relays and receivers throttle). */
export const SUBSCRIBER_SENDS_PER_SECOND = 20;
/** Subscribers handed to the outbox per transaction. */
export const FANOUT_BATCH = 200;

/** The outbox id of an update for a subscriber: the same on any retry of the fan-out, so the outbox itself refuses a second. */
export function deliveryId(updateId: string, subscriberId: string): string {
  const h = createHash('sha256').update(`statuspage:${updateId}:${subscriberId}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

type Update = NonNullable<Awaited<ReturnType<typeof claimUpdateToFanOut>>>;

/**
 * One batch of one update's fan-out, in the caller's transaction: claims the oldest
 * update not fanned out (SKIP LOCKED, so engines share the work), hands up to
 * `batch` subscribers who have not had it to the outbox, each with a delivery row
 * (unique per update and subscriber) and a deterministic outbox id, spaced by the
 * rate limit. A crash anywhere rolls the batch back whole; the next run starts
 * where the last committed batch ended. Returns how much it did (0: nothing due).
 */
export async function fanOutBatch(ctx: Ctx, batch = FANOUT_BATCH): Promise<number> {
  const update = await claimUpdateToFanOut(ctx.db);
  if (!update) return 0;
  const now = ctx.clock.now();
  const recipients = await pendingRecipients(ctx.db, update.id, update.component_ids, batch);
  if (!recipients.length) {
    await markFannedOut(ctx.db, update.id, now);
    return 1;
  }
  const settings = await readSettings(ctx.db);
  // Behind whatever is queued for later already, one message per interval; an empty queue starts now.
  const interval = 1000 / SUBSCRIBER_SENDS_PER_SECOND;
  const queued = await queuedSubscriberMessages(ctx.db, now);
  const start = queued.last && queued.last > now ? queued.last.getTime() + interval : now.getTime();
  let k = 0;
  for (const s of recipients) {
    const id = deliveryId(update.id, s.id);
    if (!(await insertDelivery(ctx.db, { update_id: update.id, subscriber_id: s.id, outbox_id: id, created_at: now }))) continue;
    await enqueueMessage(ctx.db, {
      target: s.kind === 'email' ? { type: 'email', address: s.address } : { type: 'webhook', address: s.address, secret: s.secret ?? '' },
      message: messageFor(ctx, settings, update, s, id),
      traceId: `statuspage-${update.id}`,
      now,
      notBefore: new Date(start + Math.floor(k * interval)),
    });
    k++;
  }
  if (recipients.length < batch) await markFannedOut(ctx.db, update.id, now);
  return Math.max(k, 1);
}

function messageFor(ctx: Ctx, settings: Awaited<ReturnType<typeof readSettings>>, u: Update, s: SubscriberRow, id: string): Message {
  const pageUrl = pageUrlOf({ settings } as Parameters<typeof pageUrlOf>[0], ctx.settings.publicUrl);
  const link = shortlink(pageUrl, u.incident_id);
  const at = (d: Date) => DateTime.fromJSDate(d, { zone: settings.time_zone }).toFormat('LLL d, HH:mm ZZZZ');
  const unsubscribe = `${ctx.settings.publicUrl}/status/unsubscribe?token=${encodeURIComponent(unsubscribeToken(ctx.settings.secret, s.id))}`;
  const lines = [`${statusLabel(u.status)}: ${u.body}`, `Posted ${at(u.display_at)}.`];
  if (u.next_update_at && !['resolved', 'postmortem', 'completed'].includes(u.status)) lines.push(`Next update by ${at(u.next_update_at)}.`);
  lines.push(`Follow it on the status page: ${link}`);
  if (s.kind === 'email') lines.push(`Stop these emails: ${unsubscribe}`);
  return {
    id,
    kind: 'notice',
    title: `[${settings.name}] ${u.kind === 'maintenance' ? 'Maintenance' : 'Incident'}: ${u.name} (${statusLabel(u.status).toLowerCase()})`,
    text: lines.join('\n\n'),
    urgency: 'low',
    alerts: [],
    actions: {},
    traceId: `statuspage-${u.id}`,
    ...(s.kind === 'email'
      ? { emailHeaders: { 'List-Unsubscribe': `<${unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click', 'List-Id': `${settings.name} status <status.${settings.page_id}.operable>` } }
      : {
          data: {
            page: { id: settings.page_id, name: settings.name, url: pageUrl },
            incident: { id: u.incident_id, name: u.name, kind: u.kind, impact: u.impact, shortlink: link, component_ids: u.component_ids },
            incident_update: { id: u.id, status: u.status, body: u.body, display_at: u.display_at.toISOString(), next_update_at: u.next_update_at?.toISOString() ?? null },
          },
        }),
  };
}
