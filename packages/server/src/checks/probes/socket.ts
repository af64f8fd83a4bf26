import { connect as netConnect } from 'node:net';
import { connect as tlsConnect, type PeerCertificate } from 'node:tls';
import { isIP } from 'node:net';
import type { ProbeOutcome } from '@operable/shared';
import { bareHost } from '../../lib/outbound.js';
import { describeError, elapsed, guardedLookup, timeoutError, type ProbeEnv } from './network.js';

/** A TCP connect: up when the port accepts a connection in time. */
export async function probeTcp(s: { host: string; port: number }, env: ProbeEnv): Promise<ProbeOutcome> {
  const started = performance.now();
  try {
    const host = bareHost(s.host);
    const lookup = await guardedLookup(env, host);
    await new Promise<void>((resolve, reject) => {
      const socket = netConnect({ host, port: s.port, lookup, timeout: env.timeoutMs });
      socket.once('connect', () => {
        socket.destroy();
        resolve();
      });
      socket.once('timeout', () => socket.destroy(timeoutError()));
      socket.once('error', reject);
    });
    const ms = elapsed(started);
    return { ok: true, latencyMs: ms, message: `port ${s.port} open, connected in ${ms} ms` };
  } catch (error) {
    return { ok: false, latencyMs: null, message: describeError(error) };
  }
}

const DAY_MS = 86_400_000;

/** Pure: the verdict on a certificate that expires at `validTo`, seen at `now`. */
export function judgeExpiry(validTo: Date, now: Date, minDaysLeft: number, latencyMs: number): ProbeOutcome {
  const daysLeft = Math.floor((validTo.getTime() - now.getTime()) / DAY_MS);
  const when = validTo.toISOString().slice(0, 10);
  if (validTo.getTime() <= now.getTime()) return { ok: false, latencyMs, message: `certificate expired on ${when}` };
  const words = `${daysLeft} day${daysLeft === 1 ? '' : 's'}`;
  if (daysLeft < minDaysLeft) return { ok: false, latencyMs, message: `certificate expires in ${words} (${when}), fewer than ${minDaysLeft}` };
  return { ok: true, latencyMs, message: `certificate valid for ${words} (until ${when})` };
}

/**
 * A TLS handshake, judged by the certificate's expiry (days left) and, when
 * `verifyTls`, by its chain and host name. `now` is the engine's clock, so tests can
 * stand at any date.
 */
export async function probeTls(s: { host: string; port: number; minDaysLeft: number; verifyTls: boolean }, env: ProbeEnv, now: Date): Promise<ProbeOutcome> {
  const started = performance.now();
  try {
    const host = bareHost(s.host);
    const lookup = await guardedLookup(env, host);
    const cert = await new Promise<PeerCertificate>((resolve, reject) => {
      const socket = tlsConnect({
        host,
        port: s.port,
        lookup,
        servername: isIP(host) ? undefined : host,
        rejectUnauthorized: s.verifyTls,
        timeout: env.timeoutMs,
      });
      socket.once('secureConnect', () => {
        const peer = socket.getPeerCertificate();
        socket.destroy();
        if (!peer || !peer.valid_to) reject(new Error('the server sent no certificate'));
        else resolve(peer);
      });
      socket.once('timeout', () => socket.destroy(timeoutError()));
      socket.once('error', reject);
    });
    return judgeExpiry(new Date(cert.valid_to), now, s.minDaysLeft, elapsed(started));
  } catch (error) {
    return { ok: false, latencyMs: null, message: describeError(error) };
  }
}
