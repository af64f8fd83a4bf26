import { createTransport, type Transporter } from 'nodemailer';
import { renderEmail } from './email-render.js';
import { fail } from './http.js';
import type { ChannelsConfig, DeliveryResult, Message, Target } from './types.js';

/**
 * Email over SMTP with nodemailer. One pooled transport per SMTP URL, kept for the
 * life of the process: an alert storm then reuses a few open connections instead of
 * doing a TCP + TLS + AUTH handshake per message.
 */

const transports = new Map<string, Transporter>();

/**
 * Defaults appended to the SMTP URL unless the operator set them there. Timeouts are
 * far below nodemailer's (2 min connect, 10 min socket) so a dead relay fails in under
 * a minute and the page moves on to the next contact method.
 */
const URL_DEFAULTS: Record<string, string> = {
  pool: 'true',
  maxConnections: '5',
  connectionTimeout: '10000',
  greetingTimeout: '10000',
  socketTimeout: '30000',
  // We only ever pass strings; never let message content make nodemailer read files or URLs.
  disableFileAccess: 'true',
  disableUrlAccess: 'true',
};

function transportFor(smtpUrl: string): Transporter {
  const existing = transports.get(smtpUrl);
  if (existing) return existing;
  const url = new URL(smtpUrl);
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') throw new Error('SMTP URL must start with smtp:// or smtps://');
  for (const [key, value] of Object.entries(URL_DEFAULTS)) if (!url.searchParams.has(key)) url.searchParams.set(key, value);
  const transport = createTransport(url.toString());
  transports.set(smtpUrl, transport);
  return transport;
}

/** Closes the cached SMTP connections (shutdown, tests). The next send opens new ones. */
export function closeEmailTransports(): void {
  for (const transport of transports.values()) transport.close();
  transports.clear();
}

/**
 * The same outbox row always gets the same Message-ID, so a retry after a lost
 * "250 OK" is recognisable (and deduplicated by many mail systems) rather than a
 * second page.
 */
export function messageIdFor(messageId: string, from: string): string {
  const domain = /@([A-Za-z0-9.-]+)>?\s*$/.exec(from)?.[1] ?? 'operable.invalid';
  return `<operable.${messageId.replace(/[^A-Za-z0-9._-]/g, '-')}@${domain}>`;
}

interface SmtpError {
  code?: string;
  responseCode?: number;
  response?: string;
  message?: string;
}

/** SMTP reply classes (RFC 5321 §4.2.1): 4yz is "try again later", 5yz is "this will not work". */
export function classifySmtpError(err: unknown): DeliveryResult {
  const e = (err ?? {}) as SmtpError;
  const detail = (e.response ?? e.message ?? String(err)).replace(/\s+/g, ' ').trim();
  if (typeof e.responseCode === 'number') {
    return fail(e.responseCode >= 400 && e.responseCode < 500, `SMTP ${e.responseCode}: ${detail}`);
  }
  // Without a reply code: envelope, message and auth-setting errors come from our side and
  // would repeat identically; everything else (connection refused, timeouts, TLS resets,
  // unknown) is retried so nothing is lost.
  const permanent = ['EENVELOPE', 'EMESSAGE', 'EAUTH', 'ECONFIG'].includes(e.code ?? '');
  return fail(!permanent, `SMTP ${e.code ?? 'error'}: ${detail}`);
}

export async function deliverEmail(config: ChannelsConfig, target: Target, message: Message): Promise<DeliveryResult> {
  if (!config.smtp) return fail(false, 'email is not configured (no SMTP URL)');
  const { subject, text, html } = renderEmail(message);
  let transport: Transporter;
  try {
    transport = transportFor(config.smtp.url);
  } catch (err) {
    return fail(false, `SMTP configuration: ${err instanceof Error ? err.message : String(err)}`);
  }
  try {
    const info = (await transport.sendMail({
      from: config.smtp.from,
      to: target.address,
      subject,
      text,
      html,
      messageId: messageIdFor(message.id, config.smtp.from),
      priority: message.urgency === 'high' ? 'high' : 'normal',
      headers: {
        ...message.emailHeaders,
        'X-Operable-Trace-Id': message.traceId,
        'X-Operable-Delivery': message.id,
        // RFC 3834: tells vacation responders not to answer a page.
        'Auto-Submitted': 'auto-generated',
      },
    })) as { messageId?: string; response?: string };
    const queued = /queued as (\S+)/i.exec(info.response ?? '')?.[1];
    const providerId = queued ?? info.messageId;
    return providerId ? { ok: true, providerId } : { ok: true };
  } catch (err) {
    return classifySmtpError(err);
  }
}
