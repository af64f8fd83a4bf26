import { DEFAULT_TIMEOUT_MS, fail, post } from './http.js';
import { oneLine, safeHttpUrl, truncate } from './render.js';
import type { ChannelsConfig, DeliveryResult, Message } from './types.js';

/**
 * SMS and voice through Twilio's REST API (Messages and Calls resources, API version
 * 2010-04-01). The base URL is configurable so tests talk to a local fake.
 */

export const DEFAULT_TWILIO_URL = 'https://api.twilio.com';
/** Two concatenated GSM segments: long enough for title + reply code, short enough to stay one notification. */
export const SMS_MAX_CHARS = 320;

const length = (value: string) => Array.from(value).length;

/**
 * Fills 320 characters by priority: the reply code (how to act) always fits, then the
 * title (what broke), then the open link if it fits whole (half a URL is useless),
 * then as much of the text as is left. Shown as title, text, reply code, link.
 */
export function smsBody(message: Message): string {
  const reply = message.replyCode ? truncate(oneLine(message.replyCode), SMS_MAX_CHARS) : '';
  let budget = SMS_MAX_CHARS - (reply ? length(reply) + 1 : 0);
  const title = truncate(oneLine(message.title), Math.max(budget, 0));
  budget -= length(title);
  const open = safeHttpUrl(message.actions.open) ?? '';
  const openPart = open && length(open) + 1 <= budget ? open : '';
  if (openPart) budget -= length(openPart) + 1;
  const text = message.text.replace(/\s+/g, ' ').trim();
  // A dozen characters of text is noise; skip it rather than send "Check the…".
  const textPart = text && budget > 12 ? truncate(text, budget - 1) : '';
  return [title, textPart, reply, openPart].filter(Boolean).join('\n');
}

function xmlEscape(value: string): string {
  return value.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** "4A" is read as "four-A" more clearly with a space between number and letter. */
const speakable = (value: string) => value.replace(/\b(\d+)([AR])\b/g, '$1 $2');

function spokenSummary(message: Message): string {
  const [first] = message.alerts;
  if (!first || (message.kind !== 'alert' && message.kind !== 'bundle')) return `This is Operable. ${truncate(oneLine(message.title), 200)}.`;
  const about = `number ${first.number}, for ${truncate(oneLine(first.service), 80)}: ${truncate(oneLine(first.summary), 300)}.`;
  if (message.alerts.length === 1) return `This is Operable with a ${message.urgency} urgency alert, ${about}`;
  return `This is Operable with ${message.total ?? message.alerts.length} ${message.urgency} urgency alerts. The first is ${about}`;
}

function howToRespond(message: Message): string {
  const link = 'open the acknowledge link in the notification we sent you';
  if (message.replyCode) return `${speakable(oneLine(message.replyCode))}, by text message. Or ${link}.`;
  return `To acknowledge, ${link}.`;
}

/**
 * Where Twilio posts the digit pressed during a call: Operable's own voice webhook,
 * carrying the message's acknowledge and resolve link tokens (signed, expiring,
 * single-use, bound to the person called). Null when the message has no links.
 */
export function voiceActionUrl(message: Message): string | null {
  const token = (link?: string) => (link ? /^(https?:\/\/[^/]+(?:\/.*?)?)\/a\/([^/?#]+)$/.exec(link) : null);
  const ack = token(message.actions.acknowledge);
  const resolve = token(message.actions.resolve);
  if (!ack || !resolve || ack[1] !== resolve[1]) return null;
  return `${ack[1]}/ingest/twilio/voice?${new URLSearchParams({ acknowledge: ack[2]!, resolve: resolve[2]! }).toString()}`;
}

/**
 * Says the summary twice (the first time is often lost while waking up), then how to
 * respond: press 1 or 2 during the call, while the message is read, or afterwards.
 */
export function voiceTwiml(message: Message): string {
  const summary = xmlEscape(spokenSummary(message));
  const action = voiceActionUrl(message);
  const read = `<Say>${summary}</Say><Pause length="1"/><Say>Again. ${summary}</Say><Pause length="1"/>`;
  if (!action) return `<Response>${read}<Say>${xmlEscape(howToRespond(message))}</Say></Response>`;
  return (
    `<Response><Gather numDigits="1" timeout="8" method="POST" action="${xmlEscape(action)}">${read}` +
    `<Say>Press 1 to acknowledge. Press 2 to resolve.</Say></Gather>` +
    `<Say>No key was pressed. ${xmlEscape(howToRespond(message))}</Say></Response>`
  );
}

/** TwiML that says one thing and hangs up: the answer to a key pressed during a call. */
export function voiceReply(text: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><Response><Say>${xmlEscape(text)}</Say></Response>`;
}

/**
 * Twilio's numeric error code is enough to look the problem up; its message can name
 * the phone number, so it stays in the server log (the response body in `detail`).
 */
function describeTwilioError(status: number, body: string): string {
  try {
    const code = (JSON.parse(body) as { code?: unknown }).code;
    if (typeof code === 'number' && Number.isInteger(code)) return `HTTP ${status}, Twilio error ${code}`;
  } catch {
    // Not JSON (a proxy's error page): the status alone.
  }
  return `HTTP ${status}`;
}

async function createResource(
  config: ChannelsConfig,
  resource: 'Messages' | 'Calls',
  params: Record<string, string>,
  now: Date,
): Promise<DeliveryResult> {
  const twilio = config.twilio;
  if (!twilio) return fail(false, 'SMS and voice are not configured (no Twilio account)');
  const base = (twilio.baseUrl || DEFAULT_TWILIO_URL).replace(/\/+$/, '');
  const result = await post(
    {
      url: `${base}/2010-04-01/Accounts/${encodeURIComponent(twilio.accountSid)}/${resource}.json`,
      timeoutMs: config.webhookTimeoutMs ?? DEFAULT_TIMEOUT_MS,
      // Twilio's API base is admin-configured (OPERABLE_TWILIO_BASE_URL): not held to the outbound policy.
      guard: null,
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        Accept: 'application/json',
        Authorization: `Basic ${Buffer.from(`${twilio.accountSid}:${twilio.authToken}`).toString('base64')}`,
      },
      body: new URLSearchParams(params).toString(),
    },
    now,
    describeTwilioError,
  );
  if (!result.ok) return result.failure;
  try {
    const sid = (JSON.parse(result.body) as { sid?: unknown }).sid;
    return typeof sid === 'string' ? { ok: true, providerId: sid } : { ok: true };
  } catch {
    return { ok: true };
  }
}

export function deliverSms(config: ChannelsConfig, to: string, message: Message, now: Date): Promise<DeliveryResult> {
  return createResource(config, 'Messages', { To: to, From: config.twilio?.from ?? '', Body: smsBody(message) }, now);
}

export function deliverVoice(config: ChannelsConfig, to: string, message: Message, now: Date): Promise<DeliveryResult> {
  return createResource(config, 'Calls', { To: to, From: config.twilio?.from ?? '', Twiml: voiceTwiml(message) }, now);
}
