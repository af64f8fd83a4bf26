import type { DeliveryResult } from './types.js';

/**
 * One outbound POST with the failure classification every HTTP channel shares:
 * network errors, timeouts, 408, 429 and 5xx are worth retrying; other 4xx and
 * redirects are not (the request itself is wrong, so sending it again changes nothing).
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
}

export type HttpOutcome = { ok: true; status: number; body: string } | { ok: false; failure: Failure };

export function fail(retryable: boolean, error: string, retryAfterSeconds?: number): Failure {
  return retryAfterSeconds === undefined ? { ok: false, retryable, error } : { ok: false, retryable, error, retryAfterSeconds };
}

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
async function readCapped(response: Response): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (size < MAX_RESPONSE_BYTES) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
  }
  if (size >= MAX_RESPONSE_BYTES) await reader.cancel().catch(() => undefined);
  return Buffer.concat(chunks).subarray(0, MAX_RESPONSE_BYTES).toString('utf8');
}

function networkError(err: unknown, timeoutMs: number): string {
  if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')) return `timed out after ${timeoutMs} ms`;
  const cause = err instanceof Error ? (err.cause as { code?: string; message?: string } | undefined) : undefined;
  return cause?.code ?? cause?.message ?? (err instanceof Error ? err.message : String(err));
}

export function snippet(body: string): string {
  const oneLine = body.replace(/\s+/g, ' ').trim();
  return oneLine.length > 200 ? `${oneLine.slice(0, 200)}…` : oneLine;
}

export async function post(
  req: HttpPost,
  now: Date,
  describe: (status: number, body: string) => string = (status, body) => `HTTP ${status}${body ? `: ${snippet(body)}` : ''}`,
): Promise<HttpOutcome> {
  const host = hostOf(req.url);
  let headers: Headers;
  try {
    const url = new URL(req.url);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, failure: fail(false, 'URL must be http or https') };
    headers = new Headers({ 'User-Agent': USER_AGENT, ...req.headers });
  } catch (err) {
    // A malformed URL or header value is a bug in the target or message, not a transient fault.
    return { ok: false, failure: fail(false, `cannot build request: ${err instanceof Error ? err.message : String(err)}`) };
  }

  let response: Response;
  let body: string;
  try {
    response = await fetch(req.url, {
      method: 'POST',
      headers,
      body: req.body,
      // A redirected signed POST would be replayed somewhere the target owner did not choose.
      redirect: 'manual',
      signal: AbortSignal.timeout(req.timeoutMs),
    });
    body = await readCapped(response);
  } catch (err) {
    return { ok: false, failure: fail(true, `${host}: ${networkError(err, req.timeoutMs)}`) };
  }

  const status = response.status;
  if (status >= 200 && status < 300) return { ok: true, status, body };
  const error = `${host}: ${describe(status, body)}`;
  const retryAfter = parseRetryAfter(response.headers.get('retry-after'), now);
  if (status === 408 || status === 429 || status >= 500) return { ok: false, failure: fail(true, error, retryAfter) };
  if (status >= 300 && status < 400) return { ok: false, failure: fail(false, `${error} (redirects are not followed)`) };
  return { ok: false, failure: fail(false, error) };
}
