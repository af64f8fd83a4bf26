import { describe, expect, it } from 'vitest';
import { runCli } from './program.js';

describe('operable serve (in-process)', () => {
  it('starts, prints the first-admin link, answers HTTP and stops cleanly on a signal', async () => {
    let stdout = '';
    let stderr = '';
    let announceStarted!: () => void;
    const started = new Promise<void>((resolve) => (announceStarted = resolve));
    let sendSignal!: (signal: string) => void;
    const signal = new Promise<string>((resolve) => (sendSignal = resolve));

    const run = runCli(['serve', '--role', 'all'], {
      env: { PORT: '0', OPERABLE_DATA_DIR: 'memory://', OPERABLE_LOG_LEVEL: 'error', OPERABLE_ADMIN_EMAIL: 'Root@Example.com' },
      stdout: (t) => {
        stdout += t;
        if (stdout.includes('Press Ctrl+C to stop.')) announceStarted();
      },
      stderr: (t) => (stderr += t),
      waitForShutdown: () => signal,
    });
    await Promise.race([
      started,
      run.then((code) => {
        throw new Error(`serve exited early with ${code}: ${stderr}`);
      }),
    ]);

    expect(stdout).toContain('Operable created the first admin account.');
    expect(stdout).toContain('  Email: root@example.com');
    expect(stdout).toMatch(/reset-password\?token=\S+/);
    expect(stdout).toContain('There is no default password.');
    expect(stdout).toMatch(/shown only this once, works once, and expires at \d{4}-\d\d-\d\d \d\d:\d\d UTC/);
    const url = /listening at (http:\/\/127\.0\.0\.1:\d+);/.exec(stdout)?.[1];
    expect(url).toBeDefined();
    expect((await fetch(`${url}/healthz`)).status).toBe(200);

    sendSignal('SIGTERM');
    expect(await run).toBe(0);
    expect(stdout).toContain('Received SIGTERM; stopping…');
    expect(stdout.trimEnd().endsWith('Stopped.')).toBe(true);
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
    expect(stderr).toBe('');
  });

  it('names a bad variable and exits 2 without starting', async () => {
    let stderr = '';
    const code = await runCli(['serve'], {
      env: { PORT: '99999', OPERABLE_DATA_DIR: 'memory://' },
      stdout: () => {},
      stderr: (t) => (stderr += t),
      waitForShutdown: () => new Promise(() => {}),
    });
    expect(code).toBe(2);
    expect(stderr).toContain('PORT:');
    expect(stderr).toContain('"99999"');
    expect(stderr).toContain('operable serve --help');
  });
});
