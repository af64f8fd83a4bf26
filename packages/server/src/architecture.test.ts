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

  it('SLOs (health/slo) reach only the alert pipeline, audit and catalog', () => {
    const allowed = new Set(['alerts', 'audit', 'catalog', 'db', 'lib', 'health']);
    const offenders = files
      .filter((f) => f.rel.startsWith('health/slo/'))
      .flatMap((f) => [...f.text.matchAll(/from '(\.{1,2}\/[^']+)'/g)].map((m) => ({ f, target: path.relative(SRC, path.resolve(SRC, path.dirname(f.rel), m[1]!)) })))
      .filter(({ target }) => !allowed.has(domainOf(target) ?? ''))
      .map(({ f, target }) => `${f.rel} -> ${target}`);
    expect(offenders).toEqual([]);
  });

  it('incidents reach only alerts (to page), audit, auth and notify; the alerts domain never reaches incidents', () => {
    const allowed = new Set(['incidents', 'alerts', 'audit', 'auth', 'notify', 'db', 'lib']);
    const offenders: string[] = [];
    for (const f of files) {
      const own = domainOf(f.rel);
      for (const m of f.text.matchAll(/from '(\.{1,2}\/[^']+)'/g)) {
        const domain = domainOf(path.relative(SRC, path.resolve(SRC, path.dirname(f.rel), m[1]!)));
        if (own === 'incidents' && domain && !allowed.has(domain)) offenders.push(`${f.rel} -> ${domain}`);
        if (own && ['alerts', 'notify', 'auth', 'audit'].includes(own) && domain === 'incidents') offenders.push(`${f.rel} -> incidents`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('admin reaches only audit and notify (the setup check sends its test through the outbox); the engine reaches the domains whose background work it runs', () => {
    const rules: Record<string, Set<string>> = {
      admin: new Set(['admin', 'audit', 'notify', 'db', 'lib']),
      engine: new Set(['engine', 'alerts', 'escalation', 'ingest', 'notify', 'auth', 'schedules', 'incidents', 'postmortems', 'statuspage', 'checks', 'health', 'config', 'db', 'lib']),
    };
    const offenders: string[] = [];
    for (const f of files) {
      const own = domainOf(f.rel);
      const allowed = own ? rules[own] : undefined;
      if (!allowed) continue;
      for (const m of f.text.matchAll(/from '(\.{1,2}\/[^']+)'/g)) {
        const domain = domainOf(path.relative(SRC, path.resolve(SRC, path.dirname(f.rel), m[1]!)));
        if (domain && !allowed.has(domain)) offenders.push(`${f.rel} -> ${domain}`);
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

  it('statuspage/ reaches only audit/ and notify/ among the domains (it reads the alerts it follows through its own repository)', () => {
    const offenders = files
      .filter((f) => domainOf(f.rel) === 'statuspage')
      .flatMap((f) => [...f.text.matchAll(/from '\.\.\/(\w+)\//g)].map((m) => `${f.rel} -> ${m[1]}`))
      .filter((edge) => !/-> (audit|notify|db|lib)$/.test(edge));
    expect(offenders).toEqual([]);
  });

  it('checks/ reaches only alerts, audit, db and lib (the status page and SLOs read checks, never the reverse)', () => {
    const allowed = new Set(['checks', 'alerts', 'audit', 'db', 'lib']);
    const offenders = files
      .filter((f) => domainOf(f.rel) === 'checks')
      .flatMap((f) => [...f.text.matchAll(/from '(\.{1,2}\/[^']+)'/g)].map((m) => ({ f, target: domainOf(path.relative(SRC, path.resolve(SRC, path.dirname(f.rel), m[1]!))) })))
      .filter(({ target }) => target && !allowed.has(target))
      .map(({ f, target }) => `${f.rel} -> ${target}`);
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

  it('postmortems reaches only audit, auth and notify (it reads the incident tables in its own repositories)', () => {
    const allowed = new Set(['postmortems', 'audit', 'auth', 'notify', 'db', 'lib']);
    const offenders = files
      .filter((f) => domainOf(f.rel) === 'postmortems')
      .flatMap((f) => [...f.text.matchAll(/from '(\.{1,2}\/[^']+)'/g)].map((m) => path.relative(SRC, path.resolve(SRC, path.dirname(f.rel), m[1]!))))
      .filter((target) => !allowed.has(domainOf(target) ?? ''));
    expect(offenders).toEqual([]);
  });
});
