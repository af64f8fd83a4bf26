import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { auth, catalog, inTransaction, loadConfig, startServer, type RunningServer } from '@operable/server';
import { CreateService, CreateTeam, CreateUser } from '@operable/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeConfigFile } from './config-file.js';
import { runCli } from './program.js';

async function cli(configPath: string, ...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), configPath, env: {} });
  return { code, stdout, stderr };
}

/** The health commands against a real in-process server: Ana logs toil from her terminal. */
describe('operable toil and report commands', () => {
  let running: RunningServer;
  let dir: string;
  let configPath: string;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'operable-cli-health-'));
    running = await startServer(loadConfig({ PORT: '0', OPERABLE_DATA_DIR: 'memory://', OPERABLE_LOG_LEVEL: 'fatal' }), 'all');
    const token = await inTransaction(running.operable.deps.database.db, async (trx) => {
      const system = running.operable.systemCtx(trx);
      const ana = await auth.createUser(system, CreateUser.parse({ name: 'Ana', email: 'ana@example.com', role: 'responder', timeZone: 'Europe/Berlin' }));
      const team = await catalog.createTeam(system, CreateTeam.parse({ name: 'Payments', memberIds: [ana.id] }));

      await catalog.createService(system, CreateService.parse({ name: 'api', teamId: team.id }));
      const key = await auth.createApiKey({ ...system, actor: { kind: 'user', userId: ana.id, role: 'responder', teamIds: [team.id], label: 'Ana' } }, { name: 'cli', role: 'responder' });
      return key.token;
    });
    configPath = path.join(dir, 'config.json');
    writeConfigFile(configPath, { url: running.url, key: token });
  });
  afterAll(async () => {
    await running?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('toil log 45m "rotated certs by hand" --service api', async () => {
    const r = await cli(configPath, 'toil', 'log', '45m', 'rotated certs by hand', '--service', 'api', '--category', 'manual_ops');
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toMatch(/^Logged 45m of toil on \d{4}-\d{2}-\d{2} for api: rotated certs by hand\n$/);
    const again = await cli(configPath, 'toil', 'log', '1h30m', 'restarted the queue');
    expect(again.stdout).toContain('Logged 1h 30m of toil');
  });

  it('report weekly --team payments --format md prints the review; html and the org too', async () => {
    const md = await cli(configPath, 'report', 'weekly', '--team', 'payments', '--format', 'md');
    expect(md).toMatchObject({ code: 0, stderr: '' });
    expect(md.stdout).toMatch(/^# Weekly operational review: Payments\n/);
    expect(md.stdout).toContain('## Pager load');
    const html = await cli(configPath, 'report', 'weekly', '--team', 'Payments', '--format', 'html');
    expect(html.stdout).toMatch(/^<!DOCTYPE html>/);
    const org = await cli(configPath, 'report', 'weekly');
    expect(org.stdout).toContain('# Weekly operational review: Organisation');
    const orgMd = await cli(configPath, 'report', 'weekly', '--org', '--format', 'md');
    expect(orgMd).toMatchObject({ code: 0, stderr: '' });
    expect(orgMd.stdout).toMatch(/^# Weekly operational review: Organisation\n/);
    expect(orgMd.stdout).toContain('## Post-mortems due');
    const both = await cli(configPath, 'report', 'weekly', '--org', '--team', 'payments');
    expect(both.code).not.toBe(0);
    expect(both.stderr).toContain('Use --team or --org, not both.');
    const bad = await cli(configPath, 'report', 'weekly', '--format', 'pdf');
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('Expected md, html or json.');
    const unknown = await cli(configPath, 'report', 'weekly', '--team', 'nobody');
    expect(unknown.stderr).toContain('No team named "nobody"');
  });

  it('refuses a duration it cannot read, and names what the server refused', async () => {
    const bad = await cli(configPath, 'toil', 'log', 'soon', 'x');
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('Expected a duration from 1m to 24h');
    const future = await cli(configPath, 'toil', 'log', '5m', 'x', '--on', '2999-01-01');
    expect(future.code).not.toBe(0);
    expect(future.stderr).toContain('doneOn');
  });

});
