import { describe, expect, it } from 'vitest';
import { ConfigError, describeVariables, loadConfig, VARIABLES } from './index.js';

describe('loadConfig', () => {
  it('has working defaults: embedded database in ./data on 127.0.0.1:8080', () => {
    const c = loadConfig({});
    expect(c.port).toBe(8080);
    expect(c.host).toBe('127.0.0.1');
    expect(c.database).toEqual({ kind: 'pglite', dataDir: expect.stringMatching(/\/data$/) });
    expect(c.publicUrl).toBe('http://127.0.0.1:8080');
    expect(c.trustProxy).toBe(false);
  });

  it('uses PostgreSQL when DATABASE_URL is set', () => {
    const c = loadConfig({ DATABASE_URL: 'postgres://u@db:5432/operable', DATABASE_POOL_SIZE: '3' });
    expect(c.database).toEqual({ kind: 'postgres', url: 'postgres://u@db:5432/operable', poolSize: 3 });
  });

  it('trims a trailing slash from the public URL', () => {
    expect(loadConfig({ OPERABLE_PUBLIC_URL: 'https://ops.example.com/' }).publicUrl).toBe('https://ops.example.com');
  });

  it('serves /metrics nowhere by default; a token and a listener of its own are read', () => {
    expect(loadConfig({}).metrics).toEqual({});
    expect(loadConfig({ OPERABLE_METRICS_TOKEN: 'scrape-token-0123456789', OPERABLE_METRICS_LISTEN: '127.0.0.1:9464' }).metrics).toEqual({
      token: 'scrape-token-0123456789',
      listen: { host: '127.0.0.1', port: 9464 },
    });
    expect(loadConfig({ OPERABLE_METRICS_LISTEN: '[::1]:9464' }).metrics.listen).toEqual({ host: '::1', port: 9464 });
    expect(loadConfig({ OPERABLE_METRICS_LISTEN: 'metrics.internal:0' }).metrics.listen).toEqual({ host: 'metrics.internal', port: 0 });
  });

  it('hashes passwords at OWASP’s scrypt cost; no variable lowers it', () => {
    expect(loadConfig({}).passwordCost).toEqual({ N: 131072, r: 8, p: 1 });
  });

  it.each([
    ['OPERABLE_METRICS_TOKEN', 'short'],
    ['OPERABLE_METRICS_LISTEN', '9464'],
    ['OPERABLE_METRICS_LISTEN', '127.0.0.1:99999'],
    ['OPERABLE_METRICS_LISTEN', '::1:9464'],
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://x@y/z'],
    ['OPERABLE_PUBLIC_URL', 'ftp://x'],
    ['OPERABLE_LOG_LEVEL', 'loud'],
    ['OPERABLE_SECRET', 'short'],
    ['OPERABLE_TRUST_PROXY', 'yes please'],
    ['OPERABLE_ADMIN_EMAIL', 'not-an-email'],
    ['OPERABLE_OUTBOUND_ALLOW', '10.0.0.1/8'],
    ['OPERABLE_OUTBOUND_ALLOW', '127.0.0.1/33'],
    ['OPERABLE_OUTBOUND_ALLOW', 'http://receiver.internal'],
  ])('rejects %s=%s naming the variable', (name, value) => {
    try {
      loadConfig({ [name]: value });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems.map((p) => p.variable)).toEqual([name]);
      expect((error as Error).message).toContain(name);
    }
  });

  it('reads the outbound allow list: ranges, addresses and host names; unset allows nothing', () => {
    expect(loadConfig({}).outboundAllow).toEqual({ cidrs: [], hosts: [] });
    const allow = loadConfig({ OPERABLE_OUTBOUND_ALLOW: ' 127.0.0.1/32, fd00::/8,10.1.2.3 , Receiver.Internal.,' }).outboundAllow;
    expect(allow.cidrs).toEqual([
      { family: 4, base: 0x7f000001n, prefix: 32 },
      { family: 6, base: 0xfdn << 120n, prefix: 8 },
      { family: 4, base: 0x0a010203n, prefix: 32 },
    ]);
    expect(allow.hosts).toEqual(['receiver.internal']);
  });

  it('reports every bad variable at once', () => {
    expect(() => loadConfig({ PORT: 'x', HOST: '' , OPERABLE_LOG_LEVEL: 'x' })).toThrow(/PORT[\s\S]*OPERABLE_LOG_LEVEL/);
  });

  it('describes every variable for --help and the README', () => {
    const text = describeVariables();
    for (const v of VARIABLES) expect(text).toContain(v.name);
  });
});
