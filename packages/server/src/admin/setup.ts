import type { ContactChannels, SetupCheck } from '@operable/shared';
import { recordAudit } from '../audit/index.js';
import { requireRole } from '../lib/authorize.js';
import type { Ctx } from '../lib/context.js';
import { conflict } from '../lib/errors.js';
import { randomUUID } from 'node:crypto';
import { enqueueMessage } from '../notify/index.js';

/** What the server was configured with, as the http layer reads it from the config. */
export interface SetupFacts {
  smtp?: { from: string };
  twilio?: { from: string };
  slackBot: boolean;
  publicUrl: string;
  /** True when OPERABLE_PUBLIC_URL was not set (links in messages point at the listen address). */
  publicUrlDefault: boolean;
}

/** Pure: which contact method kinds can be delivered. Webhook-like kinds need nothing configured. */
export function contactChannels(f: SetupFacts): ContactChannels {
  const channels: ContactChannels['channels'] = [];
  if (f.smtp) channels.push('email');
  if (f.twilio) channels.push('sms', 'voice');
  channels.push('ntfy', 'slack', 'teams', 'webhook');
  return { channels, mail: Boolean(f.smtp) };
}

/** Pure: the setup check's rows, each saying what is set or which variable to set. */
export function setupItems(f: SetupFacts): SetupCheck['items'] {
  return [
    { key: 'mail', label: 'Email (SMTP)', configured: Boolean(f.smtp), detail: f.smtp ? `Sends from ${f.smtp.from}` : 'Set OPERABLE_SMTP_URL (and OPERABLE_MAIL_FROM). Without it nobody can verify an email address or be emailed.' },
    { key: 'sms', label: 'SMS (Twilio)', configured: Boolean(f.twilio), detail: f.twilio ? `Sends from ${f.twilio.from}` : 'Set the OPERABLE_TWILIO_* variables to page by SMS.' },
    { key: 'voice', label: 'Voice calls (Twilio)', configured: Boolean(f.twilio), detail: f.twilio ? `Calls from ${f.twilio.from}` : 'The same Twilio variables enable calls.' },
    { key: 'slack', label: 'Slack bot (incident channels)', configured: f.slackBot, detail: f.slackBot ? 'A bot token is set: incidents can create their own channel.' : 'Set OPERABLE_SLACK_BOT_TOKEN to create incident channels. Slack incoming webhooks work without it.' },
    {
      key: 'publicUrl',
      label: 'Public URL (links in messages)',
      configured: !f.publicUrlDefault,
      detail: f.publicUrlDefault ? `Not set: links point at ${f.publicUrl}, which phones outside this machine may not reach. Set OPERABLE_PUBLIC_URL.` : f.publicUrl,
    },
  ];
}

export function getSetupCheck(ctx: Ctx, facts: SetupFacts): SetupCheck {
  requireRole(ctx.actor, 'admin');
  return { items: setupItems(facts) };
}

/** Anyone signed in may know which kinds of contact method can work here. */
export function getContactChannels(ctx: Ctx, facts: SetupFacts): ContactChannels {
  requireRole(ctx.actor, 'viewer');
  return contactChannels(facts);
}

/** Sends a test email through the real outbox and dispatcher: the admin sees it arrive, or its failure in the server log. */
export async function sendSetupTest(ctx: Ctx, facts: SetupFacts, input: { channel: 'email'; to: string }): Promise<{ messageId: string }> {
  requireRole(ctx.actor, 'admin');
  if (!facts.smtp) throw conflict('Mail is not configured: set OPERABLE_SMTP_URL first');
  const now = ctx.clock.now();
  const messageId = await enqueueMessage(ctx.db, {
    target: { type: 'email', address: input.to },
    message: {
      id: randomUUID(),
      kind: 'test',
      urgency: 'high',
      alerts: [],
      actions: {},
      traceId: ctx.requestId,
      title: 'Operable setup test',
      text: `This is a test from Operable's setup check, sent at ${now.toISOString()} because ${ctx.actor.label} asked for one. Mail works.`,
    },
    traceId: ctx.requestId,
    now,
  });
  await recordAudit(ctx, { action: 'setup.test', entityType: 'setup', entityId: null, after: { channel: input.channel, to: input.to, messageId } });
  return { messageId };
}
