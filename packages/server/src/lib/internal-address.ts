import { isIP } from 'node:net';

/**
 * Which IP addresses are "inside": the server's own loopback, the private networks it
 * sits in, link-local neighbours and the cloud metadata service. A webhook URL someone
 * types must not make the server POST to any of them (SSRF). Pure: the DNS side and
 * the admin's exceptions live in lib/outbound.ts.
 *
 * IPv4 outside the listed ranges is public. IPv6 is public only inside global unicast
 * (2000::/3) and outside the listed blocks: anything else is unassigned or special.
 * IPv6 forms that carry an IPv4 address (mapped, compatible, NAT64, 6to4, SIIT) are
 * judged by that IPv4 address, since that is where the packets end up.
 */

export interface Ip {
  family: 4 | 6;
  /** The address as an unsigned integer: 32 bits for IPv4, 128 for IPv6. */
  value: bigint;
}

export interface Cidr {
  family: 4 | 6;
  base: bigint;
  prefix: number;
}

const BITS = { 4: 32, 6: 128 } as const;

/** A dotted-quad IPv4 or an IPv6 address (brackets and zone allowed); null for anything else, host names included. */
export function parseIp(text: string): Ip | null {
  const bare = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  const unzoned = bare.split('%')[0]!;
  const family = isIP(unzoned);
  if (family === 4) return { family: 4, value: v4Value(unzoned) };
  if (family === 6) return { family: 6, value: v6Value(unzoned) };
  return null;
}

function v4Value(dotted: string): bigint {
  return dotted.split('.').reduce((acc, part) => (acc << 8n) | BigInt(Number(part)), 0n);
}

/** Only called on text isIP accepted, so the shape is known to be valid. */
function v6Value(text: string): bigint {
  let s = text.toLowerCase();
  const tailV4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  if (tailV4) {
    const n = v4Value(tailV4[1]!);
    s = `${s.slice(0, -tailV4[1]!.length)}${(n >> 16n).toString(16)}:${(n & 0xffffn).toString(16)}`;
  }
  const [head, tail] = s.split('::') as [string, string | undefined];
  const front = head ? head.split(':') : [];
  const back = tail ? tail.split(':') : [];
  const groups = tail === undefined ? front : [...front, ...Array<string>(8 - front.length - back.length).fill('0'), ...back];
  return groups.reduce((acc, g) => (acc << 16n) | BigInt(`0x${g}`), 0n);
}

export function formatIp(ip: Ip): string {
  if (ip.family === 4) return [24n, 16n, 8n, 0n].map((shift) => String((ip.value >> shift) & 0xffn)).join('.');
  const groups = Array.from({ length: 8 }, (_, i) => ((ip.value >> BigInt(112 - 16 * i)) & 0xffffn).toString(16));
  // The URL standard's serialisation: compress the first longest run of two or more zero groups.
  let best = { start: -1, length: 1 };
  for (let i = 0; i < 8; ) {
    let j = i;
    while (j < 8 && groups[j] === '0') j++;
    if (j - i > best.length) best = { start: i, length: j - i };
    i = j === i ? i + 1 : j;
  }
  if (best.start < 0) return groups.join(':');
  return `${groups.slice(0, best.start).join(':')}::${groups.slice(best.start + best.length).join(':')}`;
}

/** `10.0.0.0/8`, `fd00::/8`, or a bare address (a /32 or /128). Null when malformed or host bits are set. */
export function parseCidr(text: string): Cidr | null {
  const [address, prefixText, extra] = text.trim().split('/');
  if (extra !== undefined || address === undefined) return null;
  const ip = parseIp(address);
  if (!ip || address.includes('%') || address.startsWith('[')) return null;
  const max = BITS[ip.family];
  if (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText)) return null;
  const prefix = prefixText === undefined ? max : Number(prefixText);
  if (prefix > max) return null;
  if ((ip.value & hostMask(ip.family, prefix)) !== 0n) return null;
  return { family: ip.family, base: ip.value, prefix };
}

const hostMask = (family: 4 | 6, prefix: number) => (1n << BigInt(BITS[family] - prefix)) - 1n;

export function cidrContains(cidr: Cidr, ip: Ip): boolean {
  return cidr.family === ip.family && (ip.value & ~hostMask(ip.family, cidr.prefix)) === cidr.base;
}

