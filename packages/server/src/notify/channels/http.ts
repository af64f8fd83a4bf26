import { request as httpRequest, type ClientRequest, type IncomingHttpHeaders, type IncomingMessage, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { parseIp } from '../../lib/internal-address.js';
import { bareHost, checkedLookup, OutboundRefused, outboundPolicy, resolveChecked, type OutboundPolicy } from '../../lib/outbound.js';
import type { ChannelsConfig, DeliveryResult } from './types.js';

/**
 * One outbound POST with the failure classification every HTTP channel shares:
 * network errors, timeouts, 408, 429 and 5xx are worth retrying; other 4xx and
 * redirects are not (the request itself is wrong, so sending it again changes nothing).
 *
 * node:http rather than fetch: its `lookup` option lets the socket connect only to the
 * addresses the outbound policy checked (lib/outbound.ts). Redirects are never
 * followed, so there is no second hop to check.
 *
 * What a receiver answers is never put in the error (which lands in the alert log
 * every responder reads); it goes to `detail`, for the server log.
 */

export const DEFAULT_TIMEOUT_MS = 10_000;
const MAX_RESPONSE_BYTES = 64 * 1024;
const USER_AGENT = 'Operable';

export type Failure = Extract<DeliveryResult, { ok: false }>;

export interface HttpPost {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  /**
   * The policy a user-given URL is held to; null only for endpoints an admin
   * configured (Twilio's API, the ntfy server), which may rightly be internal.
   */
  guard: OutboundPolicy | null;
}

export type HttpOutcome = { ok: true; status: number; body: string } | { ok: false; failure: Failure };

export function fail(retryable: boolean, error: string, retryAfterSeconds?: number, detail?: Record<string, unknown>): Failure {
  return {
    ok: false,
    retryable,
    error,
    ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
    ...(detail === undefined ? {} : { detail }),
  };
}

const PUBLIC_ONLY = outboundPolicy();

/** The policy for URLs a user gave (webhook, Slack, Teams): the configured one, or public addresses only. */
export function userUrlGuard(config: ChannelsConfig): OutboundPolicy {
  return config.outbound ?? PUBLIC_ONLY;
}

/** The stored reason for a refused address: fixed, so it tells a reader nothing about the inside. */
const ADDRESS_NOT_ALLOWED = 'address not allowed';

/** Retry-After is either delay-seconds or an HTTP date (RFC 9110 §10.2.3); a date is read against `now`. */
export function parseRetryAfter(value: string | null, now: Date): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  // Date.parse reads almost anything ("-5" is a year); an HTTP date always has a weekday name.
  if (!/^[A-Za-z]{3},/.test(trimmed)) return undefined;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.ceil((at - now.getTime()) / 1000));
}

/**
 * Errors name only the host: Slack/Teams webhook URLs and ntfy topics are secrets,
 * and these messages end up in the alert log that every responder can read.
 */
export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'invalid URL';
  }
}

/** Reads at most MAX_RESPONSE_BYTES so a hostile or broken endpoint cannot fill memory. */
async function readCapped(response: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response as AsyncIterable<Buffer>) {
    chunks.push(chunk);
    size += chunk.byteLength;
    if (size >= MAX_RESPONSE_BYTES) break; // leaving the loop destroys the stream
  }
  return Buffer.concat(chunks).subarray(0, MAX_RESPONSE_BYTES).toString('utf8');
}

class TimedOut extends Error {}
class CannotBuild extends Error {}

interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** One POST, no redirects, no connection reuse; the timeout covers DNS, connecting, and reading the answer. */
function send(url: URL, req: HttpPost): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const options: RequestOptions = {
      method: 'POST',
      headers: { 'User-Agent': USER_AGENT, ...req.headers, 'Content-Length': String(Buffer.byteLength(req.body)) },
      agent: false,
      ...(req.guard ? { lookup: checkedLookup(req.guard) } : {}),
    };
    let outgoing: ClientRequest;
    try {
      outgoing = (url.protocol === 'https:' ? httpsRequest : httpRequest)(url, options);
    } catch (err) {
      // A malformed header value is a bug in the target or message, not a transient fault.
      reject(new CannotBuild(err instanceof Error ? err.message : String(err)));
      return;
    }
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      outgoing.destroy(new TimedOut());
    }, req.timeoutMs);
    const failed = (err: unknown) => {
      clearTimeout(timer);
      reject(timedOut ? new TimedOut() : err);
    };
    outgoing.on('error', failed);
    outgoing.on('response', (response) => {
      readCapped(response).then((body) => {
        clearTimeout(timer);
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body });
      }, failed);
    });
    outgoing.end(req.body);
  });
}

/** A short, fixed vocabulary (error codes), never free text from the other side. */
function networkError(err: unknown, timeoutMs: number): string {
  if (err instanceof TimedOut) return `timed out after ${timeoutMs} ms`;
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[A-Z][A-Z0-9_]{1,40}$/.test(code) ? code : 'connection failed';
}

export function snippet(body: string): string {
  const oneLine = body.replace(/\s+/g, ' ').trim();
  return oneLine.length > 200 ? `${oneLine.slice(0, 200)}…` : oneLine;
}

/** `describe` may add what the stored error needs beyond the status (e.g. a provider's error code); it must not copy the body. */
export async function post(req: HttpPost, now: Date, describe: (status: number, body: string) => string = (status) => `HTTP ${status}`): Promise<HttpOutcome> {
  let url: URL;
  try {
    url = new URL(req.url);
  } catch {
    return { ok: false, failure: fail(false, 'cannot build request: invalid URL') };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, failure: fail(false, 'URL must be http or https') };
  const host = url.host;

  let response: RawResponse;
  try {
    // A literal address never reaches the lookup: check it here.
    if (req.guard && parseIp(bareHost(url.hostname))) await resolveChecked(req.guard, url.hostname);
    response = await send(url, req);
  } catch (err) {
    if (err instanceof OutboundRefused) return { ok: false, failure: fail(false, `${host}: ${ADDRESS_NOT_ALLOWED}`, undefined, { refused: err.refusal }) };
    if (err instanceof CannotBuild) return { ok: false, failure: fail(false, `cannot build request: ${err.message}`) };
    const detail = err instanceof Error && !(err instanceof TimedOut) ? { cause: err.message } : undefined;
    return { ok: false, failure: fail(true, `${host}: ${networkError(err, req.timeoutMs)}`, undefined, detail) };
  }

  const { status, body } = response;
  if (status >= 200 && status < 300) return { ok: true, status, body };
  const error = `${host}: ${describe(status, body)}`;
  const detail = body ? { status, responseBody: snippet(body) } : { status };
  const retryAfterHeader = response.headers['retry-after'];
  const retryAfter = parseRetryAfter(typeof retryAfterHeader === 'string' ? retryAfterHeader : null, now);
  if (status === 408 || status === 429 || status >= 500) return { ok: false, failure: fail(true, error, retryAfter, detail) };
  if (status >= 300 && status < 400) return { ok: false, failure: fail(false, `${error} (redirects are not followed)`, undefined, detail) };
  return { ok: false, failure: fail(false, error, undefined, detail) };
}
