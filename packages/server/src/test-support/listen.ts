import { readFileSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import { serve } from '@hono/node-server';
import type { Harness } from './harness.js';

const tlsFile = (name: string) => readFileSync(new URL(`./tls/${name}`, import.meta.url), 'utf8');

/** The test certificate, for clients that must trust the https listener. */
export const TEST_CA = tlsFile('cert.pem');

/**
 * Serves a harness's app on a real port of 127.0.0.1, for real clients (vendor SDKs,
 * Alertmanager) that cannot call it in-process. `tls` serves https with the test
 * certificate (see tls/README.md).
 */
export async function listen(h: Harness, o: { tls?: boolean } = {}): Promise<{ url: string; host: string; close(): Promise<void> }> {
  const tls = o.tls ? { createServer: createHttpsServer, serverOptions: { key: tlsFile('key.pem'), cert: TEST_CA } } : {};
  let port = 0;
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: h.operable.app.fetch, hostname: '127.0.0.1', port: 0, ...tls }, (info) => {
      port = info.port;
      resolve(s);
    });
  });
  const host = `127.0.0.1:${port}`;
  return {
    url: `${o.tls ? 'https' : 'http'}://${host}`,
    host,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Clients keep connections alive; close would wait for them to time out.
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      }),
  };
}