/** The IPv4 address an IPv4-mapped IPv6 address (::ffff:a.b.c.d) stands for: the same socket to the kernel. */
export function unmapped(ip: Ip): Ip {
  return ip.family === 6 && ip.value >> 32n === 0xffffn ? { family: 4, value: ip.value & 0xffffffffn } : ip;
}

const cidr = (text: string): Cidr => {
  const parsed = parseCidr(text);
  if (!parsed) throw new Error(`bad range ${text}`);
  return parsed;
};

/** Most specific first, so the label names the narrowest range (metadata before link-local). */
const V4_RANGES: [Cidr, string][] = [
  [cidr('169.254.169.254/32'), 'cloud metadata'], // AWS, GCP, Azure, Oracle, DigitalOcean, OpenStack
  [cidr('169.254.170.2/32'), 'cloud metadata'], // AWS ECS task credentials
  [cidr('100.100.100.200/32'), 'cloud metadata'], // Alibaba Cloud
  [cidr('192.0.0.192/32'), 'cloud metadata'], // Oracle Cloud (IMDS on some shapes)
  [cidr('0.0.0.0/8'), 'unspecified'], // "this network": 0.0.0.0 reaches the local host on Linux
  [cidr('10.0.0.0/8'), 'private'],
  [cidr('100.64.0.0/10'), 'shared (CGNAT)'],
  [cidr('127.0.0.0/8'), 'loopback'],
  [cidr('169.254.0.0/16'), 'link-local'],
  [cidr('172.16.0.0/12'), 'private'],
  [cidr('192.0.0.0/24'), 'IETF protocol assignments'],
  [cidr('192.0.2.0/24'), 'documentation'],
  [cidr('192.88.99.0/24'), '6to4 relay'],
  [cidr('192.168.0.0/16'), 'private'],
  [cidr('198.18.0.0/15'), 'benchmarking'],
  [cidr('198.51.100.0/24'), 'documentation'],
  [cidr('203.0.113.0/24'), 'documentation'],
  [cidr('224.0.0.0/4'), 'multicast'],
  [cidr('240.0.0.0/4'), 'reserved'], // includes 255.255.255.255, the broadcast address
];

/** IPv6 prefixes that carry an IPv4 address, and where it sits (bits from the right). */
const V6_EMBEDDING: [Cidr, number][] = [
  [cidr('::ffff:0:0/96'), 0], // IPv4-mapped
  [cidr('::ffff:0:0:0/96'), 0], // IPv4-translated (SIIT)
  [cidr('64:ff9b::/96'), 0], // NAT64, well-known prefix
  [cidr('2002::/16'), 80], // 6to4: 2002:AABB:CCDD::/48
  [cidr('::/96'), 0], // IPv4-compatible (deprecated)
];

const V6_RANGES: [Cidr, string][] = [
  [cidr('::1/128'), 'loopback'],
  [cidr('::/128'), 'unspecified'],
  [cidr('fd00:ec2::254/128'), 'cloud metadata'], // AWS IMDS over IPv6
  [cidr('64:ff9b:1::/48'), 'NAT64 local-use'],
  [cidr('100::/64'), 'discard-only'],
  [cidr('2001::/32'), 'Teredo'],
  [cidr('2001:db8::/32'), 'documentation'],
  [cidr('fc00::/7'), 'unique-local'],
  [cidr('fe80::/10'), 'link-local'],
  [cidr('fec0::/10'), 'site-local'],
  [cidr('ff00::/8'), 'multicast'],
];

const GLOBAL_UNICAST = cidr('2000::/3');

/** The kind of internal range `ip` is in (e.g. "loopback", "cloud metadata"), or null when it is public. */
export function internalRange(ip: Ip): string | null {
  if (ip.family === 4) return V4_RANGES.find(([range]) => cidrContains(range, ip))?.[1] ?? null;
  const found = V6_RANGES.find(([range]) => cidrContains(range, ip));
  if (found) return found[1];
  for (const [range, shift] of V6_EMBEDDING) {
    if (cidrContains(range, ip)) return internalRange({ family: 4, value: (ip.value >> BigInt(shift)) & 0xffffffffn });
  }
  return cidrContains(GLOBAL_UNICAST, ip) ? null : 'reserved';
}
