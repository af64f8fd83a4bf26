import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkedLookup,
  OutboundRefused,
  outboundPolicy,
  parseAllowList,
  refusalForUrl,
  refusalOf,
  resolveChecked,
  systemResolver,
  type AllowList,
  type Resolver,
} from './outbound.js';

const allow = (text: string) => parseAllowList(text) as AllowList;
const fakeDns =
  (table: Record<string, string[]>): Resolver =>
  async (host) => {
    // Like DNS: case-blind, and a trailing dot (the root) changes nothing.
    const addresses = table[host.toLowerCase().replace(/\.$/, '')];
    if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
    return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };

const dns = fakeDns({
  'public.example': ['93.184.215.14', '2606:2800:21f:cb07:6820:80da:af6b:8b2c'],
  'inside.example': ['10.1.2.3'],
  'mixed.example': ['93.184.215.14', '127.0.0.1'],
  'mapped.example': ['::ffff:127.0.0.1'],
  'receiver.internal': ['10.9.9.9'],
  'loop.example': ['127.0.0.1'],
});

describe('parseAllowList', () => {
  it('reads ranges, addresses and host names, ignoring blanks', () => {
    expect(parseAllowList('')).toEqual({ cidrs: [], hosts: [] });
    expect(parseAllowList(' , ')).toEqual({ cidrs: [], hosts: [] });
    expect(parseAllowList('127.0.0.1/32,::1,receiver.internal,Hooks.Example.')).toEqual({
      cidrs: [
        { family: 4, base: 0x7f000001n, prefix: 32 },
        { family: 6, base: 1n, prefix: 128 },
      ],
      hosts: ['receiver.internal', 'hooks.example'],
    });
  });

  it.each(['10.0.0.1/8', '10.0.0.0/40', 'http://x', 'x y', '*.internal', 'a..b', '-bad.example', '[::1]'])('refuses %j, naming it', (entry) => {
    const result = parseAllowList(`127.0.0.1,${entry}`);
    expect(result).toEqual({ error: expect.stringContaining(`"${entry}"`) });
  });
});

describe('refusalOf', () => {
  const none = outboundPolicy(undefined, dns);
  it('refuses internal addresses and says which range', () => {
    expect(refusalOf(none, 'h', '127.0.0.1')).toEqual({ host: 'h', address: '127.0.0.1', range: 'loopback' });
    expect(refusalOf(none, 'h', '169.254.169.254')?.range).toBe('cloud metadata');
    expect(refusalOf(none, 'h', 'not-an-ip')?.range).toBe('not an IP address');
    expect(refusalOf(none, 'h', '93.184.215.14')).toBeNull();
  });

  it('lets allowed ranges through, an IPv4 range covering its IPv4-mapped IPv6 form too', () => {
    const policy = outboundPolicy(allow('127.0.0.1/32,fd00::/8'), dns);
    expect(refusalOf(policy, 'h', '127.0.0.1')).toBeNull();
    expect(refusalOf(policy, 'h', '::ffff:127.0.0.1')).toBeNull();
    expect(refusalOf(policy, 'h', 'fd12::1')).toBeNull();
    expect(refusalOf(policy, 'h', '127.0.0.2')?.range).toBe('loopback');
    // NAT64 of 127.0.0.1 is the NAT64 gateway's loopback, not ours: not covered.
    expect(refusalOf(policy, 'h', '64:ff9b::7f00:1')?.range).toBe('loopback');
  });
});

describe('resolveChecked', () => {
  const none = outboundPolicy(undefined, dns);
  const refused = async (p: Promise<unknown>) => {
    const err = await p.then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(OutboundRefused);
    return (err as OutboundRefused).refusal;
  };

  it('passes public names with all their addresses', async () => {
    expect(await resolveChecked(none, 'public.example')).toHaveLength(2);
  });

  it('refuses a name if any of its addresses is internal', async () => {
    expect(await refused(resolveChecked(none, 'inside.example'))).toEqual({ host: 'inside.example', address: '10.1.2.3', range: 'private' });
    expect((await refused(resolveChecked(none, 'mixed.example'))).address).toBe('127.0.0.1');
    expect((await refused(resolveChecked(none, 'mapped.example'))).range).toBe('loopback');
  });

  it('checks literal addresses without asking DNS, brackets or not', async () => {
    expect(await refused(resolveChecked(none, '[::1]'))).toEqual({ host: '::1', address: '::1', range: 'loopback' });
    expect((await refused(resolveChecked(none, '169.254.169.254'))).range).toBe('cloud metadata');
    expect(await resolveChecked(none, '8.8.8.8')).toEqual([{ address: '8.8.8.8', family: 4 }]);
  });

  it('trusts allowed host names whatever they resolve to, and allowed ranges', async () => {
    const policy = outboundPolicy(allow('receiver.internal,127.0.0.0/8'), dns);
    expect(await resolveChecked(policy, 'receiver.internal')).toEqual([{ address: '10.9.9.9', family: 4 }]);
    expect(await resolveChecked(policy, 'RECEIVER.internal.')).toEqual([{ address: '10.9.9.9', family: 4 }]);
    expect(await resolveChecked(policy, 'loop.example')).toEqual([{ address: '127.0.0.1', family: 4 }]);
    await refused(resolveChecked(policy, 'inside.example'));
  });

  it('passes DNS failures on as they are (retryable at send time)', async () => {
    await expect(resolveChecked(none, 'nowhere.example')).rejects.toMatchObject({ code: 'ENOTFOUND' });
  });
});

