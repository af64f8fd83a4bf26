import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { VARIABLES } from '@operable/server';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const built = existsSync(fileURLToPath(new URL('../dist/index.js', import.meta.url)));

// The root `npm test` builds first; a bare `vitest run` on a fresh clone skips this (under CI=true it must run).
describe.runIf(built || process.env.CI === 'true')('bin/operable.js (built CLI, plain node)', () => {
  it('serve --help lists every environment variable', () => {
    const help = execFileSync(process.execPath, ['packages/cli/bin/operable.js', 'serve', '--help'], { cwd: root, encoding: 'utf8' });
    for (const variable of VARIABLES) expect(help).toContain(variable.name);
    expect(help).toContain('--role <role>');
  });

  it('--help lists the commands', () => {
    const help = execFileSync(process.execPath, ['packages/cli/bin/operable.js', '--help'], { cwd: root, encoding: 'utf8' });
    for (const command of ['serve', 'migrate', 'user', 'demo', 'login', 'whoami', 'services', 'alerts', 'page']) expect(help).toContain(`  ${command}`);
  });
});
