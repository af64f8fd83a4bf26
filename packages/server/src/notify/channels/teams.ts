import { DEFAULT_TIMEOUT_MS, fail, hostOf, post, snippet, userUrlGuard } from './http.js';
import { actionLinks, oneLine, safeHttpUrl, truncate } from './render.js';
import type { ChannelsConfig, DeliveryResult, Message, MessageAlert } from './types.js';

/**
 * Microsoft Teams incoming webhook with an Adaptive Card (Action.OpenUrl buttons).
 * The same `{type: "message", attachments: [adaptive card]}` body is accepted by the
 * retired Office 365 connectors and by their replacement, Workflows ("post to a
 * channel when a webhook request is received"), so users on either keep working.
 *
 * User-provided text goes into RichTextBlock/TextRun, which Teams does not parse as
 * markdown: an alert summary cannot smuggle in a link that looks like ours.
 */

const MAX_ALERTS = 20;

function run(text: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { type: 'TextRun', text, ...extra };
}

function alertBlock(alert: MessageAlert): Record<string, unknown> {
  const url = safeHttpUrl(alert.url);
  const runbook = safeHttpUrl(alert.runbookUrl);
  const inlines = [
    run(`#${alert.number} ${truncate(oneLine(alert.summary), 300)}`, {
      weight: 'Bolder',
      ...(url ? { selectAction: { type: 'Action.OpenUrl', url } } : {}),
    }),
    run(` — ${oneLine(alert.service)} · ${oneLine(alert.status)}`),
  ];
  if (runbook) inlines.push(run(' — '), run('Runbook', { selectAction: { type: 'Action.OpenUrl', url: runbook } }));
  return { type: 'RichTextBlock', inlines };
}

export function teamsPayload(message: Message): Record<string, unknown> {
  const title = oneLine(message.title);
  const body: Record<string, unknown>[] = [
    {
      type: 'RichTextBlock',
      inlines: [run(title, { size: 'Large', weight: 'Bolder', ...(message.urgency === 'high' ? { color: 'Attention' } : {}) })],
    },
  ];
  const text = message.text.trim();
  if (text) body.push({ type: 'RichTextBlock', inlines: [run(truncate(text, 2000))] });
  body.push(...message.alerts.slice(0, MAX_ALERTS).map(alertBlock));
  if (message.alerts.length > MAX_ALERTS) body.push({ type: 'RichTextBlock', inlines: [run(`…and ${message.alerts.length - MAX_ALERTS} more`)] });
  const card = {
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    type: 'AdaptiveCard',
    version: '1.4',
    fallbackText: title,
    msteams: { width: 'Full' },
    body,
    actions: actionLinks(message).map((link) => ({
      type: 'Action.OpenUrl',
      title: link.label,
      url: link.url,
      ...(link.action === 'acknowledge' ? { style: 'positive' } : {}),
    })),
  };
  return {
    type: 'message',
    summary: title,
    attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', contentUrl: null, content: card }],
  };
}

export async function deliverTeams(config: ChannelsConfig, url: string, message: Message, now: Date): Promise<DeliveryResult> {
  const result = await post(
    {
      url,
      timeoutMs: config.webhookTimeoutMs ?? DEFAULT_TIMEOUT_MS,
      guard: userUrlGuard(config),
      headers: { 'Content-Type': 'application/json; charset=utf-8' },
      body: JSON.stringify(teamsPayload(message)),
    },
    now,
  );
  if (!result.ok) return result.failure;
  // Legacy connectors answer 200 even when delivery failed, with the real status in the text.
  const failed = /delivery failed.*?HTTP error (\d{3})/i.exec(result.body);
  if (failed) {
    const status = Number(failed[1]);
    return fail(status === 429 || status >= 500, `${hostOf(url)}: Teams could not deliver (HTTP error ${status})`, undefined, { responseBody: snippet(result.body) });
  }
  return { ok: true };
}
