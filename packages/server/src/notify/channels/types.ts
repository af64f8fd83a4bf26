import type { OutboundPolicy } from '../../lib/outbound.js';

/** The contract between the outbox dispatcher and the delivery channels. */

export type ChannelType = 'email' | 'sms' | 'voice' | 'ntfy' | 'slack' | 'teams' | 'webhook';

export const CHANNEL_TYPES: readonly ChannelType[] = ['email', 'sms', 'voice', 'ntfy', 'slack', 'teams', 'webhook'];

export interface ChannelsConfig {
  /** `smtp://user:pass@host:port` or `smtps://…`; nodemailer query options (e.g. `?tls.rejectUnauthorized=false`) pass through. */
  smtp?: { url: string; from: string };
  /** `baseUrl` defaults to https://api.twilio.com; tests point it at a local fake. */
  twilio?: { baseUrl?: string; accountSid: string; authToken: string; from: string };
  /** `baseUrl` defaults to https://ntfy.sh. */
  ntfy?: { baseUrl?: string; token?: string };
  /** Applies to every HTTP channel (webhook, Slack, Teams, ntfy, Twilio). Default 10000. */
  webhookTimeoutMs?: number;
  /**
   * Where user-given URLs (webhook, Slack, Teams) may go; unset = public addresses
   * only, resolved by the system. Twilio and ntfy are admin-configured, so unchecked.
   */
  outbound?: OutboundPolicy;
  /**
   * Takes every delivery instead of the real channels: a replay records what would
   * have been sent, and nothing leaves the machine.
   */
  sink?: (target: Target, message: Message, now: Date) => DeliveryResult;
}

export interface MessageAlert {
  id: string;
  number: number;
  summary: string;
  service: string;
  status: string;
  url: string;
  runbookUrl?: string | null;
}

export interface Message {
  /** Idempotency key (the outbox row id): the same id on every retry of the same delivery. */
  id: string;
  kind: 'alert' | 'bundle' | 'test' | 'verification' | 'resolved' | 'notice';
  /** One line, e.g. "[HIGH] Checkout: High 5xx error rate". */
  title: string;
  /** Plain text body: what to do next, runbook link. */
  text: string;
  urgency: 'high' | 'low';
  alerts: MessageAlert[];
  /** Signed one-click URLs (see notify/links). Only the ones present are offered. */
  actions: { acknowledge?: string; resolve?: string; open?: string };
  /** SMS instruction, e.g. "Reply 4A to acknowledge, 4R to resolve" (see links.replyInstructions). */
  replyCode?: string;
  /** How many alerts a bundle stands for when `alerts` lists only the first of them. */
  total?: number;
  /** Request/trace ID of the triggering request, carried into headers. */
  traceId: string;
  /** Extra email headers (a status page subscription's List-Unsubscribe). */
  emailHeaders?: Record<string, string>;
  /** Structured content for webhook receivers (a status page update as JSON), sent as `data`. */
  data?: unknown;
  /** A ready, email-safe HTML body (the weekly review): email sends it as is instead of rendering one. */
  html?: string;
}

export interface Target {
  type: ChannelType;
  /** Email address, E.164 phone number, ntfy topic, or URL, depending on type. */
  address: string;
  /** HMAC key for generic webhooks. */
  secret?: string;
}

export type DeliveryResult =
  | { ok: true; providerId?: string }
  | {
      ok: false;
      retryable: boolean;
      /** Stored in the outbox and the alert log, which every responder reads: fixed wording, never what a receiver answered. */
      error: string;
      retryAfterSeconds?: number;
      /** For the server log only: what the receiver said, which address was refused. */
      detail?: Record<string, unknown>;
    };
