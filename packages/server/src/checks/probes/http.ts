import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { ProbeOutcome } from '@operable/shared';
import { describeError, elapsed, guardedLookup, timeoutError, type ProbeEnv } from './network.js';
import { bareHost } from '../../lib/outbound.js';

export interface HttpSettings {
  url: string;
  method: string;
  headers: Record<string, string>;
  expectedStatus: number[];
  keyword: string | null;
  keywordMode: 'present' | 'absent';
  maxLatencyMs: number | null;
  followRedirects: boolean;
  verifyTls: boolean;
}

const MAX_REDIRECTS = 5;
/** The keyword is looked for in the first MiB: enough for any page, bounded for any server. */
const MAX_BODY = 1024 * 1024;

interface Response {
  status: number;
  statusText: string;
  location: string | null;
  body: string;
}

/**
 * One HTTP(S) request (and its redirects, each hop checked against the outbound policy
 * again), judged by status, keyword and latency. The latency is the whole exchange,
 * redirects included, as a user would wait for it.
 */
export async function probeHttp(s: HttpSettings, env: ProbeEnv): Promise<ProbeOutcome> {
  const started = performance.now();
  const deadline = started + env.timeoutMs;
  let url = new URL(s.url);
  try {
    let response: Response;
    for (let hop = 0; ; hop++) {
      response = await send(url, s, env, deadline);
      const redirect = response.status >= 300 && response.status < 400 && response.location;
      if (!redirect || !s.followRedirects) break;
      if (hop >= MAX_REDIRECTS) return { ok: false, latencyMs: elapsed(started), message: `more than ${MAX_REDIRECTS} redirects` };
      url = new URL(response.location!, url);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, latencyMs: elapsed(started), message: `redirected to a ${url.protocol} URL` };
    }
    return judgeHttp(s, response, elapsed(started));
  } catch (error) {
    return { ok: false, latencyMs: null, message: describeError(error) };
  }
}

/** Pure: whether what came back is what the check expects. */
export function judgeHttp(s: Pick<HttpSettings, 'expectedStatus' | 'keyword' | 'keywordMode' | 'maxLatencyMs'>, r: { status: number; statusText: string; body: string }, latencyMs: number): ProbeOutcome {
  const statusOk = s.expectedStatus.length ? s.expectedStatus.includes(r.status) : r.status >= 200 && r.status < 300;
  const seen = `${r.status}${r.statusText ? ` ${r.statusText}` : ''}`;
  if (!statusOk) return { ok: false, latencyMs, message: `${seen}, expected ${s.expectedStatus.length ? s.expectedStatus.join(' or ') : '2xx'}` };
  if (s.keyword !== null) {
    const found = r.body.includes(s.keyword);
    if (s.keywordMode === 'present' && !found) return { ok: false, latencyMs, message: `${seen} but “${s.keyword}” is missing` };
    if (s.keywordMode === 'absent' && found) return { ok: false, latencyMs, message: `${seen} but “${s.keyword}” is present` };
  }
  if (s.maxLatencyMs !== null && latencyMs > s.maxLatencyMs) return { ok: false, latencyMs, message: `${seen} in ${latencyMs} ms, slower than ${s.maxLatencyMs} ms` };
  return { ok: true, latencyMs, message: `${seen} in ${latencyMs} ms` };
}

async function send(url: URL, s: HttpSettings, env: ProbeEnv, deadline: number): Promise<Response> {
  const lookup = await guardedLookup(env, bareHost(url.hostname));
  const wantsBody = s.keyword !== null && s.method !== 'HEAD';
  return new Promise<Response>((resolve, reject) => {
    const remaining = Math.max(1, deadline - performance.now());
    const request = (url.protocol === 'https:' ? httpsRequest : httpRequest)(
      url,
      {
        method: s.method,
        headers: { 'user-agent': 'Operable-Check/1', ...s.headers },
        lookup,
        rejectUnauthorized: s.verifyTls,
        agent: false,
      },
      (res: IncomingMessage) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          if (!wantsBody || size >= MAX_BODY) return;
          chunks.push(chunk);
          size += chunk.length;
        });
        res.on('end', () => {
          clearTimeout(timer);
          resolve({
            status: res.statusCode ?? 0,
            statusText: res.statusMessage ?? '',
            location: typeof res.headers.location === 'string' ? res.headers.location : null,
            body: wantsBody ? Buffer.concat(chunks).subarray(0, MAX_BODY).toString('utf8') : '',
          });
        });
        res.on('error', reject);
      },
    );
    const timer = setTimeout(() => request.destroy(timeoutError()), remaining);
    request.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    request.end();
  });
}
