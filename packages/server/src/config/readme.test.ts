import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { VARIABLES } from './index.js';

describe('README configuration table', () => {
  it('lists exactly the variables the server reads, with their defaults', () => {
    const readme = readFileSync(new URL('../../../../README.md', import.meta.url), 'utf8');
    const rows = [...readme.matchAll(/^\| `([A-Z_]+)` \| (`[^`]*`|\(unset\)) \|/gm)].map((m) => [m[1], m[2]]);
    expect(rows).toEqual(VARIABLES.map((v) => [v.name, 'default' in v ? `\`${v.default}\`` : '(unset)']));
  });
});
