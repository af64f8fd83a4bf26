import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { auth, inTransaction, loadConfig, startServer, type RunningServer } from '@operable/server';
import { CreateUser } from '@operable/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeConfigFile } from './config-file.js';
import { queuePath, readQueue, shellLine, TailBuffer } from './exec-record.js';
import { runCli } from './program.js';

const ADMIN = { name: 'Ines Incident', email: 'ines@example.com', password: 'correct horse battery staple' };

async function cli(configPath: string, ...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), configPath, env: {} });
  return { code, stdout, stderr };
}

describe('exec record helpers', () => {
  it('keeps the last lines of a long stream and says it cut', () => {
    const buffer = new TailBuffer(100);
    for (let i = 0; i < 50; i++) buffer.push(`line ${i}\n`);
    const { text, truncated } = buffer.tail(3, 1000);
    expect(text).toBe('line 47\nline 48\nline 49');
    expect(truncated).toBe(true);
    const short = new TailBuffer();
    short.push('only\n');
    expect(short.tail()).toEqual({ text: 'only', truncated: false });
  });
  it('shows a command line as it would be typed', () => {
    expect(shellLine(['kubectl', 'rollout', 'undo', 'deploy/api'])).toBe('kubectl rollout undo deploy/api');
    expect(shellLine(['sh', '-c', "echo 'hi' && exit 3", ''])).toBe(`sh -c 'echo '\\''hi'\\'' && exit 3' ''`);
  });
});

describe('operable incident and exec against a real server', () => {
  let running: RunningServer;
  let dir: string;
  let configPath: string;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'operable-cli-incidents-'));
    configPath = path.join(dir, 'config.json');
    running = await startServer(loadConfig({ PORT: '0', OPERABLE_DATA_DIR: 'memory://', OPERABLE_LOG_LEVEL: 'fatal' }), 'all');
    await inTransaction(running.operable.deps.database.db, (trx) => auth.createUser(running.operable.systemCtx(trx), CreateUser.parse({ ...ADMIN, role: 'admin' })));
    const signIn = await fetch(`${running.url}/api/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: ADMIN.email, password: ADMIN.password }) });
    const cookie = signIn.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const { csrfToken } = (await signIn.json()) as { csrfToken: string };
    const post = async (p: string, body: unknown) => {
      const res = await fetch(`${running.url}${p}`, { method: 'POST', headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken }, body: JSON.stringify(body) });
      expect(res.status, p).toBe(201);
      return res.json() as Promise<any>;
    };
    const team = await post('/api/teams', { name: 'Platform' });
    await post('/api/services', { name: 'api', teamId: team.id, runbookMarkdown: '- [ ] Check the API dashboard' });
    const { token } = await post('/api/api-keys', { name: 'cli', role: 'admin' });
    writeConfigFile(configPath, { url: running.url, key: token });
  });

  afterAll(async () => {
    await running?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('declare → list → role → update → note → show → resolve', async () => {
    const declared = await cli(configPath, 'incident', 'declare', 'API errors', '--sev', '2', '--service', 'api');
    expect(declared).toMatchObject({ code: 0, stderr: '' });
    expect(declared.stdout).toContain('Declared incident #1 (SEV2): API errors');
    expect(declared.stdout).toContain(`${running.url}/incidents/1`);

    const list = await cli(configPath, 'incident', 'list');
    expect(list.stdout).toMatch(/1\s+SEV2\s+investigating\s+.*Ines Incident\s+API errors/);

    expect((await cli(configPath, 'incident', 'role', '#1', 'communicator', 'ines@example.com')).stdout).toContain('Ines Incident is communicator of #1.');
    const update = await cli(configPath, 'incident', 'update', '1', '-m', 'Rolling back the deploy.', '--status', 'identified', '--next', '15');
    expect(update.stdout).toMatch(/Update posted to #1\. Next one due by \d\d:\d\d UTC\./);
    expect((await cli(configPath, 'incident', 'note', '1', 'Error rate back to normal', '--key-moment', 'mitigated')).code).toBe(0);

    const show = await cli(configPath, 'incident', 'show', '1');
    expect(show.stdout).toContain('#1 SEV2 IDENTIFIED: API errors');
    expect(show.stdout).toContain('commander: Ines Incident; communicator: Ines Incident');
    expect(show.stdout).toContain('[ ] Check the API dashboard');
    expect(show.stdout).toContain('[mitigated] Error rate back to normal');

    expect((await cli(configPath, 'incident', 'resolve', '1')).stdout).toContain('Incident #1 is resolved.');
    expect((await cli(configPath, 'incident', 'list')).stdout).toBe('No open incidents.\n');
    const bad = await cli(configPath, 'incident', 'declare', 'x', '--sev', '9');
    expect(bad.code).toBe(2);
  });

  it('exec streams the output, keeps the exit code and records the run', async () => {
    await cli(configPath, 'incident', 'declare', 'Disk full', '--sev', '3', '--service', 'api');
    const script = "console.log('freed 2 GB'); console.error('token=s3cret'); process.exit(3)";
    const run = await cli(configPath, 'exec', '--incident', '2', '--', process.execPath, '-e', script);
    expect(run.code).toBe(3);
    expect(run.stdout).toBe('freed 2 GB\n');
    expect(run.stderr).toContain('token=s3cret');
    expect(run.stderr).toContain('operable: recorded on incident #2.');
    const detail = JSON.parse((await cli(configPath, 'incident', 'show', '2', '--json')).stdout);
    const entry = detail.timeline.find((e: { kind: string }) => e.kind === 'command');
    expect(entry.text).toContain('failed (exit 3)');
    expect(entry.data).toMatchObject({ exitCode: 3, cwd: process.cwd() });
    const res = await fetch(`${running.url}/api/incidents/2/commands`, { headers: { authorization: `Bearer ${JSON.parse(readFileSync(configPath, 'utf8')).key}` } });
    const [command] = ((await res.json()) as { items: { outputTail: string }[] }).items;
    expect(command!.outputTail).toBe('freed 2 GB\ntoken=[REDACTED]');
  });

  it('exec queues the record when the server is unreachable, says so, and sends it later', async () => {
    const { key } = JSON.parse(readFileSync(configPath, 'utf8'));
    const away = path.join(dir, 'away', 'config.json');
    writeConfigFile(away, { url: 'http://127.0.0.1:9', key });
    const run = await cli(away, 'exec', '--incident', '2', '--', process.execPath, '-e', "console.log('restarted')");
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('restarted\n');
    expect(run.stderr).toMatch(/Cannot reach http:\/\/127\.0\.0\.1:9.*queued and will be sent by the next `operable exec`/);
    expect(readQueue(away)).toHaveLength(1);

    // The server is back (the same queue file, now beside a config that reaches it).
    writeConfigFile(away, { url: running.url, key });
    const flushed = await cli(away, 'exec', '--flush');
    expect(flushed.stderr).toContain('operable: sent 1 queued command record.');
    expect(readFileSync(queuePath(away), 'utf8')).toBe('');
    const detail = JSON.parse((await cli(configPath, 'incident', 'show', '2', '--json')).stdout);
    expect(detail.timeline.filter((e: { kind: string }) => e.kind === 'command')).toHaveLength(2);
    // Nothing is left to send.
    expect((await cli(away, 'exec', '--flush')).stdout).toBe('Nothing queued.\n');
  });
});
