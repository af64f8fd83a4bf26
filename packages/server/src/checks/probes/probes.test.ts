import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboundPolicy, parseAllowList, type AllowList } from '../../lib/outbound.js';
import { startDnsTarget, startHttpTarget, startTcpTarget, startTlsTarget, type HttpTarget } from '../../test-support/check-servers.js';
import { testResolver } from '../../test-support/harness.js';
import { runProbe, type ProbeSpec } from './index.js';

const loopback = outboundPolicy(parseAllowList('127.0.0.1/32') as AllowList, testResolver);
const nothing = outboundPolicy(undefined, testResolver);
const env = { policy: loopback, allowInternal: false, timeoutMs: 2_000 };

const http = (url: string, more: Partial<Extract<ProbeSpec, { kind: 'http' }>['settings']> = {}): ProbeSpec => ({
  kind: 'http',
  settings: { url, method: 'GET', headers: {}, expectedStatus: [], keyword: null, keywordMode: 'present', maxLatencyMs: null, followRedirects: true, verifyTls: true, ...more },
});

describe('HTTP probes against a local server', () => {
  let t: HttpTarget;
  beforeAll(async () => {
    t = await startHttpTarget();
  });
  afterAll(() => t.close());

  it('passes on 2xx and fails on other statuses, naming what it saw', async () => {
    expect(await runProbe(http(`${t.url}/ok`), env, new Date())).toMatchObject({ ok: true, message: expect.stringMatching(/^200 OK in \d+ ms$/) });
    const teapot = await runProbe(http(`${t.url}/teapot`), env, new Date());
    expect(teapot).toMatchObject({ ok: false, message: "418 I'm a Teapot, expected 2xx" });
    expect(await runProbe(http(`${t.url}/teapot`, { expectedStatus: [418] }), env, new Date())).toMatchObject({ ok: true });
  });

  it('looks for a keyword, present or absent', async () => {
    expect(await runProbe(http(`${t.url}/ok`, { keyword: 'hello' }), env, new Date())).toMatchObject({ ok: true });
    expect(await runProbe(http(`${t.url}/ok`, { keyword: 'goodbye' }), env, new Date())).toMatchObject({ ok: false, message: expect.stringContaining('“goodbye” is missing') });
    expect(await runProbe(http(`${t.url}/ok`, { keyword: 'hello', keywordMode: 'absent' }), env, new Date())).toMatchObject({ ok: false, message: expect.stringContaining('is present') });
  });

  it('follows redirects (or not), and stops a redirect loop', async () => {
    expect(await runProbe(http(`${t.url}/redirect`, { keyword: 'hello' }), env, new Date())).toMatchObject({ ok: true });
    expect(await runProbe(http(`${t.url}/redirect`, { followRedirects: false }), env, new Date())).toMatchObject({ ok: false, message: expect.stringContaining('302') });
    expect(await runProbe(http(`${t.url}/redirect`, { followRedirects: false, expectedStatus: [302] }), env, new Date())).toMatchObject({ ok: true });
    expect(await runProbe(http(`${t.url}/loop`), env, new Date())).toMatchObject({ ok: false, message: 'more than 5 redirects' });
  });

  it('fails a response slower than the latency threshold, and times out a server that never answers', async () => {
    expect(await runProbe(http(`${t.url}/slow?ms=150`, { maxLatencyMs: 50 }), env, new Date())).toMatchObject({ ok: false, message: expect.stringContaining('slower than 50 ms') });
    expect(await runProbe(http(`${t.url}/slow?ms=10`, { maxLatencyMs: 5_000 }), env, new Date())).toMatchObject({ ok: true });
    expect(await runProbe(http(`${t.url}/hang`), { ...env, timeoutMs: 200 }, new Date())).toEqual({ ok: false, latencyMs: null, message: 'timed out' });
  });

  it('sends the method and headers it was given', async () => {
    expect(await runProbe(http(`${t.url}/method`, { method: 'POST', headers: { 'x-probe': 'yes' }, keyword: 'method POST header yes' }), env, new Date())).toMatchObject({ ok: true });
  });

  it('keeps to the outbound policy: loopback is refused unless allowed, by policy or for the check', async () => {
    const refused = await runProbe(http(`${t.url}/ok`), { ...env, policy: nothing }, new Date());
    expect(refused).toMatchObject({ ok: false, message: expect.stringContaining('refused: 127.0.0.1 is or resolves to an internal address') });
    const byName = await runProbe(http(`${t.url.replace('127.0.0.1', 'localhost')}/ok`), { ...env, policy: nothing }, new Date());
    expect(byName).toMatchObject({ ok: false, message: expect.stringContaining('refused') });
    expect(await runProbe(http(`${t.url}/ok`), { ...env, policy: nothing, allowInternal: true }, new Date())).toMatchObject({ ok: true });
  });

  it('checks every redirect hop against the policy', async () => {
    // Only the name localhost is allowed: its relative redirect stays there, the one to 127.0.0.1 is refused.
    const byHost = outboundPolicy(parseAllowList('localhost') as AllowList, testResolver);
    const viaName = t.url.replace('127.0.0.1', 'localhost');
    expect(await runProbe(http(`${viaName}/redirect`), { ...env, policy: byHost }, new Date())).toMatchObject({ ok: true });
    expect(await runProbe(http(`${viaName}/away`), { ...env, policy: byHost }, new Date())).toMatchObject({ ok: false, message: expect.stringContaining('refused: 127.0.0.1') });
  });
});

