import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { configFilePath, isExposed, readConfigFile, writeConfigFile } from './config-file.js';
import { CliError } from './context.js';

const made: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'operable-cli-'));
  made.push(dir);
  return dir;
};
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
const mode = (file: string) => statSync(file).mode & 0o777;
const posix = process.platform !== 'win32';

describe('configFilePath', () => {
  it('prefers OPERABLE_CONFIG, then XDG_CONFIG_HOME, then ~/.config', () => {
    expect(configFilePath({ OPERABLE_CONFIG: '/etc/op.json', XDG_CONFIG_HOME: '/x' }, '/home/ada')).toBe(path.resolve('/etc/op.json'));
    expect(configFilePath({ XDG_CONFIG_HOME: '/x' }, '/home/ada')).toBe(path.join('/x', 'operable', 'config.json'));
    expect(configFilePath({}, '/home/ada')).toBe(path.join('/home/ada', '.config', 'operable', 'config.json'));
  });

  it('ignores a relative XDG_CONFIG_HOME, as the XDG spec requires', () => {
    expect(configFilePath({ XDG_CONFIG_HOME: 'relative' }, '/home/ada')).toBe(path.join('/home/ada', '.config', 'operable', 'config.json'));
  });
});

describe('writeConfigFile / readConfigFile', () => {
  it.runIf(posix)('creates the file with mode 0600 and its new directory with 0700', () => {
    const file = path.join(tempDir(), 'nested', 'operable', 'config.json');
    writeConfigFile(file, { url: 'https://ops.example.com', key: 'opk_secret' });
    expect(mode(file)).toBe(0o600);
    expect(mode(path.dirname(file))).toBe(0o700);
    expect(isExposed(file)).toBe(false);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ url: 'https://ops.example.com', key: 'opk_secret' });
    expect(readConfigFile(file)).toEqual({ url: 'https://ops.example.com', key: 'opk_secret' });
  });

  it.runIf(posix)('replaces a world-readable file with a private one', () => {
    const file = path.join(tempDir(), 'config.json');
    writeFileSync(file, '{}', { mode: 0o644 });
    chmodSync(file, 0o644);
    expect(isExposed(file)).toBe(true);
    writeConfigFile(file, { url: 'http://localhost:8080', key: 'opk_new' });
    expect(mode(file)).toBe(0o600);
    expect(readConfigFile(file)?.key).toBe('opk_new');
  });

  it('returns null when nobody logged in yet', () => {
    expect(readConfigFile(path.join(tempDir(), 'missing.json'))).toBeNull();
  });

  it('explains a broken file with exit code 2', () => {
    const dir = tempDir();
    const broken = path.join(dir, 'broken.json');
    writeFileSync(broken, '{not json');
    const incomplete = path.join(dir, 'incomplete.json');
    writeFileSync(incomplete, '{"url":"http://x"}');
    for (const [file, message] of [
      [broken, /not valid JSON/],
      [incomplete, /no "url" and "key"/],
    ] as const) {
      const error = (() => {
        try {
          readConfigFile(file);
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(CliError);
      expect((error as CliError).exitCode).toBe(2);
      expect((error as CliError).message).toMatch(message);
    }
  });
});
