import { ConfigError, loadConfig, openOperable, type Config, type Operable } from '@operable/server';
import { CliError, EXIT_USAGE, type CliContext } from './context.js';

/** Server configuration from the environment; a bad variable is a usage error naming the variable. */
export function loadServerConfig(env: Record<string, string | undefined>): Config {
  try {
    return loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      throw new CliError(`${error.message}\nRun \`operable serve --help\` to see every variable with its default.`, EXIT_USAGE);
    }
    throw error;
  }
}

/**
 * Runs a one-shot admin command against the server's database (migrating it if
 * needed). Log lines go to stderr, from `warn` up unless OPERABLE_LOG_LEVEL says
 * otherwise, so stdout carries only the command's own output.
 */
export async function withOperable<T>(ctx: CliContext, fn: (operable: Operable) => Promise<T>): Promise<T> {
  const config = loadServerConfig({ ...ctx.env, OPERABLE_LOG_LEVEL: ctx.env.OPERABLE_LOG_LEVEL || 'warn' });
  const operable = await openOperable(config, { logDestination: { write: (line: string) => ctx.err(line) } });
  try {
    if (operable.firstAdmin) {
      printFirstAdmin(ctx, operable.firstAdmin);
      ctx.print();
    }
    return await fn(operable);
  } finally {
    await operable.close();
  }
}

/** The one-time link of the admin created on the first start of an empty database. */
export function printFirstAdmin(ctx: CliContext, admin: { email: string; url: string; expiresAt: string }): void {
  ctx.print('This is a new, empty database: Operable created the first admin account.');
  ctx.print(`  Email: ${admin.email}`);
  ctx.print('There is no default password. Open this link to set one:');
  ctx.print();
  ctx.print(`  ${admin.url}`);
  ctx.print();
  ctx.print(`The link is shown only this once, works once, and expires at ${formatTime(admin.expiresAt)}.`);
  ctx.print(`Lost it? \`operable user reset-link --email ${admin.email}\` prints a new one.`);
}

export function printResetLink(ctx: CliContext, link: { url: string; expiresAt: string }): void {
  ctx.print();
  ctx.print(`  ${link.url}`);
  ctx.print();
  ctx.print(`It works once and expires at ${formatTime(link.expiresAt)}.`);
}

/** `2026-03-04T10:00:00.000Z` → `2026-03-04 10:00 UTC`. */
export function formatTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** Where the data lives, without credentials. */
export function describeDatabase(config: Config): string {
  if (config.database.kind === 'postgres') {
    const url = new URL(config.database.url);
    return `PostgreSQL at ${url.host}${url.pathname}`;
  }
  const dir = config.database.dataDir;
  return dir.startsWith('memory://') ? 'embedded PGlite in memory (nothing is kept)' : `embedded PGlite in ${dir}`;
}
