import { createHmac, timingSafeEqual } from 'node:crypto';
import { DEFAULT_TIMEOUT_MS, fail, post, userUrlGuard } from './http.js';
import type { ChannelsConfig, DeliveryResult, Message, Target } from './types.js';

/**
 * Generic signed webhook. The signature scheme follows Stripe/Slack: HMAC-SHA256
 * over "<unix seconds>.<raw body>", so a receiver can reject both forged bodies and
 * replays of an old delivery (the timestamp is inside the MAC and checked against a
 * tolerance).
 */

export function signWebhook(secret: string, timestamp: number | string, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

/**
 * True when `header` (`v1=<hex>`, possibly several comma/space-separated entries so
 * senders can rotate secrets) carries a valid signature and `timestamp` is within
 * `toleranceSeconds` of `now`.
 */
export function verifyWebhookSignature(
  secret: string,
  header: string | null | undefined,
  timestamp: number | string | null | undefined,
  body: string,
  now: Date,
  toleranceSeconds = 300,
): boolean {
  if (!header || timestamp === null || timestamp === undefined) return false;
  const ts = String(timestamp).trim();
  if (!/^\d{1,12}$/.test(ts)) return false;
  if (Math.abs(now.getTime() / 1000 - Number(ts)) > toleranceSeconds) return false;
  const expected = Buffer.from(signWebhook(secret, ts, body), 'hex');
  let valid = false;
  for (const entry of header.split(/[\s,]+/)) {
    const match = /^v1=([0-9a-f]{64})$/i.exec(entry);
    if (!match) continue;
    // No early exit: every candidate is compared, so timing says nothing about which matched.
    if (timingSafeEqual(Buffer.from(match[1]!, 'hex'), expected)) valid = true;
  }
  return valid;
}

/** The JSON body receivers get; `sentAt` is this attempt's time, so it differs between retries. */
export function webhookBody(message: Message, now: Date): string {
  const { id, kind, title, text, urgency, alerts, actions, traceId, data } = message;
  return JSON.stringify({ id, kind, title, text, urgency, alerts, actions, traceId, ...(data === undefined ? {} : { data }), sentAt: now.toISOString() });
}

export async function deliverWebhook(config: ChannelsConfig, target: Target, message: Message, now: Date): Promise<DeliveryResult> {
  // The spec promises signed outbound webhooks; sending unsigned would let anyone who
  // learns the URL forge pages, so a missing secret is a configuration error.
  if (!target.secret) return fail(false, 'webhook target has no signing secret');
  const body = webhookBody(message, now);
  const timestamp = Math.floor(now.getTime() / 1000);
  const result = await post(
    {
      url: target.address,
      timeoutMs: config.webhookTimeoutMs ?? DEFAULT_TIMEOUT_MS,
      guard: userUrlGuard(config),
      body,
      headers: {
        'Content-Type': 'application/json',
        'X-Operable-Timestamp': String(timestamp),
        'X-Operable-Signature': `v1=${signWebhook(target.secret, timestamp, body)}`,
        'X-Operable-Delivery': message.id,
        'Idempotency-Key': message.id,
        'X-Operable-Trace-Id': message.traceId,
      },
    },
    now,
  );
  return result.ok ? { ok: true } : result.failure;
}
