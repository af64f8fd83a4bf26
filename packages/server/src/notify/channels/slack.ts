import { DEFAULT_TIMEOUT_MS, post, userUrlGuard } from './http.js';
import { actionLinks, oneLine, safeHttpUrl, truncate } from './render.js';
import type { ChannelsConfig, DeliveryResult, Message, MessageAlert } from './types.js';

/**
 * Slack incoming webhook: `text` (what the phone notification shows) plus Block Kit
 * blocks with URL buttons to the signed links. URL buttons need no Slack app, so a
 * plain incoming webhook is enough to acknowledge from Slack.
 */

// Block Kit limits (api.slack.com/reference/block-kit): header 150, section 3000, button text 75, URL 3000.
const HEADER_MAX = 150;
const SECTION_MAX = 3000;
const URL_MAX = 3000;

/** Slack treats &, < and > as control characters in mrkdwn and top-level text. */
export function escapeSlack(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** `<url|label>`; a `|` or `>` in the URL would end the link early, so they are percent-encoded. */
function slackLink(url: string, label: string): string {
  return `<${url.replace(/\|/g, '%7C').replace(/>/g, '%3E').replace(/</g, '%3C')}|${escapeSlack(label)}>`;
}

function alertMrkdwn(alert: MessageAlert): string {
  const headline = `#${alert.number} ${truncate(oneLine(alert.summary), 300)}`;
  const url = safeHttpUrl(alert.url);
  const runbook = safeHttpUrl(alert.runbookUrl);
  const parts = [
    `• *${url ? slackLink(url, headline) : escapeSlack(headline)}*`,
    `${escapeSlack(oneLine(alert.service))} · ${escapeSlack(oneLine(alert.status))}`,
  ];
  if (runbook) parts.push(slackLink(runbook, 'Runbook'));
  return parts.join(' — ');
}

/**
 * The text, then whole alert lines while they fit. Cutting escaped mrkdwn blindly could
 * split an `&amp;` or a `<url|label>`, so the cut happens before escaping or between lines.
 */
function sectionMrkdwn(message: Message): string {
  const lines = [escapeSlack(truncate(message.text.trim(), 1000))].filter(Boolean);
  let length = lines[0]?.length ?? 0;
  for (const [i, alert] of message.alerts.entries()) {
    const line = alertMrkdwn(alert);
    if (length + line.length + 40 > SECTION_MAX) {
      lines.push(`…and ${message.alerts.length - i} more`);
      break;
    }
    lines.push(line);
    length += line.length + 1;
  }
  return lines.join('\n');
}

/**
 * Slack answers a failed incoming-webhook post with one error word. The stored error
 * may name it only if it is one of these (the URL is user-given, so the body may come
 * from anyone); anything else stays in the server log.
 */
const SLACK_ERRORS = new Set([
  'invalid_payload',
  'user_not_found',
  'channel_not_found',
  'channel_is_archived',
  'action_prohibited',
  'posting_to_general_channel_denied',
  'too_many_attachments',
  'no_service',
  'no_service_id',
  'no_team',
  'team_disabled',
  'invalid_token',
  'invalid_team',
  'rate_limited',
]);

function describeSlackError(status: number, body: string): string {
  const word = body.trim();
  return SLACK_ERRORS.has(word) ? `HTTP ${status} (${word})` : `HTTP ${status}`;
}

export function slackPayload(message: Message): Record<string, unknown> {
  const title = oneLine(message.title);
  const sectionText = sectionMrkdwn(message);
  const blocks: Record<string, unknown>[] = [
    // plain_text is shown literally by Slack, so it is not escaped.
    { type: 'header', text: { type: 'plain_text', text: truncate(title, HEADER_MAX), emoji: true } },
  ];
  if (sectionText) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: sectionText } });
  const buttons = actionLinks(message)
    .filter((link) => link.url.length <= URL_MAX)
    .map((link) => ({
      type: 'button',
      action_id: link.action,
      text: { type: 'plain_text', text: link.label, emoji: false },
      url: link.url,
      ...(link.action === 'acknowledge' ? { style: 'primary' } : {}),
    }));
  if (buttons.length > 0) blocks.push({ type: 'actions', elements: buttons });
  return { text: escapeSlack(title), blocks };
}

export async function deliverSlack(config: ChannelsConfig, url: string, message: Message, now: Date): Promise<DeliveryResult> {
  const result = await post(
    {
      url,
      timeoutMs: config.webhookTimeoutMs ?? DEFAULT_TIMEOUT_MS,
      guard: userUrlGuard(config),
      headers: { 'Content-Type': 'application/json; charset=utf-8' },
      body: JSON.stringify(slackPayload(message)),
    },
    now,
    describeSlackError,
  );
  return result.ok ? { ok: true } : result.failure;
}
