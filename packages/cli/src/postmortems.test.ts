import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { auth, inTransaction, loadConfig, loadDemo, startServer, type RunningServer } from '@operable/server';
import { CreateUser } from '@operable/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './program.js';

const ADMIN = { name: 'Pat Admin', email: 'pat@example.com', password: 'correct horse battery staple' };

/** `operable postmortem list|show|export` against a real server holding the demo's two post-mortems. */
describe('operable postmortem', () => {
  let running: RunningServer;
  let dir: string;
  let configPath: string;
  const cli = async (...argv: string[]) => {
    let stdout = '';
    let stderr = '';
    const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), configPath, env: {} });
    return { code, stdout, stderr };
  };

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'operable-cli-pm-'));
    configPath = path.join(dir, 'config.json');
    running = await startServer(loadConfig({ PORT: '0', OPERABLE_DATA_DIR: 'memory://', OPERABLE_LOG_LEVEL: 'fatal' }), 'api');
    await inTransaction(running.operable.deps.database.db, async (trx) => {
      const system = running.operable.systemCtx(trx);
      await auth.createUser(system, CreateUser.parse({ ...ADMIN, role: 'admin', timeZone: 'UTC' }));
      await loadDemo(system);
    });
    const signIn = await fetch(`${running.url}/api/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: ADMIN.email, password: ADMIN.password }) });
    const cookie = signIn.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const { csrfToken } = (await signIn.json()) as { csrfToken: string };
    const key = await fetch(`${running.url}/api/api-keys`, { method: 'POST', headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken }, body: JSON.stringify({ name: 'cli', role: 'admin' }) });
    const { token } = (await key.json()) as { token: string };
    expect((await cli('login', '--url', running.url, '--key', token)).code).toBe(0);
  });
  afterAll(async () => {
    await running?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('lists post-mortems with what is late, and only the late ones with --late', async () => {
    const all = await cli('postmortem', 'list');
    expect(all).toMatchObject({ code: 0, stderr: '' });
    const lines = all.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^INCIDENT\s+SEV\s+STATE\s+OWNER\s+LATE\s+TITLE$/);
    expect(lines).toHaveLength(3);
    expect(all.stdout).toMatch(/#\d+\s+SEV2\s+reviewed\s+Sofia Alvarez\s+1 item overdue\s+SEV2 #\d+: Card payments declined/);
    expect(all.stdout).toMatch(/#\d+\s+SEV3\s+draft\s+Hannah Kim\s+-\s+SEV3 #\d+: Push notifications delayed/);
    const late = await cli('postmortem', 'list', '--late');
    expect(late.stdout.trim().split('\n')).toHaveLength(2);
    expect((await cli('postmortem', 'list', '--search', 'certificates')).stdout).toContain('Card payments declined');
    expect((await cli('postmortem', 'list', '--severity', '9')).code).not.toBe(0);
  });

  it('shows one by incident number, and exports it as Markdown and HTML', async () => {
    const number = /#(\d+)\s+SEV2/.exec((await cli('postmortem', 'list')).stdout)![1]!;
    const show = await cli('postmortem', 'show', `#${number}`);
    expect(show).toMatchObject({ code: 0, stderr: '' });
    expect(show.stdout).toMatch(/Facilitator\s+Lena Fischer/);
    expect(show.stdout).toMatch(/Late\s+1 item overdue/);
    expect(show.stdout).toMatch(/Group declines by reason on the payments dashboard\s+Sofia Alvarez\s+\d{4}-\d{2}-\d{2} OVERDUE\s+detect\s+open/);
    const md = await cli('postmortem', 'export', number);
    expect(md.stdout).toMatch(/^# SEV2 #\d+: Card payments declined after acquirer certificate rotation\n/);
    expect(md.stdout).toContain('## Where we got lucky\n\nIt happened on a Tuesday morning');
    const file = path.join(dir, 'pm.html');
    expect((await cli('postmortem', 'export', number, '--format', 'html', '--output', file)).stdout).toContain(`Wrote ${file}`);
    expect(readFileSync(file, 'utf8')).toMatch(/^<!doctype html>[\s\S]*<h2>Action items<\/h2>/);
    const missing = await cli('postmortem', 'show', '#99999');
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('Incident #99999 has no post-mortem');
  });
});
