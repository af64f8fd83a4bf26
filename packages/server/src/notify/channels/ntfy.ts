import { DEFAULT_TIMEOUT_MS, post } from './http.js';
import { actionLinks, alertLine, oneLine, primaryUrl, truncate } from './render.js';
import type { ChannelsConfig, DeliveryResult, Message } from './types.js';

/**
 * ntfy push (docs.ntfy.sh/publish): the body is the message, everything else rides
 * in headers. The topic name is the only thing protecting a public topic, so it is
 * never put in an error message (see hostOf in http.ts).
 */

export const DEFAULT_NTFY_URL = 'https://ntfy.sh';

/** ntfy turns bodies over 4096 bytes into attachments; stay under and keep whole characters. */
const BODY_MAX_BYTES = 4000;

function truncateBytes(value: string, maxBytes: number): string {
  if (Buffer.byteLength(value) <= maxBytes) return value;
  let out = '';
  let bytes = 0;
  for (const ch of value) {
    const size = Buffer.byteLength(ch);
    if (bytes + size > maxBytes - 3) return `${out}…`;
    out += ch;
    bytes += size;
  }
  return out;
}

/**
 * HTTP header values are bytes, and fetch refuses line breaks. Non-ASCII text (an
 * accented service name, an emoji) is sent as an RFC 2047 encoded word, which ntfy decodes.
 */
export function headerText(value: string): string {
  const line = oneLine(value);
  return /^[\x20-\x7e]*$/.test(line) ? line : `=?UTF-8?B?${Buffer.from(line, 'utf8').toString('base64')}?=`;
}

/** Emoji shortcodes ntfy shows in front of the title. */
function tags(message: Message): string {
  switch (message.kind) {
    case 'resolved':
      return 'white_check_mark';
    case 'test':
      return 'test_tube';
    case 'verification':
      return 'key';
    default:
      return message.urgency === 'high' ? 'rotating_light' : 'warning';
  }
}

/** ntfy's simple action format; a value with `,` `;` or quotes must itself be quoted. */
function actionValue(value: string): string {
  return /[,;"']/.test(value) ? `"${value.replace(/"/g, '%22')}"` : value;
}

export function ntfyRequest(config: ChannelsConfig, topic: string, message: Message): { url: string; headers: Record<string, string>; body: string } {
  const base = (config.ntfy?.baseUrl || DEFAULT_NTFY_URL).replace(/\/+$/, '');
  const headers: Record<string, string> = {
    Title: headerText(truncate(message.title, 250)),
    Priority: message.urgency === 'high' ? '5' : '3',
    Tags: tags(message),
  };
  const click = primaryUrl(message);
  if (click) headers.Click = click;
  // "view" actions open the signed confirm page; ntfy allows three, and Click already opens the alert.
  const actions = actionLinks(message)
    .filter((link) => link.action !== 'open')
    .map((link) => `view, ${link.label}, ${actionValue(link.url)}`);
  if (actions.length > 0) headers.Actions = actions.join('; ');
  if (config.ntfy?.token) headers.Authorization = `Bearer ${config.ntfy.token}`;
  const text = [message.text.trim(), ...(message.alerts.length > 1 ? message.alerts.map(alertLine) : [])].filter(Boolean).join('\n');
  return { url: `${base}/${encodeURIComponent(topic)}`, headers, body: truncateBytes(text || oneLine(message.title), BODY_MAX_BYTES) };
}

export async function deliverNtfy(config: ChannelsConfig, topic: string, message: Message, now: Date): Promise<DeliveryResult> {
  const request = ntfyRequest(config, topic, message);
  // The ntfy server is admin-configured (OPERABLE_NTFY_BASE_URL) and the user gives only a topic: not held to the outbound policy.
  const result = await post({ ...request, timeoutMs: config.webhookTimeoutMs ?? DEFAULT_TIMEOUT_MS, guard: null }, now);
  if (!result.ok) return result.failure;
  try {
    const id = (JSON.parse(result.body) as { id?: unknown }).id;
    return typeof id === 'string' ? { ok: true, providerId: id } : { ok: true };
  } catch {
    return { ok: true };
  }
}
