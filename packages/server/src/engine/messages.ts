import { randomBytes } from 'node:crypto';
import { findAlertWithService } from '../alerts/index.js';
import type { Db } from '../db/index.js';
import { replyInstructions, signActionToken, type Message } from '../notify/index.js';
import type { EngineContext } from './index.js';

/** Links in a message act for a day; after that, the UI is one tap away. */
const LINK_HOURS = 24;

export interface AlertSummary {
  id: string;
  number: number;
  summary: string;
  service: string;
  status: string;
  urgency: 'high' | 'low';
  groupSize: number;
  runbookUrl: string | null;
  traceId: string | null;
}

export async function loadAlertSummary(db: Db, alertId: string): Promise<AlertSummary> {
  const a = await findAlertWithService(db, alertId);
  if (!a) throw new Error(`Alert ${alertId} vanished`);
  return {
    id: a.id,
    number: Number(a.number),
    summary: a.summary,
    service: a.service_name,
    status: a.status,
    urgency: a.urgency,
    groupSize: a.group_size,
    runbookUrl: a.runbook_url,
    traceId: a.trace_id,
  };
}

/**
 * The message for one person (signed acknowledge/resolve links that act for them)
 * or, with `userId` null, for a webhook. Several alerts make one bundled message;
 * `more` counts alerts in the bundle that it does not list (see listBundle).
 */
export function buildMessage(ctx: EngineContext, alerts: AlertSummary[], userId: string | null, id: string, now: Date, more = 0): Message {
  const first = alerts[0]!;
  const { publicUrl, secret } = ctx.settings;
  const open = (a: AlertSummary) => `${publicUrl}/alerts/${a.id}`;
  const link = (action: 'acknowledge' | 'resolve', a: AlertSummary) =>
    `${publicUrl}/a/${signActionToken(secret, {
      action,
      alertId: a.id,
      userId: userId!,
      expiresAt: new Date(now.getTime() + LINK_HOURS * 3_600_000),
      nonce: randomBytes(12).toString('base64url'),
    })}`;
  const single = alerts.length === 1 && more === 0;
  const urgency = alerts.some((a) => a.urgency === 'high') ? 'high' : 'low';
  const grouped = (a: AlertSummary) => (a.groupSize > 1 ? ` (+${a.groupSize - 1} more alerts grouped with it)` : '');
  const title = single
    ? `[${first.urgency.toUpperCase()}] ${first.service}: ${first.summary}${grouped(first)}`
    : `[${urgency.toUpperCase()}] ${alerts.length + more} alerts need you`;
  const lines = single
    ? [
        `${first.service}: ${first.summary}`,
        `Alert #${first.number}${grouped(first)}`,
        first.runbookUrl ? `What to do next: follow the runbook ${first.runbookUrl}` : `What to do next: open the alert and its service runbook ${open(first)}`,
      ]
    : [...alerts.map((a) => `#${a.number} ${a.service}: ${a.summary}${grouped(a)}`), ...(more > 0 ? [`…and ${more} more alerts: ${publicUrl}/alerts`] : [])];
  return {
    id,
    kind: single ? 'alert' : 'bundle',
    title,
    text: lines.join('\n'),
    urgency,
    alerts: alerts.map((a) => ({ id: a.id, number: a.number, summary: a.summary, service: a.service, status: a.status, url: open(a), runbookUrl: a.runbookUrl })),
    actions: single && userId ? { acknowledge: link('acknowledge', first), resolve: link('resolve', first), open: open(first) } : { open: single ? open(first) : `${publicUrl}/alerts` },
    ...(single && userId ? { replyCode: replyInstructions(first.number) } : {}),
    ...(more > 0 ? { total: alerts.length + more } : {}),
    traceId: first.traceId ?? id,
  };
}

export async function alertMessage(db: Db, ctx: EngineContext, alertId: string, userId: string | null, id: string): Promise<Message> {
  return buildMessage(ctx, [await loadAlertSummary(db, alertId)], userId, id, ctx.clock.now());
}
