import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Twilio signs the webhooks it sends us (incoming SMS replies, call status) in
 * X-Twilio-Signature: base64 HMAC-SHA1, keyed with the auth token, over the full
 * URL Twilio called (scheme, host, path and query exactly as configured) followed by
 * every POST parameter sorted by name, each name immediately followed by its value.
 *
 * The URL must be the public one Twilio used, not what a reverse proxy forwarded;
 * the caller reconstructs it from the configured public URL.
 */

export function twilioSignature(authToken: string, url: string, params: Record<string, string>): string {
  // Plain code-unit order, the same as Twilio's own libraries (not locale order).
  const data = Object.keys(params)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .reduce((acc, key) => acc + key + params[key], url);
  return createHmac('sha1', authToken).update(data, 'utf8').digest('base64');
}

export function verifyTwilioSignature(
  authToken: string,
  url: string,
  params: Record<string, string>,
  header: string | null | undefined,
): boolean {
  if (!header) return false;
  const expected = Buffer.from(twilioSignature(authToken, url, params));
  const given = Buffer.from(header.trim());
  return given.length === expected.length && timingSafeEqual(given, expected);
}
