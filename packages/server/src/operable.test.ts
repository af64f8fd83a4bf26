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
});
