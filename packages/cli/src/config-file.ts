import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { CliError, EXIT_USAGE } from './context.js';

/** What `operable login` remembers. The key is a secret: the file is readable by its owner only. */
export interface RemoteConfig {
  url: string;
  key: string;
}

/** $OPERABLE_CONFIG, else $XDG_CONFIG_HOME/operable/config.json, else ~/.config/operable/config.json. */
export function configFilePath(env: Record<string, string | undefined>, home = homedir()): string {
  if (env.OPERABLE_CONFIG) return path.resolve(env.OPERABLE_CONFIG);
  // The XDG spec says relative values are invalid and must be ignored.
  const xdg = env.XDG_CONFIG_HOME && path.isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : path.join(home, '.config');
  return path.join(xdg, 'operable', 'config.json');
}

/** Null when there is no file yet (not logged in); a CliError when it exists but is unusable. */
export function readConfigFile(file: string): RemoteConfig | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new CliError(`Cannot read ${file}: ${(error as Error).message}`, EXIT_USAGE);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new CliError(`${file} is not valid JSON; fix it or run \`operable login\` again`, EXIT_USAGE);
  }
  const { url, key } = (data ?? {}) as Partial<RemoteConfig>;
  if (typeof url !== 'string' || typeof key !== 'string' || !url || !key) {
    throw new CliError(`${file} has no "url" and "key"; run \`operable login\` again`, EXIT_USAGE);
  }
  return { url, key };
}

/** True when people other than the owner may read the file (it holds an API key). */
export function isExposed(file: string): boolean {
  if (process.platform === 'win32') return false;
  return (statSync(file).mode & 0o077) !== 0;
}

/**
 * Writes atomically (temporary file, then rename) with mode 0600; a directory it
 * has to create gets 0700. An existing file is replaced, so its old mode goes too.
 */
export function writeConfigFile(file: string, config: RemoteConfig): void {
  const dir = path.dirname(file);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const temporary = path.join(dir, `.${path.basename(file)}.${process.pid}.tmp`);
  rmSync(temporary, { force: true }); // a leftover from a crashed run could have any mode
  writeFileSync(temporary, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  renameSync(temporary, file);
}
