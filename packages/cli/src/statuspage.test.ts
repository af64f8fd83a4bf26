import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './program.js';

/** `operable statuspage export|publish` on the server host, against its embedded database. */
describe('statuspage export and publish', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'operable-cli-sp-'));
  const env: Record<string, string> = { OPERABLE_DATA_DIR: path.join(dir, 'data'), OPERABLE_PUBLIC_URL: 'https://ops.example.com' };
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function cli(extra: Record<string, string>, ...argv: string[]) {
    let stdout = '';
    let stderr = '';
    const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env: { ...env, ...extra }, configPath: path.join(dir, 'cfg.json') });
    return { code, stdout, stderr };
  }

  it('export writes the page, the JSON API, the feeds and _headers', async () => {
    const out = path.join(dir, 'site');
    const r = await cli({}, 'statuspage', 'export', out);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Wrote 13 files to');
    for (const f of ['index.html', 'uptime.html', 'api/v2/summary.json', 'history.atom', 'history.rss', '_headers']) expect(existsSync(path.join(out, f)), f).toBe(true);
    expect(JSON.parse(readFileSync(path.join(out, 'api/v2/status.json'), 'utf8')).page.url).toBe('https://ops.example.com/status');
  });

  it('publish writes to the configured directory and runs the command there; a failing command fails', async () => {
    const out = path.join(dir, 'publish');
    const ok = await cli({ OPERABLE_STATUSPAGE_DIR: out, OPERABLE_STATUSPAGE_PUBLISH_COMMAND: 'ls > listing.txt' }, 'statuspage', 'publish');
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('Published.');
    expect(readFileSync(path.join(out, 'listing.txt'), 'utf8')).toContain('index.html');
    const bad = await cli({ OPERABLE_STATUSPAGE_DIR: out, OPERABLE_STATUSPAGE_PUBLISH_COMMAND: 'exit 3' }, 'statuspage', 'publish');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('exit code 3');
    const nowhere = await cli({}, 'statuspage', 'publish');
    expect(nowhere.code).toBe(2);
  });
});
