import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/** The dependency rules of ARCHITECTURE.md, checked on every run so they stay true. */
const SRC = fileURLToPath(new URL('.', import.meta.url));
const SHARED = fileURLToPath(new URL('../../shared/src/', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === 'test-support' ? [] : sources(full);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [full] : [];
  });
}

const files = sources(SRC).map((file) => ({ rel: path.relative(SRC, file), text: readFileSync(file, 'utf8') }));
const domainOf = (rel: string) => (rel.includes('/') ? rel.split('/')[0]! : null);

describe('architecture rules', () => {
  it('only config/ reads the environment', () => {
    const offenders = files.filter((f) => /process\.env/.test(f.text) && domainOf(f.rel) !== 'config').map((f) => f.rel);
    expect(offenders).toEqual([]);
  });

  it('only http/ (and the composition root) knows about Hono and HTTP', () => {
    const offenders = files
      .filter((f) => /from '(hono|@hono\/[^']+)(\/[^']*)?'/.test(f.text))
      .filter((f) => domainOf(f.rel) !== 'http' && f.rel !== 'operable.ts')
      .map((f) => f.rel);
    expect(offenders).toEqual([]);
  });

  it('only db/ and repository files write SQL', () => {
    const sqlish = /\.(selectFrom|insertInto|updateTable|deleteFrom)\(|\bsql`/;
    const offenders = files
      .filter((f) => sqlish.test(f.text))
      .filter((f) => domainOf(f.rel) !== 'db' && !/(^|\/|-)repository\.ts$/.test(f.rel))
      .map((f) => f.rel);
    expect(offenders).toEqual([]);
  });

  it('a domain reaches another domain only through its index.ts (lib/ is a toolbox)', () => {
    const offenders: string[] = [];
    for (const f of files) {
      const own = domainOf(f.rel);
      for (const m of f.text.matchAll(/from '(\.{1,2}\/[^']+)'/g)) {
        const target = path.relative(SRC, path.resolve(SRC, path.dirname(f.rel), m[1]!));
        const domain = domainOf(target);
        if (domain && domain !== own && domain !== 'lib' && target !== `${domain}/index.js`) offenders.push(`${f.rel} -> ${target}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('the shared contract imports nothing from Node or the server', () => {
    const offenders = sources(SHARED)
      .map((file) => ({ file, text: readFileSync(file, 'utf8') }))
      .filter(({ text }) => /from '(node:|@operable\/server|pg|kysely|hono)/.test(text))
      .map(({ file }) => file);
    expect(offenders).toEqual([]);
  });

  it('health/metrics stays pure (replay imports it): only its own files and luxon', () => {
    const offenders = files
      .filter((f) => f.rel.startsWith('health/metrics/'))
      .flatMap((f) => [...f.text.matchAll(/from '([^']+)'/g)].map((m) => `${f.rel} -> ${m[1]}`))
      .filter((edge) => !/ -> (\.\/[\w-]+\.js|luxon)$/.test(edge));
    expect(offenders).toEqual([]);
  });

  it('keeps source files under 500 lines', () => {
    const long = files.filter((f) => f.text.split('\n').length > 500).map((f) => f.rel);
    expect(long).toEqual([]);
  });
});
