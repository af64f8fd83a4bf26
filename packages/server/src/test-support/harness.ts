import { Writable } from 'node:stream';
import { loadConfig, type Config } from '../config/index.js';
import { FakeClock } from '../lib/clock.js';
import type { ScryptCost } from '../lib/crypto.js';
import type { Resolver } from '../lib/outbound.js';
import { openOperable, type Operable } from '../operable.js';
import { createTestDatabase, type DatabaseKind } from './databases.js';

export interface Harness {
  operable: Operable;
  /** The PostgreSQL database of this harness (undefined on PGlite). */
  databaseUrl?: string;
  clock: FakeClock;
  logs: Record<string, unknown>[];
  /** Sends a request to the app in-process. */
  request(path: string, init?: RequestInit & { json?: unknown }): Promise<Response>;
  close(): Promise<void>;
}

/**
 * Password hashes in tests: a production-cost hash takes 128 MiB and a few hundred
 * milliseconds, and suites make hundreds of users. Tests of the cost itself pass
 * `passwordCost` (PASSWORD_COST).
 */
export const TEST_PASSWORD_COST: ScryptCost = { N: 1024, r: 8, p: 1 };

/**
 * DNS for tests: `localhost` is the loopback, every other name does not exist. Fixed,
 * so no test depends on the machine's resolver or the network.
 */
export const testResolver: Resolver = async (hostname) => {
  if (hostname.toLowerCase().replace(/\.$/, '') === 'localhost') return [{ address: '127.0.0.1', family: 4 }, { address: '::1', family: 6 }];
  throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
};

/**
 * A whole Operable on a fresh database of the given kind, with a fake clock and
 * captured logs. Outbound URLs may reach 127.0.0.1, where tests run their receivers
 * (pass `OPERABLE_OUTBOUND_ALLOW: ''` to test the default).
 */
export async function createHarness(kind: DatabaseKind, env: Record<string, string> = {}, options: { passwordCost?: ScryptCost; resolveHost?: Resolver } = {}): Promise<Harness> {
  const pgdb = kind === 'postgres' ? await createTestDatabase({ migrated: true }) : undefined;
  const loaded: Config = loadConfig({
    OPERABLE_DATA_DIR: 'memory://',
    OPERABLE_LOG_LEVEL: 'debug',
    OPERABLE_PUBLIC_URL: 'http://operable.test',
    OPERABLE_WEB_DIR: '/nonexistent',
    OPERABLE_OUTBOUND_ALLOW: '127.0.0.1/32',
    ...(pgdb ? { DATABASE_URL: pgdb.url, DATABASE_POOL_SIZE: '4' } : {}),
    ...env,
  });
  const config: Config = { ...loaded, passwordCost: options.passwordCost ?? TEST_PASSWORD_COST };
  const logs: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n')) if (line) logs.push(JSON.parse(line));
      done();
    },
  });
  const clock = new FakeClock('2026-03-03T10:00:00Z');
  // In memory, PGlite starts from the migrated template (db/index.ts): one per worker process.
  const operable = await openOperable(config, { clock, logDestination: destination, resolveHost: options.resolveHost ?? testResolver });
  return {
    operable,
    databaseUrl: pgdb?.url,
    clock,
    logs,
    request(path, init = {}) {
      const { json, headers, ...rest } = init;
      const h = new Headers(headers);
      if (json !== undefined && !h.has('content-type')) h.set('content-type', 'application/json');
      return Promise.resolve(
        operable.app.request(`http://operable.test${path}`, {
          ...rest,
          headers: h,
          body: json !== undefined ? JSON.stringify(json) : rest.body,
        }),
      );
    },
    async close() {
      await operable.close();
      await pgdb?.drop();
    },
  };
}
