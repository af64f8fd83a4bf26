import fc from 'fast-check';
import { BlockList } from 'node:net';
import { describe, expect, it } from 'vitest';
import { cidrContains, formatIp, internalRange, parseCidr, parseIp, unmapped, type Ip } from './internal-address.js';

const range = (text: string) => internalRange(parseIp(text)!);
const v4 = (n: number): Ip => ({ family: 4, value: BigInt(n >>> 0) });
const dotted = (n: number) => formatIp(v4(n));
/** What the URL parser makes of a host: the form the server actually connects to. */
const urlHost = (host: string) => new URL(`http://${host}/`).hostname;

/**
 * The reference model: the same ranges written out once more by hand, matched by
 * Node's BlockList (an independent CIDR matcher). Labels do not matter here, only
 * whether an address is refused.
 */
const REFERENCE_V4 = [
  '0.0.0.0/8', '10.0.0.0/8', '100.64.0.0/10', '127.0.0.0/8', '169.254.0.0/16', '172.16.0.0/12',
  '192.0.0.0/24', '192.0.2.0/24', '192.88.99.0/24', '192.168.0.0/16', '198.18.0.0/15',
  '198.51.100.0/24', '203.0.113.0/24', '224.0.0.0/4', '240.0.0.0/4',
];
const REFERENCE_V6 = ['64:ff9b:1::/48', '100::/64', '2001::/32', '2001:db8::/32', 'fc00::/7', 'fe80::/10', 'fec0::/10', 'ff00::/8'];
const reference = new BlockList();
for (const r of REFERENCE_V4) reference.addSubnet(r.split('/')[0]!, Number(r.split('/')[1]), 'ipv4');
for (const r of REFERENCE_V6) reference.addSubnet(r.split('/')[0]!, Number(r.split('/')[1]), 'ipv6');
const globalUnicast = new BlockList();
globalUnicast.addSubnet('2000::', 3, 'ipv6');

const anyV4 = fc.integer({ min: 0, max: 0xffffffff });
/** Mostly addresses near the interesting ranges, so the properties hit them often. */
const interestingV4 = fc.oneof(
  anyV4,
  fc.constantFrom(0x7f000000, 0x0a000000, 0xa9fe0000, 0xac100000, 0xc0a80000, 0x64400000, 0xe0000000, 0xf0000000, 0x00000000).chain((base) =>
    fc.integer({ min: -0x400000, max: 0x400000 }).map((d) => (base + d) >>> 0),
  ),
);

describe('internalRange: IPv4', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['10.0.0.1', 'private'],
    ['10.255.255.255', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.0.1', 'link-local'],
    ['169.254.169.254', 'cloud metadata'],
    ['169.254.170.2', 'cloud metadata'],
    ['100.100.100.200', 'cloud metadata'],
    ['192.0.0.192', 'cloud metadata'],
    ['100.64.0.1', 'shared (CGNAT)'],
    ['100.127.255.255', 'shared (CGNAT)'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['255.255.255.255', 'reserved'],
    ['240.0.0.1', 'reserved'],
    ['198.18.0.1', 'benchmarking'],
    ['192.0.2.1', 'documentation'],
  ])('%s is %s', (ip, label) => {
    expect(range(ip)).toBe(label);
  });

  it.each(['8.8.8.8', '1.1.1.1', '172.15.255.255', '172.32.0.0', '100.63.255.255', '100.128.0.0', '169.253.255.255', '169.255.0.0', '11.0.0.0', '9.255.255.255', '223.255.255.255', '192.169.0.0', '198.20.0.0'])(
    '%s is public',
    (ip) => {
      expect(range(ip)).toBeNull();
    },
  );

  it('matches the reference model for every address', () => {
    fc.assert(
      fc.property(interestingV4, (n) => {
        expect(internalRange(v4(n)) !== null).toBe(reference.check(dotted(n), 'ipv4'));
      }),
      { numRuns: 5000 },
    );
  });
});

