import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { auth, inTransaction, loadConfig, loadDemo, startServer, type RunningServer } from '@operable/server';
import { CreateUser, type Service } from '@operable/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfigFile } from './config-file.js';
import { runCli } from './program.js';

const ADMIN = { name: 'Ada Admin', email: 'ada@example.com', password: 'correct horse battery staple' };

/** Runs the CLI in-process against a temporary config file; never touches ~ or spawns anything. */
async function cli(configPath: string, ...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), configPath, env: {} });
  return { code, stdout, stderr };
}

describe('operable CLI against a real server', () => {
  let running: RunningServer;
  let dir: string;
  let session: { cookie: string; csrfToken: string };

  /** A new API key through the HTTP API, as a person would create one in the web UI. */
  async function createKey(name: string, role = 'admin'): Promise<{ id: string; token: string }> {
    const res = await fetch(`${running.url}/api/api-keys`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: session.cookie, 'x-csrf-token': session.csrfToken },
      body: JSON.stringify({ name, role }),
    });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { apiKey: { id: string }; token: string };
    return { id: body.apiKey.id, token: body.token };
  }

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'operable-cli-e2e-'));
    running = await startServer(loadConfig({ PORT: '0', OPERABLE_DATA_DIR: 'memory://', OPERABLE_LOG_LEVEL: 'error' }), 'all');
    const { operable } = running;
    await inTransaction(operable.deps.database.db, async (trx) => {
      const system = operable.systemCtx(trx);
      await auth.createUser(system, CreateUser.parse({ ...ADMIN, role: 'admin', timeZone: 'Europe/London' }));
      await loadDemo(system);
    });
    const res = await fetch(`${running.url}/api/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: ADMIN.email, password: ADMIN.password }),
    });
    expect(res.status).toBe(200);
    const cookie = res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    session = { cookie, csrfToken: ((await res.json()) as { csrfToken: string }).csrfToken };
  });

  afterAll(async () => {
    await running?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('login → whoami → services list', async () => {
    const configPath = path.join(dir, 'main', 'config.json');
    const { token } = await createKey('cli e2e');

    const login = await cli(configPath, 'login', '--url', `${running.url}/`, '--key', token);
    expect(login).toMatchObject({ code: 0, stderr: '' });
    expect(login.stdout).toContain(`Logged in to ${running.url} as Ada Admin <ada@example.com> (admin).`);
    expect(readConfigFile(configPath)).toEqual({ url: running.url, key: token });
    if (process.platform !== 'win32') expect(statSync(configPath).mode & 0o777).toBe(0o600);

    const whoami = await cli(configPath, 'whoami');
    expect(whoami).toMatchObject({ code: 0, stderr: '' });
    expect(whoami.stdout.split('\n')).toEqual([
      'Name       Ada Admin',
      'Email      ada@example.com',
      'Role       admin',
      'Time zone  Europe/London',
      `API key    cli e2e (${token.slice(0, 10)}…, acts as admin)`,
      `Server     ${running.url}`,
      '',
    ]);

    const json = await cli(configPath, 'services', 'list', '--json');
    expect(json).toMatchObject({ code: 0, stderr: '' });
    const services = JSON.parse(json.stdout) as Service[];
    expect(services).toHaveLength(8);
    expect(services.map((s) => s.name)).toContain('checkout-api');
    expect(services.every((s) => s.runbookMarkdown.includes('## Escalation'))).toBe(true);

    const table = await cli(configPath, 'services', 'list', '--team', 'payments');
    expect(table.code).toBe(0);
    const lines = table.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^NAME\s+TEAM\s+TAGS\s+RUNBOOK$/);
    expect(lines.slice(1).map((l) => l.split(/\s+/)[0])).toEqual(['billing-worker', 'checkout-api', 'payment-processor']);
    expect(lines[2]).toContain('https://runbooks.example.com/payments/checkout-api');

    const tagged = await cli(configPath, 'services', 'list', '--tag', 'mobile', '--json');
    expect((JSON.parse(tagged.stdout) as Service[]).map((s) => s.name)).toEqual(['mobile-bff', 'push-notifications']);
  });

  it('prints API errors readably with exit code 1', async () => {
    const configPath = path.join(dir, 'errors', 'config.json');
    const { token } = await createKey('cli errors');
    expect((await cli(configPath, 'login', '--url', running.url, '--key', token)).code).toBe(0);

    const badTag = await cli(configPath, 'services', 'list', '--tag', 'no spaces allowed');
    expect(badTag.code).toBe(1);
    expect(badTag.stdout).toBe('');
    expect(badTag.stderr).toContain('(validation_failed, HTTP 400)');
    expect(badTag.stderr).toContain('  query.tag: Letters, digits and . _ : / - only');

    const badTeam = await cli(configPath, 'services', 'list', '--team', 'Marketing');
    expect(badTeam.code).toBe(1);
    expect(badTeam.stderr).toContain('No team named "Marketing" (teams: Mobile, Payments, Platform)');
  });

  it('rejects a wrong key at login without saving it, and a revoked key afterwards', async () => {
    const configPath = path.join(dir, 'revoked', 'config.json');
    const wrong = await cli(configPath, 'login', '--url', running.url, '--key', 'opk_not-a-real-key');
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('error: The API key is unknown or revoked (unauthenticated, HTTP 401)');
    expect(readConfigFile(configPath)).toBeNull();

    const key = await createKey('soon revoked');
    expect((await cli(configPath, 'login', '--url', running.url, '--key', key.token)).code).toBe(0);
    const revoke = await fetch(`${running.url}/api/api-keys/${key.id}`, {
      method: 'DELETE',
      headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken },
    });
    expect(revoke.status).toBe(204);
    const whoami = await cli(configPath, 'whoami');
    expect(whoami.code).toBe(1);
    expect(whoami.stderr).toContain('The API key is unknown or revoked');
    expect(whoami.stderr).toContain('operable login');
  });

  it('a viewer key acts with the viewer role', async () => {
    const configPath = path.join(dir, 'viewer', 'config.json');
    const { token } = await createKey('read only', 'viewer');
    const login = await cli(configPath, 'login', '--url', running.url, '--key', token);
    // /api/me describes the person; the CLI also says what the key may do.
    expect(login.stdout).toContain('as Ada Admin <ada@example.com> (admin; this key acts as viewer).');
    const whoami = await cli(configPath, 'whoami');
    expect(whoami.stdout).toContain('Role       admin');
    expect(whoami.stdout).toContain(`API key    read only (${token.slice(0, 10)}…, acts as viewer)`);
  });
});
