import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './program.js';

/** `operable replay` on the server host: the demo organization, a small history, and the server left untouched. */
describe('operable replay', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'operable-cli-replay-'));
  const env = { OPERABLE_DATA_DIR: path.join(dir, 'data'), OPERABLE_PUBLIC_URL: 'https://ops.example.com' };
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function cli(...argv: string[]) {
    let stdout = '';
    let stderr = '';
    const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env, configPath: path.join(dir, 'cfg.json') });
    return { code, stdout, stderr };
  }

  const history = path.join(dir, 'history.jsonl');
  writeFileSync(
    history,
    [
      JSON.stringify({ at: '2026-03-03T02:00:00Z', service: 'checkout-api', action: 'trigger', dedupKey: 'p99', summary: 'p99 latency above 2 s', severity: 'critical' }),
      JSON.stringify({ at: '2026-03-03T02:30:00Z', service: 'checkout-api', action: 'resolve', dedupKey: 'p99' }),
      '{"at": "2026-03-03T03:00:00Z", "service": "checkout-api"',
      JSON.stringify({ at: '2026-03-03T04:00:00Z', service: 'no-such-service', action: 'trigger', dedupKey: 'x' }),
    ].join('\n'),
  );

  it('replays a history against the demo organization and prints a table, Markdown or JSON', { timeout: 180_000 }, async () => {
    expect((await cli('demo')).code).toBe(0);
    const before = await cli('replay', 'export', '--since', '2020-01-01', '--until', '2030-01-01');
    const table = await cli('replay', '--history', history, '--no-progress');
    expect(table.stderr).toBe('');
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('Replayed 3 events (2026-03-03 to 2026-03-04). 1 bad lines, first: line 3: not valid JSON');

    const md = await cli('replay', '--history', history, '--format', 'md', '--assume-ack', '5,10,15', '--no-progress');
    expect(md.code).toBe(0);
    expect(md.stdout).toMatch(/^# Replay 2026-03-03 → 2026-03-04\n/);
    expect(md.stdout).toContain('1 events could not be replayed (first: line 4, no service named "no-such-service")');

    const json = await cli('replay', '--history', history, '--format', 'json', '--no-progress');
    const outcome = JSON.parse(json.stdout);
    expect(outcome.current.report.alerts.opened).toBe(1);
    expect(outcome.errors).toEqual([{ line: 3, error: 'not valid JSON' }]);

    // The replay ran on a scratch copy: the server's own history is what it was before.
    const after = await cli('replay', 'export', '--since', '2020-01-01', '--until', '2030-01-01');
    expect(after.code).toBe(0);
    expect(after.stdout).toBe(before.stdout);
  });

  it('says what is wrong with its arguments, exit code 2', async () => {
    expect((await cli('replay')).stderr).toContain('--history is required');
    expect((await cli('replay', '--history', history, '--format', 'xml')).code).toBe(2);
    expect((await cli('replay', '--history', path.join(dir, 'missing.jsonl'))).stderr).toContain('--history: cannot read');
    expect((await cli('replay', '--history', history, '--assume-ack', '5,10')).stderr).toContain('one number or three');
    expect((await cli('replay', '--history', history, '--from', 'soon')).code).toBe(2);
  });
});
