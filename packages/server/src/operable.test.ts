import { request } from 'node:http';
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config/index.js';
import { startServer } from './operable.js';

const config = (env: Record<string, string>) => loadConfig({ OPERABLE_DATA_DIR: 'memory://', OPERABLE_LOG_LEVEL: 'fatal', ...env });

describe('startServer', () => {
  it('puts the real port in links when PORT=0 and serves HTTP', async () => {
    const s = await startServer(config({ PORT: '0' }), 'api');
    try {
      expect(s.operable.firstAdmin?.url).toContain(`http://127.0.0.1:${s.port}/reset-password?token=`);
      expect((await fetch(`${s.url}/readyz`)).status).toBe(200);
    } finally {
      await s.stop();
    }
  });

  it('serves /metrics on OPERABLE_METRICS_LISTEN in every role, open when no token is set, and not on the main port', async () => {
    const all = await startServer(config({ PORT: '0', OPERABLE_METRICS_LISTEN: '127.0.0.1:0' }), 'api');
    try {
      expect(all.metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
      expect(all.metricsUrl).not.toContain(`:${all.port}/`);
      const res = await fetch(all.metricsUrl!);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('operable_process_resident_memory_bytes');
      expect((await fetch(`${all.url}/metrics`)).status).toBe(404);
    } finally {
      await all.stop();
    }
    const engine = await startServer(config({ PORT: '0', OPERABLE_METRICS_LISTEN: '127.0.0.1:0', OPERABLE_METRICS_TOKEN: 'engine-scrape-token-123' }), 'engine');
    try {
      expect((await fetch(engine.metricsUrl!)).status).toBe(401);
      const res = await fetch(engine.metricsUrl!, { headers: { authorization: 'Bearer engine-scrape-token-123' } });
      expect(await res.text()).toContain('operable_engine_lag_seconds');
    } finally {
      await engine.stop();
    }
  });

  it('fails on a port in use before creating anyone', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const port = (blocker.address() as { port: number }).port;
    try {
      await expect(startServer(config({ PORT: String(port) }), 'api')).rejects.toMatchObject({ code: 'EADDRINUSE' });
    } finally {
      blocker.close();
    }
  });

  it('refuses a body over the limit over real HTTP, whether its length is declared or chunked', async () => {
    const s = await startServer(config({ PORT: '0' }), 'api');
    const post = (path: string, chunks: string[], declared: boolean) =>
      new Promise<{ status: number; body: string; requestId: string | undefined }>((resolve, reject) => {
        const length = chunks.reduce((n, c) => n + Buffer.byteLength(c), 0);
        // The server answers early and may close the socket while the rest is still
        // being written, as it should; the answer is what counts.
        // A fresh connection each time: one the server closed after answering early
        // must not be reused.
        let answered = false;
        const req = request(`${s.url}${path}`, { method: 'POST', agent: false, headers: { 'content-type': 'application/json', ...(declared ? { 'content-length': length } : {}) } }, (res) => {
          answered = true;
          let body = '';
          const done = () => resolve({ status: res.statusCode!, body, requestId: res.headers['x-request-id'] as string | undefined });
          res.on('data', (d) => (body += d));
          res.on('end', done);
          res.on('error', done);
        });
        req.on('error', (e) => !answered && reject(new Error(`${path} declared=${declared}: ${e.message}`)));
        for (const c of chunks) req.write(c);
        req.end();
      });
    const huge = ['{"routing_key":"', 'x'.repeat(300 * 1024), 'y'.repeat(300 * 1024), '"}'];
    try {
      for (const declared of [true, false]) {
        const pd = await post('/v2/enqueue', huge, declared);
        expect(pd.status, `declared ${declared}`).toBe(413);
        expect(JSON.parse(pd.body)).toMatchObject({ status: 'invalid event' });
        expect(pd.requestId).toMatch(/\S/);
        const api = await post('/api/auth/sign-in', ['{"email":"', 'x'.repeat(2 * 1024 * 1024), '"}'], declared);
        expect(api.status, `declared ${declared}`).toBe(413);
      }
      const small = await post('/v2/enqueue', ['{"routing_key":"nope"}'], false);
      expect(small.status).toBe(400);
    } finally {
      await s.stop();
    }
  });
});
