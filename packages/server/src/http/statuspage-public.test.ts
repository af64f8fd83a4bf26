import { describe, expect, it } from 'vitest';
import { pickEncoding, publicFile } from './statuspage-public.js';

describe('status page content negotiation', () => {
  it.each([
    [undefined, true, 'identity'],
    ['', true, 'identity'],
    ['gzip', true, 'gzip'],
    ['gzip, deflate, br, zstd', true, 'br'],
    ['gzip, deflate, br, zstd', false, 'gzip'],
    ['br', false, 'identity'],
    ['BR;q=1.0, gzip;q=0.5', true, 'br'],
    ['br;q=0, gzip', true, 'gzip'],
    ['br; q=0.000, gzip;q=0', true, 'identity'],
    ['*', true, 'br'],
    ['*;q=0', true, 'identity'],
    ['x-gzip', true, 'gzip'],
    ['identity', true, 'identity'],
    ['deflate', true, 'identity'],
  ] as const)('Accept-Encoding %j (brotli ready: %s) → %s', (accept, ready, expected) => {
    expect(pickEncoding(accept, ready)).toBe(expected);
  });

  it('knows only the public documents', () => {
    expect(publicFile('/status')).toBe('index.html');
    expect(publicFile('/status/api/v2/summary.json')).toBe('api/v2/summary.json');
    expect(publicFile('/index.html')).toBeNull();
    expect(publicFile('/status/uptime.html')).toBe('uptime.html');
    // At the root its link back to index.html would reach the web app: redirected instead.
    expect(publicFile('/uptime.html')).toBeNull();
    expect(publicFile('/api/v2/nothing.json')).toBeNull();
  });
});
