import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { parseIp } from '../../lib/internal-address.js';
import { bareHost, checkedLookup, resolveChecked, type OutboundPolicy } from '../../lib/outbound.js';

/**
 * Prometheus's instant-query API (`GET /api/v1/query?query=…&time=…`), reached
 * through the outbound address policy like every user-given URL: the socket connects
 * only to addresses the policy checked, and a Prometheus on an internal address
 * needs the admin's OPERABLE_OUTBOUND_ALLOW. No redirects are followed.
 */

const MAX_RESPONSE_BYTES = 1024 * 1024;
export const PROMETHEUS_TIMEOUT_MS = 10_000;

export class PrometheusError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PrometheusError';
  }
}

/**
 * One expression at one instant: the sum of the values it returns (write `sum(…)`;
 * several series are added up), or null when it returns nothing or NaN — no data.
 */
export async function queryInstant(policy: OutboundPolicy, baseUrl: string, expr: string, at: Date, timeoutMs = PROMETHEUS_TIMEOUT_MS): Promise<number | null> {
  const url = new URL('api/v1/query', baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
  url.searchParams.set('query', expr);
  url.searchParams.set('time', (at.getTime() / 1000).toFixed(3));
  // A literal address never reaches the lookup: check it here (throws OutboundRefused).
  if (parseIp(bareHost(url.hostname))) await resolveChecked(policy, url.hostname);
  const { status, body } = await get(url, policy, timeoutMs);
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new PrometheusError(`${url.host}: HTTP ${status}, not a Prometheus API answer`);
  }
  return valueOf(parsed, status, url.host);
}

/** Reads the API's envelope: `{status, data: {resultType, result}}` or `{status: 'error', errorType, error}`. */
export function valueOf(answer: unknown, status: number, host: string): number | null {
  const a = answer as { status?: unknown; error?: unknown; data?: { resultType?: unknown; result?: unknown } } | null;
  if (!a || a.status !== 'success') {
    const why = typeof a?.error === 'string' ? a.error.slice(0, 200) : `HTTP ${status}`;
    throw new PrometheusError(`${host}: ${why}`);
  }
  const { resultType, result } = a.data ?? {};
  const number = (pair: unknown) => (Array.isArray(pair) && typeof pair[1] === 'string' ? Number(pair[1]) : Number.NaN);
  let values: number[];
  if (resultType === 'vector' && Array.isArray(result)) values = result.map((s: { value?: unknown }) => number(s?.value));
  else if (resultType === 'scalar') values = [number(result)];
  else throw new PrometheusError(`${host}: the expression gave a ${String(resultType)}; it must give an instant vector or a scalar`);
  const finite = values.filter((v) => Number.isFinite(v));
  return finite.length ? finite.reduce((s, v) => s + v, 0) : null;
}

function get(url: URL, policy: OutboundPolicy, timeoutMs: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const outgoing = (url.protocol === 'https:' ? httpsRequest : httpRequest)(url, {
      method: 'GET',
      headers: { 'User-Agent': 'Operable', Accept: 'application/json' },
      agent: false,
      lookup: checkedLookup(policy),
    });
    const timer = setTimeout(() => outgoing.destroy(new PrometheusError(`${url.host}: timed out after ${timeoutMs} ms`)), timeoutMs);
    outgoing.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    outgoing.on('response', (response: IncomingMessage) => {
      readCapped(response).then(
        (body) => {
          clearTimeout(timer);
          resolve({ status: response.statusCode ?? 0, body });
        },
        (err: unknown) => {
          clearTimeout(timer);
          reject(err);
        },
      );
    });
    outgoing.end();
  });
}

async function readCapped(response: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response as AsyncIterable<Buffer>) {
    chunks.push(chunk);
    size += chunk.byteLength;
    if (size > MAX_RESPONSE_BYTES) throw new PrometheusError('answer larger than 1 MB');
  }
  return Buffer.concat(chunks).toString('utf8');
}