describe('internalRange: IPv6', () => {
  it.each([
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['[::1]', 'loopback'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['febf::1', 'link-local'],
    ['fc00::1', 'unique-local'],
    ['fd12:3456::1', 'unique-local'],
    ['fd00:ec2::254', 'cloud metadata'],
    ['ff02::1', 'multicast'],
    ['fec0::1', 'site-local'],
    ['2001:db8::1', 'documentation'],
    ['2001:0:4136:e378::1', 'Teredo'],
    ['100::1', 'discard-only'],
    ['64:ff9b:1::1', 'NAT64 local-use'],
    ['4000::1', 'reserved'],
    ['::2:3:4:5', 'reserved'],
    // IPv4 inside IPv6: judged by the IPv4 address.
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['0:0:0:0:0:ffff:169.254.169.254', 'cloud metadata'],
    ['::ffff:0:10.0.0.1', 'private'],
    ['::127.0.0.1', 'loopback'],
    ['64:ff9b::127.0.0.1', 'loopback'],
    ['64:ff9b::a9fe:a9fe', 'cloud metadata'],
    ['2002:7f00:1::', 'loopback'],
    ['2002:c0a8:101::1', 'private'],
  ])('%s is %s', (ip, label) => {
    expect(range(ip)).toBe(label);
  });

  it.each(['2606:4700:4700::1111', '2a00:1450:4001::200e', '::ffff:8.8.8.8', '64:ff9b::8.8.8.8', '2002:808:808::1', '2001:4860::1'])('%s is public', (ip) => {
    expect(range(ip)).toBeNull();
  });

  const v6 = fc.bigInt({ min: 0n, max: (1n << 128n) - 1n }).map((value): Ip => ({ family: 6, value }));
  const embedded = (prefix: bigint, shift: number) => (n: number): Ip => ({ family: 6, value: prefix | (BigInt(n >>> 0) << BigInt(shift)) });
  it.each([
    ['IPv4-mapped', embedded(0xffffn << 32n, 0)],
    ['IPv4-translated', embedded(0xffffn << 48n, 0)],
    ['IPv4-compatible', embedded(0n, 0)],
    ['NAT64', embedded(0x64ff9bn << 96n, 0)],
    ['6to4', embedded(0x2002n << 112n, 80)],
  ])('%s addresses are judged by the IPv4 address they carry', (_name, wrap) => {
    fc.assert(
      fc.property(interestingV4, (n) => {
        // Compared as verdicts: ::1 is labelled loopback though the IPv4 it would carry, 0.0.0.1, is "unspecified".
        expect(internalRange(wrap(n)) !== null).toBe(internalRange(v4(n)) !== null);
      }),
      { numRuns: 2000 },
    );
  });

  it('matches the reference model outside the IPv4-carrying prefixes', () => {
    const carriesV4 = (ip: Ip) => ip.value >> 32n === 0n || ip.value >> 32n === 0xffffn || ip.value >> 32n === 0xffff0000n || ip.value >> 32n === 0x64ff9b0000000000000000n || ip.value >> 112n === 0x2002n;
    const nearBlocks = fc
      .constantFrom(0xfc00n, 0xfe80n, 0xfec0n, 0xff00n, 0x2001n, 0x0100n, 0x0064n, 0x2000n, 0x3fffn, 0x4000n, 0x1fffn)
      .chain((top) => fc.bigInt({ min: 0n, max: (1n << 112n) - 1n }).map((rest): Ip => ({ family: 6, value: (top << 112n) | rest })));
    fc.assert(
      fc.property(fc.oneof(v6, nearBlocks), (ip) => {
        fc.pre(!carriesV4(ip));
        const text = formatIp(ip);
        const expected = reference.check(text, 'ipv6') || !globalUnicast.check(text, 'ipv6');
        expect(internalRange(ip) !== null).toBe(expected);
      }),
      { numRuns: 5000 },
    );
  });
});

describe('parseIp', () => {
  it('reads dotted quads and every IPv6 spelling to the same number', () => {
    expect(parseIp('127.0.0.1')).toEqual({ family: 4, value: 0x7f000001n });
    expect(parseIp('::ffff:127.0.0.1')).toEqual(parseIp('::ffff:7f00:1'));
    expect(parseIp('[::1]')).toEqual({ family: 6, value: 1n });
    expect(parseIp('0:0:0:0:0:0:0:1')).toEqual({ family: 6, value: 1n });
    expect(parseIp('FE80::1%eth0')).toEqual(parseIp('fe80::1'));
  });

  it.each(['localhost', '127.1', '0177.0.0.1', '2130706433', '0x7f.1', '1.2.3.4.5', '', ' 127.0.0.1', '::g', '[::1'])('%j is not an IP address literal', (text) => {
    expect(parseIp(text)).toBeNull();
  });

  it('round-trips through the URL standard’s serialisation', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: (1n << 128n) - 1n }), (value) => {
        const text = formatIp({ family: 6, value });
        expect(urlHost(`[${text}]`)).toBe(`[${text}]`);
        expect(parseIp(text)).toEqual({ family: 6, value });
      }),
    );
  });
});