describe('refusalForUrl (save time)', () => {
  it('refuses internal literals and names, passes public ones', async () => {
    const policy = outboundPolicy(undefined, dns);
    expect((await refusalForUrl(policy, new URL('http://[::1]:6379/')))?.range).toBe('loopback');
    expect((await refusalForUrl(policy, new URL('http://2130706433/')))?.address).toBe('127.0.0.1');
    expect((await refusalForUrl(policy, new URL('https://inside.example/hook')))?.range).toBe('private');
    expect(await refusalForUrl(policy, new URL('https://public.example/hook'))).toBeNull();
  });

  it('passes a name that does not resolve, or not in time: the send-time check decides', async () => {
    const never: Resolver = () => new Promise(() => {});
    expect(await refusalForUrl(outboundPolicy(undefined, dns), new URL('https://nowhere.example/'))).toBeNull();
    expect(await refusalForUrl(outboundPolicy(undefined, never), new URL('https://slow.example/'), 5)).toBeNull();
  });

  it('asks the system resolver by default: localhost is refused', async () => {
    expect((await refusalForUrl(outboundPolicy(), new URL('http://localhost:6379/')))?.range).toBe('loopback');
    expect((await systemResolver('localhost')).some((a) => a.address === '127.0.0.1' || a.address === '::1')).toBe(true);
  });
});

describe('checkedLookup: the socket connects only to checked addresses', () => {
  let server: Server;
  let port: number;
  beforeAll(async () => {
    server = createServer((_req, res) => res.end('reached'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const get = (host: string, lookup: ReturnType<typeof checkedLookup>) =>
    new Promise<string>((resolve, reject) => {
      const req = request({ host, port, path: '/', agent: false, lookup }, (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve(body));
      });
      req.on('error', reject);
      req.end();
    });

  it('connects when the resolved address is allowed', async () => {
    expect(await get('loop.example', checkedLookup(outboundPolicy(allow('127.0.0.1/32'), dns)))).toBe('reached');
  });

  it('never connects when the name resolves inside', async () => {
    await expect(get('loop.example', checkedLookup(outboundPolicy(undefined, dns)))).rejects.toBeInstanceOf(OutboundRefused);
  });

  it('uses the same answer it checked, even if DNS would now say otherwise (rebinding)', async () => {
    let calls = 0;
    // First answer internal-but-allowed, then "public": only one resolution happens per connection.
    const flipping: Resolver = async () => (calls++ === 0 ? [{ address: '127.0.0.1', family: 4 }] : [{ address: '93.184.215.14', family: 4 }]);
    expect(await get('flip.example', checkedLookup(outboundPolicy(allow('127.0.0.1/32'), flipping)))).toBe('reached');
    expect(calls).toBe(1);
  });

  it('answers both lookup shapes node uses (one address, or all with a family filter)', async () => {
    const lookup = checkedLookup(outboundPolicy(undefined, dns));
    const one = await new Promise((resolve) => lookup('public.example', { family: 6 }, (err, address, family) => resolve({ err, address, family })));
    expect(one).toEqual({ err: null, address: '2606:2800:21f:cb07:6820:80da:af6b:8b2c', family: 6 });
    const all = await new Promise((resolve) => lookup('public.example', { all: true }, (err, address) => resolve({ err, address })));
    expect(all).toEqual({ err: null, address: [{ address: '93.184.215.14', family: 4 }, { address: '2606:2800:21f:cb07:6820:80da:af6b:8b2c', family: 6 }] });
    const refused = await new Promise((resolve) => lookup('inside.example', { all: true }, (err) => resolve(err)));
    expect(refused).toBeInstanceOf(OutboundRefused);
  });
});
