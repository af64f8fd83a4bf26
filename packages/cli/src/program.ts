import { readFileSync } from 'node:fs';
import { ConfigError, DomainError } from '@operable/server';
import { Command, CommanderError } from 'commander';
import { registerDemo, registerMigrate } from './commands/admin.js';
import { registerAlerts, registerPage } from './commands/alerts.js';
import { registerChecks } from './commands/checks.js';
import { registerMaintenance } from './commands/maintenance.js';
import { registerExec } from './commands/exec.js';
import { registerIncidents } from './commands/incidents.js';
import { registerHealth } from './commands/health.js';
import { registerOnCall } from './commands/oncall.js';
import { registerPostmortems } from './commands/postmortems.js';
import { registerRemote } from './commands/remote.js';
import { registerReplay } from './commands/replay.js';
import { registerServe, waitForSignal } from './commands/serve.js';
import { registerStatuspage } from './commands/statuspage.js';
import { registerUsers } from './commands/users.js';
import { configFilePath } from './config-file.js';
import { CliError, EXIT_FAILURE, EXIT_USAGE, type CliContext } from './context.js';
import { ApiError, describeApiError } from './remote-client.js';

/** Everything the CLI touches outside itself; tests inject all of it. */
export interface ProgramOptions {
  stdout?: (text: string) => void;
  stderr?: (text: string) => void;
  env?: Record<string, string | undefined>;
  /** Where `login` saves the URL and key (default: from OPERABLE_CONFIG / XDG_CONFIG_HOME / ~/.config). */
  configPath?: string;
  fetch?: typeof fetch;
  waitForShutdown?: () => Promise<string>;
}

const VERSION = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

export function createContext(options: ProgramOptions = {}): CliContext {
  const out = options.stdout ?? ((text: string) => void process.stdout.write(text));
  const err = options.stderr ?? ((text: string) => void process.stderr.write(text));
  const env = options.env ?? process.env;
  return {
    out,
    err,
    print: (text = '') => out(`${text}\n`),
    printError: (text = '') => err(`${text}\n`),
    env,
    configPath: options.configPath ?? configFilePath(env),
    fetch: options.fetch ?? globalThis.fetch,
    waitForShutdown: options.waitForShutdown ?? waitForSignal,
  };
}

/** The `operable` command tree. Errors are thrown (exitOverride), never `process.exit`: see runCli. */
export function buildProgram(options: ProgramOptions | CliContext = {}): Command {
  const ctx = 'print' in options ? options : createContext(options);
  const program = new Command('operable')
    .description('Operable: self-hosted alerts, on-call, incidents and status pages.')
    .version(VERSION, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help for a command')
    .exitOverride()
    .configureOutput({ writeOut: ctx.out, writeErr: ctx.err })
    .showHelpAfterError('(add --help for usage)')
    .addHelpText(
      'after',
      [
        '',
        'On the server host (read the server configuration from the environment):',
        '  serve, migrate, user add, user reset-link, demo, replay, replay export',
        '  serve, migrate, user add, user reset-link, demo, statuspage export|publish',
        'From anywhere, over the HTTP API with an API key (run `operable login` first):',
        '  login, whoami, services list, alerts list|show|ack|resolve, page,',
        '  maintenance list|start|end, incident declare|list|show|update|note|role|resolve,',
        '  exec --incident N -- <command>',
        '  maintenance list|start|end',
        '  checks list|add|pause|resume',
        '',
        'Exit codes: 0 done, 1 failed, 2 wrong usage or configuration, or not logged in.',
      ].join('\n'),
    );
  registerServe(program, ctx);
  registerMigrate(program, ctx);
  registerUsers(program, ctx);
  registerDemo(program, ctx);
  registerRemote(program, ctx);
  registerAlerts(program, ctx);
  registerPage(program, ctx);
  registerOnCall(program, ctx);
  registerMaintenance(program, ctx);
  registerReplay(program, ctx);
  registerIncidents(program, ctx);
  registerExec(program, ctx);
  registerPostmortems(program, ctx);
  registerStatuspage(program, ctx);
  registerChecks(program, ctx);
  registerHealth(program, ctx);
  return program;
}

/** Runs one command line (without `node` and the script) and returns the exit code. */
export async function runCli(argv: string[], options: ProgramOptions = {}): Promise<number> {
  const ctx = createContext(options);
  try {
    await buildProgram(ctx).parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    return report(ctx, error);
  }
}

function report(ctx: CliContext, error: unknown): number {
  // Commander has already written its own message (or the help / version).
  if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : EXIT_USAGE;
  if (error instanceof CliError) {
    if (error.message) ctx.printError(`error: ${error.message}`);
    return error.exitCode;
  }
  if (error instanceof ApiError) {
    ctx.printError(describeApiError(error));
    return EXIT_FAILURE;
  }
  if (error instanceof ConfigError) {
    ctx.printError(`error: ${error.message}`);
    return EXIT_USAGE;
  }
  if (error instanceof DomainError) {
    ctx.printError(`error: ${error.message}`);
    // "The database is unavailable" needs its reason (refused, wrong host…) on a terminal.
    if (error.cause instanceof Error) ctx.printError(`  ${error.cause.message}`);
    const fields = Array.isArray(error.details?.fields) ? (error.details.fields as { field: string; message: string }[]) : [];
    for (const f of fields) ctx.printError(`  ${f.field}: ${f.message}`);
    return EXIT_FAILURE;
  }
  const e = error as Error & { code?: unknown };
  // System errors (EADDRINUSE, EACCES…) explain themselves; anything else is a bug worth its stack.
  ctx.printError(typeof e.code === 'string' || !e.stack ? `error: ${e.message ?? String(error)}` : `error: ${e.stack}`);
  return EXIT_FAILURE;
}