describe('odd IPv4 spellings are normalised by the URL parser before any check', () => {
  it.each([
    ['2130706433', '127.0.0.1'],
    ['0177.0.0.1', '127.0.0.1'],
    ['0x7f.1', '127.0.0.1'],
    ['0x7f000001', '127.0.0.1'],
    ['127.1', '127.0.0.1'],
    ['017700000001', '127.0.0.1'],
    ['0', '0.0.0.0'],
    ['127.0.0.1.', '127.0.0.1'],
    ['%31%32%37.0.0.1', '127.0.0.1'],
    ['127。0。0。1', '127.0.0.1'],
    ['0xa9.0xfe.0xa9.0xfe', '169.254.169.254'],
    ['[::ffff:127.0.0.1]', '[::ffff:7f00:1]'],
    ['[0:0:0:0:0:ffff:169.254.169.254]', '[::ffff:a9fe:a9fe]'],
    ['[64:ff9b::127.0.0.1]', '[64:ff9b::7f00:1]'],
  ])('%s becomes %s, an internal address', (host, normalised) => {
    expect(urlHost(host)).toBe(normalised);
    expect(range(urlHost(host))).not.toBeNull();
  });

  it('decimal, octal, hex and mixed spellings all land on the same verdict', () => {
    const spell = fc.constantFrom(
      (n: number) => String(n),
      (n: number) => `0x${n.toString(16)}`,
      (n: number) => `0${n.toString(8)}`,
      (n: number) => [n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff].map((b) => `0x${b.toString(16)}`).join('.'),
      (n: number) => [n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff].map((b) => `0${b.toString(8)}`).join('.'),
      (n: number) => `${n >>> 24}.${n & 0xffffff}`,
      (n: number) => `${n >>> 24}.${(n >>> 16) & 0xff}.${n & 0xffff}`,
    );
    fc.assert(
      fc.property(interestingV4, spell, (n, spelling) => {
        const host = urlHost(spelling(n));
        expect(host).toBe(dotted(n));
        expect(range(host)).toBe(internalRange(v4(n)));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('CIDRs', () => {
  it('parses ranges and bare addresses', () => {
    expect(parseCidr('10.0.0.0/8')).toEqual({ family: 4, base: 0x0a000000n, prefix: 8 });
    expect(parseCidr('127.0.0.1')).toEqual({ family: 4, base: 0x7f000001n, prefix: 32 });
    expect(parseCidr('::1')).toEqual({ family: 6, base: 1n, prefix: 128 });
    expect(parseCidr('fd00::/8')).toEqual({ family: 6, base: 0xfdn << 120n, prefix: 8 });
    expect(parseCidr('0.0.0.0/0')).toEqual({ family: 4, base: 0n, prefix: 0 });
  });

  it.each(['10.0.0.1/8', '10.0.0.0/33', '::/129', '10.0.0.0/', '10.0.0.0/8/8', '10.0.0.0/-1', '10.0.0.0/08x', 'example.com/32', '[::1]', 'fe80::1%eth0/128', ''])('refuses %j', (text) => {
    expect(parseCidr(text)).toBeNull();
  });

  it('contains exactly what BlockList says the subnet contains', () => {
    fc.assert(
      fc.property(anyV4, fc.integer({ min: 0, max: 32 }), anyV4, (base, prefix, probe) => {
        const masked = prefix === 0 ? 0 : (base & (~0 << (32 - prefix))) >>> 0;
        const subnet = parseCidr(`${dotted(masked)}/${prefix}`)!;
        const list = new BlockList();
        list.addSubnet(dotted(masked), prefix, 'ipv4');
        expect(cidrContains(subnet, v4(probe))).toBe(list.check(dotted(probe), 'ipv4'));
        expect(cidrContains(subnet, v4(masked))).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('never mixes families', () => {
    expect(cidrContains(parseCidr('0.0.0.0/0')!, parseIp('::1')!)).toBe(false);
    expect(cidrContains(parseCidr('::/0')!, parseIp('127.0.0.1')!)).toBe(false);
  });

  it('unmaps ::ffff:a.b.c.d to the IPv4 address and leaves everything else alone', () => {
    expect(unmapped(parseIp('::ffff:127.0.0.1')!)).toEqual(parseIp('127.0.0.1'));
    expect(unmapped(parseIp('64:ff9b::127.0.0.1')!)).toEqual(parseIp('64:ff9b::127.0.0.1'));
    expect(unmapped(parseIp('10.0.0.1')!)).toEqual(parseIp('10.0.0.1'));
  });
});
