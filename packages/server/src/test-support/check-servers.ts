import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createServer as createTlsServer } from 'node:tls';
import { createSocket } from 'node:dgram';

/** Local targets for synthetic checks: HTTP, TCP, TLS with a certificate of chosen life, DNS. */

export interface HttpTarget {
  url: string;
  /** What /health answers: flip it to make a check fail and recover. */
  healthy: boolean;
  requests: number;
  close(): Promise<void>;
}

export async function startHttpTarget(): Promise<HttpTarget> {
  const target = { healthy: true, requests: 0 } as HttpTarget;
  const server = createHttpServer((req, res) => {
    target.requests++;
    const url = new URL(req.url ?? '/', 'http://x');
    switch (url.pathname) {
      case '/health':
        res.writeHead(target.healthy ? 200 : 503, { 'content-type': 'text/plain' }).end(target.healthy ? 'all systems go' : 'database unreachable');
        return;
      case '/ok':
        res.writeHead(200, { 'content-type': 'text/html' }).end('<h1>hello world</h1>');
        return;
      case '/teapot':
        res.writeHead(418).end('short and stout');
        return;
      case '/slow':
        setTimeout(() => res.writeHead(200).end('finally'), Number(url.searchParams.get('ms') ?? 300));
        return;
      case '/hang':
        return; // never answers
      case '/redirect':
        res.writeHead(302, { location: '/ok' }).end();
        return;
      case '/away':
        res.writeHead(302, { location: `${target.url}/ok` }).end();
        return;
      case '/loop':
        res.writeHead(302, { location: '/loop' }).end();
        return;
      case '/method':
        res.writeHead(200).end(`method ${req.method} header ${req.headers['x-probe'] ?? 'none'}`);
        return;
      default:
        res.writeHead(404).end('not found');
    }
  });
  const port = await listenOn(server);
  target.url = `http://127.0.0.1:${port}`;
  target.close = () => closeServer(server);
  return target;
}

function listenOn(server: Server | ReturnType<typeof createNetServer>): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

function closeServer(server: Server | ReturnType<typeof createNetServer>): Promise<void> {
  (server as Server).closeAllConnections?.();
  return new Promise((resolve) => server.close(() => resolve()));
}

/** A TCP port that accepts, and one that refuses (nothing listens there any more). */
export async function startTcpTarget(): Promise<{ port: number; closedPort: number; close(): Promise<void> }> {
  const server = createNetServer((socket) => socket.end());
  const port = await listenOn(server);
  const gone = createNetServer();
  const closedPort = await listenOn(gone);
  await closeServer(gone);
  return { port, closedPort, close: () => closeServer(server) };
}

/** A TLS server whose self-signed certificate (for localhost / 127.0.0.1) is valid for `days` days from now. */
export async function startTlsTarget(days: number): Promise<{ port: number; close(): Promise<void> }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'operable-tls-'));
  try {
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
      '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem'),
      '-days', String(days), '-subj', '/CN=localhost', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost',
    ], { stdio: 'ignore' });
    const server = createTlsServer({ key: readFileSync(path.join(dir, 'key.pem')), cert: readFileSync(path.join(dir, 'cert.pem')) }, (socket) => socket.end());
    const port = await listenOn(server as never);
    return { port, close: () => closeServer(server as never) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * A tiny name server on UDP 127.0.0.1: answers A and TXT questions from `records`
 * (name → addresses / texts), NXDOMAIN for unknown names. Enough of RFC 1035 for a
 * resolver to be satisfied; nothing more.
 */
export async function startDnsTarget(records: Record<string, { A?: string[]; TXT?: string[] }>): Promise<{ server: string; queries: number; close(): Promise<void> }> {
  const socket = createSocket('udp4');
  const state = { queries: 0 } as { server: string; queries: number; close(): Promise<void> };
  socket.on('message', (msg, from) => {
    state.queries++;
    const id = msg.readUInt16BE(0);
    let offset = 12;
    const labels: string[] = [];
    while (msg[offset]! > 0) {
      const len = msg[offset]!;
      labels.push(msg.subarray(offset + 1, offset + 1 + len).toString('ascii'));
      offset += len + 1;
    }
    offset += 1;
    const type = msg.readUInt16BE(offset);
    const question = msg.subarray(12, offset + 4);
    const entry = records[labels.join('.').toLowerCase()];
    const answers: Buffer[] = [];
    if (entry && type === 1) for (const a of entry.A ?? []) answers.push(rr(1, Buffer.from(a.split('.').map(Number))));
    if (entry && type === 16) for (const t of entry.TXT ?? []) answers.push(rr(16, Buffer.concat([Buffer.from([t.length]), Buffer.from(t, 'ascii')])));
    const header = Buffer.alloc(12);
    header.writeUInt16BE(id, 0);
    header.writeUInt16BE(0x8180 | (entry ? 0 : 3), 2); // response, recursion available; rcode 3 = NXDOMAIN
    header.writeUInt16BE(1, 4);
    header.writeUInt16BE(answers.length, 6);
    socket.send(Buffer.concat([header, question, ...answers]), from.port, from.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', () => resolve()));
  state.server = `127.0.0.1:${socket.address().port}`;
  state.close = () => new Promise((resolve) => socket.close(() => resolve()));
  return state;
}

/** One answer record pointing back at the question's name (compression pointer to offset 12). */
function rr(type: number, data: Buffer): Buffer {
  const head = Buffer.alloc(12);
  head.writeUInt16BE(0xc00c, 0);
  head.writeUInt16BE(type, 2);
  head.writeUInt16BE(1, 4); // class IN
  head.writeUInt32BE(60, 6); // TTL
  head.writeUInt16BE(data.length, 10);
  return Buffer.concat([head, data]);
}
