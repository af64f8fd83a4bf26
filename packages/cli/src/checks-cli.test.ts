import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { auth, catalog, inTransaction, loadConfig, startServer, type RunningServer } from '@operable/server';
import { CreateTeam, CreateUser } from '@operable/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './program.js';

/** `operable checks list|add|pause|resume` against a real server, in-process. */
describe('operable checks', () => {
  let running: RunningServer;
  let dir: string;
  let target: Server;
  let configPath: string;
  const cli = async (...argv: string[]) => {
    let stdout = '';
    let stderr = '';
    const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), configPath, env: {} });
    return { code, stdout, stderr };
  };

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'operable-cli-checks-'));
    configPath = path.join(dir, 'config.json');
    target = createServer((_req, res) => res.writeHead(200).end('ok'));
    await new Promise<void>((r) => target.listen(0, '127.0.0.1', () => r()));
    running = await startServer(loadConfig({ PORT: '0', OPERABLE_DATA_DIR: 'memory://', OPERABLE_LOG_LEVEL: 'fatal' }), 'api');
    const { operable } = running;
    const key = await inTransaction(operable.deps.database.db, async (trx) => {
      const system = operable.systemCtx(trx);
      const admin = await auth.createUser(system, CreateUser.parse({ name: 'Ada', email: 'ada@example.com', role: 'admin', password: 'correct horse battery staple' }));
      const team = await catalog.createTeam(system, CreateTeam.parse({ name: 'Web' }));
      await catalog.createService(system, { name: 'storefront', teamId: team.id, tags: [] } as never);
      const actor = { kind: 'user' as const, userId: admin.id, role: 'admin' as const, teamIds: [], label: admin.email };
      return auth.createApiKey({ ...system, actor }, { name: 'cli', role: 'admin' });
    });
    expect((await cli('login', '--url', running.url, '--key', key.token)).code).toBe(0);
  });

  afterAll(async () => {
    await running?.stop();
    await new Promise<void>((r) => target.close(() => r()));
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('adds checks of each kind, lists them, pauses and resumes one', async () => {
    const port = (target.address() as AddressInfo).port;
    const http = await cli('checks', 'add', 'Shop home', '--service', 'storefront', '--url', `http://127.0.0.1:${port}/`, '--keyword', 'ok', '--status', '200,204', '--allow-internal');
    expect(http).toMatchObject({ code: 0, stderr: '' });
    expect(http.stdout).toMatch(/^Check [0-9a-f-]{36} added: Shop home \(http:\/\/127\.0\.0\.1:\d+\/\) every 60 s, on storefront\.\n$/);
    expect((await cli('checks', 'add', 'Shop cert', '--service', 'storefront', '--tls', 'shop.example.com', '--min-days', '21', '--interval', '3600')).code).toBe(0);
    expect((await cli('checks', 'add', 'DB port', '--service', 'storefront', '--tcp', 'db.example.com:5432')).code).toBe(0);
    expect((await cli('checks', 'add', 'MX', '--service', 'storefront', '--dns', 'example.com', '--record', 'mx', '--expected', 'mail.example.com')).code).toBe(0);

    const list = await cli('checks', 'list');
    expect(list.stdout).toContain('shop.example.com:443');
    expect(list.stdout).toContain('MX example.com');
    expect(list.stdout.split('\n')[0]).toMatch(/^STATE\s+NAME\s+SERVICE\s+TARGET\s+LAST RESULT$/);
    const json = JSON.parse((await cli('checks', 'list', '--json', '--service', 'storefront')).stdout) as { name: string }[];
    expect(json.map((c) => c.name).sort()).toEqual(['DB port', 'MX', 'Shop cert', 'Shop home']);

    expect(await cli('checks', 'pause', 'shop home')).toMatchObject({ code: 0, stdout: 'Shop home paused: no probes until resumed.\n' });
    expect((await cli('checks', 'list')).stdout).toMatch(/paused\s+Shop home/);
    expect(await cli('checks', 'resume', 'Shop home')).toMatchObject({ code: 0, stdout: 'Shop home resumed: probing again.\n' });
  });

  it('says what is wrong, with the usage exit code for bad arguments', async () => {
    expect((await cli('checks', 'add', 'x', '--service', 'storefront')).stderr).toContain('Give exactly one of --url, --tcp, --tls or --dns.');
    expect((await cli('checks', 'add', 'x', '--service', 'storefront', '--url', 'http://a.example', '--interval', '5')).code).toBe(2);
    expect((await cli('checks', 'add', 'x', '--service', 'storefront', '--tcp', 'no-port')).stderr).toContain('Expected host:port');
    const refused = await cli('checks', 'add', 'x', '--service', 'storefront', '--url', 'http://10.0.0.1/');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('internal address');
    expect((await cli('checks', 'pause', 'nothing like it')).stderr).toContain('No check named or with ID "nothing like it"');
  });
});
