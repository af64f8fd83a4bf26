import { deliverEmail } from './email.js';
import { fail } from './http.js';
import { deliverNtfy } from './ntfy.js';
import { deliverSlack } from './slack.js';
import { deliverTeams } from './teams.js';
import { deliverSms, deliverVoice } from './twilio.js';
import type { ChannelsConfig, DeliveryResult, Message, Target } from './types.js';
import { validateTarget } from './validate.js';
import { deliverWebhook } from './webhook.js';

/**
 * Sends one message to one target, once. Never throws: every outcome is a
 * DeliveryResult the outbox can record and act on (done, retry later, or give up and
 * fall through to the next contact method). Retrying is the caller's job.
 */
export async function deliver(config: ChannelsConfig, target: Target, message: Message, now: Date): Promise<DeliveryResult> {
  // Addresses are validated when saved; checking again here keeps an address that was
  // stored before a rule tightened from reaching a library that reads it differently.
  const invalid = validateTarget(target.type, target.address);
  if (invalid) return fail(false, `invalid ${target.type} address: ${invalid}`);
  if (config.sink) return config.sink(target, message, now);
  try {
    switch (target.type) {
      case 'email':
        return await deliverEmail(config, target, message);
      case 'webhook':
        return await deliverWebhook(config, target, message, now);
      case 'slack':
        return await deliverSlack(config, target.address, message, now);
      case 'teams':
        return await deliverTeams(config, target.address, message, now);
      case 'ntfy':
        return await deliverNtfy(config, target.address, message, now);
      case 'sms':
        return await deliverSms(config, target.address, message, now);
      case 'voice':
        return await deliverVoice(config, target.address, message, now);
      default:
        return fail(false, `unknown channel type "${String(target.type)}"`);
    }
  } catch (err) {
    // Only a bug gets here. Retrying is the safe answer: the outbox caps attempts, and giving up silently would lose a page.
    return fail(true, `internal error: ${err instanceof Error ? err.message : String(err)}`);
  }
}