describe('TCP, TLS and DNS probes against local servers', () => {
  it('TCP: an open port passes, a closed one fails', async () => {
    const tcp = await startTcpTarget();
    try {
      expect(await runProbe({ kind: 'tcp', settings: { host: '127.0.0.1', port: tcp.port } }, env, new Date())).toMatchObject({ ok: true, message: expect.stringContaining(`port ${tcp.port} open`) });
      expect(await runProbe({ kind: 'tcp', settings: { host: '127.0.0.1', port: tcp.closedPort } }, env, new Date())).toMatchObject({ ok: false, message: 'connection refused' });
      expect(await runProbe({ kind: 'tcp', settings: { host: '127.0.0.1', port: tcp.port } }, { ...env, policy: nothing }, new Date())).toMatchObject({ ok: false, message: expect.stringContaining('refused') });
    } finally {
      await tcp.close();
    }
  });

  it('TLS: a certificate expiring in 5 days fails a 14-day threshold and passes a 3-day one; expired fails', async () => {
    const tls = await startTlsTarget(5);
    try {
      const spec = (minDaysLeft: number): ProbeSpec => ({ kind: 'tls', settings: { host: '127.0.0.1', port: tls.port, minDaysLeft, verifyTls: false } });
      const now = new Date();
      expect(await runProbe(spec(14), env, now)).toMatchObject({ ok: false, message: expect.stringMatching(/^certificate expires in [45] days \(.*\), fewer than 14$/) });
      expect(await runProbe(spec(3), env, now)).toMatchObject({ ok: true, message: expect.stringMatching(/^certificate valid for [45] days/) });
      expect(await runProbe(spec(3), env, new Date(now.getTime() + 10 * 86_400_000))).toMatchObject({ ok: false, message: expect.stringMatching(/^certificate expired on /) });
      // Verified, a self-signed certificate fails whatever its dates.
      const verified: ProbeSpec = { kind: 'tls', settings: { host: '127.0.0.1', port: tls.port, minDaysLeft: 1, verifyTls: true } };
      expect(await runProbe(verified, env, now)).toMatchObject({ ok: false, message: 'TLS certificate is self-signed' });
      // An HTTPS check with verification off reaches it.
      expect((await runProbe(http(`https://127.0.0.1:${tls.port}/`, { verifyTls: true }), env, now)).ok).toBe(false);
    } finally {
      await tls.close();
    }
  });

  it('DNS: the expected A and TXT answers pass, a different one or a missing name fails', async () => {
    const dns = await startDnsTarget({ 'app.example.test': { A: ['192.0.2.10', '192.0.2.11'], TXT: ['v=spf1 -all'] } });
    try {
      const spec = (more: Partial<Extract<ProbeSpec, { kind: 'dns' }>['settings']>): ProbeSpec => ({
        kind: 'dns',
        settings: { name: 'app.example.test', recordType: 'A', expected: null, server: dns.server, ...more },
      });
      expect(await runProbe(spec({}), env, new Date())).toMatchObject({ ok: true, message: expect.stringContaining('192.0.2.10, 192.0.2.11') });
      expect(await runProbe(spec({ expected: '192.0.2.11' }), env, new Date())).toMatchObject({ ok: true });
      expect(await runProbe(spec({ expected: '192.0.2.99' }), env, new Date())).toMatchObject({ ok: false, message: expect.stringContaining('expected 192.0.2.99') });
      expect(await runProbe(spec({ recordType: 'TXT', expected: 'v=spf1 -all' }), env, new Date())).toMatchObject({ ok: true });
      expect(await runProbe(spec({ name: 'gone.example.test' }), env, new Date())).toMatchObject({ ok: false, message: 'no A record for gone.example.test' });
      // The name server is a target too: loopback needs allowing.
      expect(await runProbe(spec({}), { ...env, policy: nothing }, new Date())).toMatchObject({ ok: false, message: expect.stringContaining('refused') });
    } finally {
      await dns.close();
    }
  });
});
