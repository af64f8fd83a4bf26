import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (pkg: string) => fileURLToPath(new URL(`./packages/${pkg}/src/index.ts`, import.meta.url));

export default defineConfig({
  resolve: {
    // Tests run on the sources; the build is only for `npm start` and production.
    alias: {
      '@operable/shared': src('shared'),
      '@operable/server': src('server'),
    },
  },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'packages/*/test/**/*.test.ts'],
    // A migrated PostgreSQL template for the run's databases (dropped at the end).
    globalSetup: ['packages/server/src/test-support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Vitest's default is one worker per core but one: a single worker on a 2-core machine.
    // Much of the suite waits on Chromium, PostgreSQL and child processes, so two overlap
    // (three ran out of CPU for the slowest replays under load).
    maxWorkers: 2,
    // Workers keep modules between files so the migrated PGlite template is built once per worker.
    isolate: false,
  },
});
