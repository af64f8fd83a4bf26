import { refusalForUrl, type OutboundPolicy, type Refusal } from '../../lib/outbound.js';
import type { ChannelType } from './types.js';

/**
 * Checks a contact address when it is saved, so a typo is caught while the person is
 * setting up their profile, not at 3 a.m. when the page fails. Messages are written
 * for the person who typed the value.
 */

/**
 * A deliberately plain address: the usual unquoted local-part characters and a dotted
 * DNS domain. Quoted local parts and comments are refused; they are where mail
 * libraries disagree on where the address is, and nobody's pager address needs them.
 */
const EMAIL = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
const E164 = /^\+[1-9]\d{6,14}$/;
const NTFY_TOPIC = /^[-_A-Za-z0-9]{1,64}$/;
const URL_MAX = 2048;

function validateUrl(address: string): string | null {
  if (address.length > URL_MAX) return `Enter a URL of at most ${URL_MAX} characters.`;
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return 'Enter a full URL starting with https://.';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'Enter a URL starting with https:// (or http://).';
  if (!url.hostname) return 'Enter a URL with a host name.';
  return null;
}

/** A human error message, or null when the address is usable for the channel. */
export function validateTarget(type: ChannelType, address: string): string | null {
  if (typeof address !== 'string' || address.trim() === '') return 'Enter an address.';
  if (address !== address.trim()) return 'Remove the spaces around the address.';
  switch (type) {
    case 'email':
      if (address.length > 254 || !EMAIL.test(address)) return 'Enter an email address like name@example.com.';
      return null;
    case 'sms':
    case 'voice':
      if (!E164.test(address)) return 'Enter the phone number in international format: + then country code and number, digits only, e.g. +14155550123.';
      return null;
    case 'ntfy':
      if (!NTFY_TOPIC.test(address)) return 'Enter an ntfy topic of 1–64 letters, digits, "-" or "_".';
      return null;
    case 'webhook':
    case 'slack':
    case 'teams':
      return validateUrl(address);
    default:
      return `Unknown channel type "${String(type)}".`;
  }
}

/** Channels whose address is a URL the user chose: the ones the outbound policy applies to. */
const USER_URL_TYPES: ReadonlySet<ChannelType> = new Set(['webhook', 'slack', 'teams']);

/** Deliberately says nothing of what the host resolved to: the answer would map the inside for whoever asks. */
export const INTERNAL_ADDRESS_MESSAGE =
  'Operable does not send to internal addresses, and this host is or resolves to one. An admin can allow it with OPERABLE_OUTBOUND_ALLOW.';

/**
 * The save-time half of the outbound policy, for an address validateTarget accepted:
 * null, or the message for the person and the refusal for the server log. Sending
 * checks again (a name can resolve elsewhere by then); this catches it while someone
 * is still at the form. It runs inside the verb's transaction, so the DNS wait is
 * capped (SAVE_LOOKUP_TIMEOUT_MS) and a slow resolver cannot hold the database long.
 */
export async function destinationProblem(policy: OutboundPolicy, type: ChannelType, address: string): Promise<{ message: string; refusal: Refusal } | null> {
  if (!USER_URL_TYPES.has(type)) return null;
  const refusal = await refusalForUrl(policy, new URL(address));
  return refusal ? { message: INTERNAL_ADDRESS_MESSAGE, refusal } : null;
}
