import type { LookupFunction } from 'node:net';
import { parseCidr } from '../../lib/internal-address.js';
import { checkedLookup, resolveChecked, type OutboundPolicy } from '../../lib/outbound.js';

/** What every probe gets besides its settings. */
export interface ProbeEnv {
  /** The server's outbound address policy (user-typed targets reach public addresses only). */
  policy: OutboundPolicy;
  /** The check may reach private and loopback addresses (an admin allowed it). */
  allowInternal: boolean;
  timeoutMs: number;
}

const EVERYWHERE = ['0.0.0.0/0', '::/0'].map((c) => parseCidr(c)!);

/** The policy a probe connects under: an admin's "allow internal" opens every address, still through the same resolver. */
export function policyFor(env: ProbeEnv): OutboundPolicy {
  return env.allowInternal ? { ...env.policy, allow: { cidrs: EVERYWHERE, hosts: [] } } : env.policy;
}

/**
 * Checks `host` (a literal address never reaches a lookup, so it is judged here) and
 * returns the lookup sockets must use: they connect only to addresses that passed.
 */
export async function guardedLookup(env: ProbeEnv, host: string): Promise<LookupFunction> {
  const policy = policyFor(env);
  await resolveChecked(policy, host);
  return checkedLookup(policy);
}

/** A failure as people read it: node's error codes turned into words. */
export function describeError(error: unknown): string {
  const e = error as NodeJS.ErrnoException & { code?: string };
  switch (e?.code) {
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ENOTFOUND':
      return 'host not found';
    case 'ETIMEDOUT':
    case 'PROBE_TIMEOUT':
      return 'timed out';
    case 'ECONNRESET':
      return 'connection reset';
    case 'EHOSTUNREACH':
      return 'host unreachable';
    case 'OPERABLE_OUTBOUND_REFUSED':
      return `refused: ${e.message} (an admin can allow internal targets for this check)`;
    case 'CERT_HAS_EXPIRED':
      return 'TLS certificate has expired';
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
      return 'TLS certificate is self-signed';
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return 'TLS certificate does not match the host name';
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
      return 'TLS certificate chain cannot be verified';
    default:
      return (e?.message ?? String(error)).slice(0, 300);
  }
}

export const timeoutError = () => Object.assign(new Error('timed out'), { code: 'PROBE_TIMEOUT' });

/** Elapsed milliseconds since `started` (performance.now()), whole. */
export const elapsed = (started: number) => Math.max(0, Math.round(performance.now() - started));
