import { lookup as dnsLookup } from 'node:dns/promises';
import type { LookupFunction } from 'node:net';
import { cidrContains, internalRange, parseCidr, parseIp, unmapped, type Cidr } from './internal-address.js';

/**
 * Where the server may send requests whose address a user typed (webhook, Slack and
 * Teams URLs): public addresses, plus what the admin allowed in
 * OPERABLE_OUTBOUND_ALLOW. A name is judged by every address it resolves to, and the
 * connection goes to exactly the addresses judged (see `checkedLookup`): resolving
 * once to check and again to connect would let a DNS answer that changes in between
 * (rebinding) reach the inside.
 *
 * Endpoints an admin configured through the environment (Twilio's API, the ntfy
 * server, the SMTP relay) are trusted and not checked: an internal ntfy or mail relay
 * is normal, and only an admin can point them anywhere.
 */

export interface AllowList {
  cidrs: Cidr[];
  /** Lower case, without a trailing dot. Matched exactly, against the URL's host name. */
  hosts: string[];
}

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export interface OutboundPolicy {
  allow: AllowList;
  /** Injected so tests can make a name resolve differently at save and at send. */
  resolve: Resolver;
}

/** Why an address was refused: for the server log, never for the alert log. */
export interface Refusal {
  host: string;
  address: string;
  range: string;
}

export const NOTHING_ALLOWED: AllowList = { cidrs: [], hosts: [] };

const HOST_NAME = /^(?=.{1,253}$)([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)(\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)*$/;

/** `OPERABLE_OUTBOUND_ALLOW`: comma-separated CIDRs, addresses and host names. */
export function parseAllowList(text: string): AllowList | { error: string } {
  const allow: AllowList = { cidrs: [], hosts: [] };
  for (const entry of text.split(',').map((e) => e.trim()).filter(Boolean)) {
    if (entry.includes('/') || parseIp(entry)) {
      const range = parseCidr(entry);
      if (!range) return { error: `"${entry}" is not an address or CIDR range (a range needs its host bits zero, e.g. 10.0.0.0/8)` };
      allow.cidrs.push(range);
      continue;
    }
    const host = entry.toLowerCase().replace(/\.$/, '');
    if (!HOST_NAME.test(host)) return { error: `"${entry}" is neither a host name nor an address or CIDR range` };
    allow.hosts.push(host);
  }
  return allow;
}

export const systemResolver: Resolver = async (hostname) =>
  (await dnsLookup(hostname, { all: true, verbatim: true })).map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));

export function outboundPolicy(allow: AllowList = NOTHING_ALLOWED, resolve: Resolver = systemResolver): OutboundPolicy {
  return { allow, resolve };
}

export function hostAllowed(policy: OutboundPolicy, hostname: string): boolean {
  return policy.allow.hosts.includes(hostname.toLowerCase().replace(/\.$/, ''));
}

/** Null when `address` may be reached: public, or inside a range the admin allowed. */
export function refusalOf(policy: OutboundPolicy, host: string, address: string): Refusal | null {
  const ip = parseIp(address);
  if (!ip) return { host, address, range: 'not an IP address' };
  const range = internalRange(ip);
  if (range === null) return null;
  // ::ffff:127.0.0.1 is the same socket as 127.0.0.1, so an allowed IPv4 range covers it.
  const plain = unmapped(ip);
  if (policy.allow.cidrs.some((cidr) => cidrContains(cidr, ip) || cidrContains(cidr, plain))) return null;
  return { host, address, range };
}

export class OutboundRefused extends Error {
  readonly code = 'OPERABLE_OUTBOUND_REFUSED';
  constructor(readonly refusal: Refusal) {
    super(`${refusal.host} is or resolves to an internal address`);
    this.name = 'OutboundRefused';
  }
}

/** URL host names keep IPv6 literals in brackets; sockets and resolvers want them bare. */
export function bareHost(hostname: string): string {
  return hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
}

/**
 * Every address `hostname` stands for, each one checked. Throws OutboundRefused when
 * any is internal and not allowed: a name with one public and one internal address
 * could otherwise be steered to the internal one.
 */
export async function resolveChecked(policy: OutboundPolicy, hostname: string): Promise<ResolvedAddress[]> {
  const host = bareHost(hostname);
  const literal = parseIp(host);
  if (literal) {
    const refusal = refusalOf(policy, host, host);
    if (refusal) throw new OutboundRefused(refusal);
    return [{ address: host, family: literal.family }];
  }
  const addresses = await policy.resolve(host);
  if (hostAllowed(policy, host)) return addresses;
  for (const a of addresses) {
    const refusal = refusalOf(policy, host, a.address);
    if (refusal) throw new OutboundRefused(refusal);
  }
  if (!addresses.length) throw Object.assign(new Error(`${host} has no address`), { code: 'ENOTFOUND' });
  return addresses;
}

/**
 * A `lookup` for node:http(s) and net.connect: the socket connects only to addresses
 * that passed the check. (Literal IP hosts never reach a lookup: check them first.)
 */
export function checkedLookup(policy: OutboundPolicy): LookupFunction {
  return (hostname, options, callback) => {
    resolveChecked(policy, hostname).then(
      (addresses) => {
        const wanted = options.family === 4 || options.family === 6 ? addresses.filter((a) => a.family === options.family) : addresses;
        const first = wanted[0];
        if (!first) callback(Object.assign(new Error(`${hostname} has no IPv${String(options.family)} address`), { code: 'ENOTFOUND' }), '', 0);
        else if (options.all) callback(null, wanted);
        else callback(null, first.address, first.family);
      },
      (err: NodeJS.ErrnoException) => callback(err, '', 0),
    );
  };
}

/** How long saving a URL waits for DNS. The check at send time is the guarantee; this one gives early feedback. */
export const SAVE_LOOKUP_TIMEOUT_MS = 2_000;

/**
 * The save-time check of a URL's host. A name that does not resolve (yet), or not in
 * time, passes: it cannot be sent to now, and when it does resolve the send-time
 * check judges what it resolves to then.
 */
export async function refusalForUrl(policy: OutboundPolicy, url: URL, timeoutMs = SAVE_LOOKUP_TIMEOUT_MS): Promise<Refusal | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), timeoutMs);
  });
  try {
    return await Promise.race([
      resolveChecked(policy, url.hostname).then(
        () => null,
        (err: unknown) => (err instanceof OutboundRefused ? err.refusal : null),
      ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
