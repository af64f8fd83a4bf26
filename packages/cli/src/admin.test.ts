import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './program.js';

/**
 * The admin verbs open the database themselves, so these tests share one embedded
 * database in a temporary directory, run by run, like a person at the server host.
 */
describe('admin verbs on the server database', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'operable-cli-admin-'));
  const env = { OPERABLE_DATA_DIR: path.join(dir, 'data'), OPERABLE_PUBLIC_URL: 'https://ops.example.com' };
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function cli(...argv: string[]) {
    let stdout = '';
    let stderr = '';
    const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env, configPath: path.join(dir, 'cfg.json') });
    return { code, stdout, stderr };
  }

  it('migrate applies the migrations once', async () => {
    const first = await cli('migrate');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/Applied \d+ migrations?:\n {2}0001_/);
    const second = await cli('migrate');
    expect(second.stdout).toContain('Database is up to date.');
  });

  it('user add bootstraps the first admin on an empty database, then creates the user with a link', async () => {
    const add = await cli('user', 'add', '--email', 'Jo@Example.com', '--name', 'Jo Park', '--time-zone', 'Asia/Kolkata');
    expect(add.code).toBe(0);
    // The migrated database had no users yet: the first admin's one-time link comes first.
    expect(add.stdout).toContain('Email: admin@operable.local');
    expect(add.stdout).toContain('Created responder Jo Park <jo@example.com> (time zone Asia/Kolkata).');
    expect(add.stdout.match(/https:\/\/ops\.example\.com\/reset-password\?token=/g)).toHaveLength(2);

    const again = await cli('user', 'add', '--email', 'jo@example.com', '--name', 'Jo Again');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('error: A user with email jo@example.com already exists');
    expect(again.stderr).toContain('  email: Already in use');
    expect(again.stdout).not.toContain('first admin');
  });

  it('user add reports invalid input by flag, with exit code 2', async () => {
    const bad = await cli('user', 'add', '--email', 'not-an-email', '--name', 'X', '--time-zone', 'Mars/Olympus');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('  --email: Invalid email address');
    expect(bad.stderr).toContain('  --time-zone: Unknown IANA time zone');
  });

  it('user reset-link prints a fresh link, or says who is unknown', async () => {
    const link = await cli('user', 'reset-link', '--email', 'ADMIN@operable.local');
    expect(link.code).toBe(0);
    expect(link.stdout).toContain('Set-password link for Administrator <admin@operable.local>:');
    expect(link.stdout).toMatch(/https:\/\/ops\.example\.com\/reset-password\?token=\S+/);
    const missing = await cli('user', 'reset-link', '--email', 'ghost@example.com');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('No user has the email ghost@example.com');
  });

  it('demo loads once and skips everything the second time', async () => {
    const first = await cli('demo');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Teams     3 created (Platform, Payments, Mobile)');
    expect(first.stdout).toContain('People    12 created');
    expect(first.stdout).toMatch(/Services {2}8 created \(api-gateway, /);
    expect(first.stdout).toMatch(/Health {4}12 weeks of pager history for 3 teams \(\d+ page events\), toil and risks/);
    const second = await cli('demo');
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('The demo organization is already loaded; nothing to do.');
    expect(second.stdout).toContain('Left alone: 3 teams, 12 people, 8 services, 3 on-call, 3 incidents, 1 status, 5 checks.');
  });

  it('a bad variable is named, with exit code 2', async () => {
    let stderr = '';
    const code = await runCli(['migrate'], { stdout: () => {}, stderr: (t) => (stderr += t), env: { DATABASE_URL: 'mysql://x' } });
    expect(code).toBe(2);
    expect(stderr).toContain('DATABASE_URL: must start with postgres:// or postgresql://');
  });

  it('a database out of reach is reported with the reason, with exit code 1', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as { port: number }).port;
    await new Promise((r) => closed.close(r)); // nothing listens there now
    let stderr = '';
    const code = await runCli(['migrate'], { stdout: () => {}, stderr: (t) => (stderr += t), env: { DATABASE_URL: `postgres://x@127.0.0.1:${port}/x` } });
    expect(code).toBe(1);
    expect(stderr).toContain('error: The database is unavailable; retry shortly');
    expect(stderr).toContain(`ECONNREFUSED 127.0.0.1:${port}`);
  });
});
