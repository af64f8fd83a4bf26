import { describeVariables, startServer, type Role } from '@operable/server';
import { setFlagsFromString } from 'node:v8';
import { Option, type Command } from 'commander';
import type { CliContext } from '../context.js';
import { describeDatabase, loadServerConfig, printFirstAdmin } from '../local.js';

const ROLES: Role[] = ['all', 'api', 'engine'];

export function registerServe(program: Command, ctx: CliContext): void {
  program
    .command('serve')
    .description('Run the Operable server: the HTTP API and web UI, the background engine, or both')
    .addOption(
      new Option('--role <role>', 'what this process runs: all = API + engine, api = HTTP only, engine = background work only')
        .choices(ROLES)
        .default('all'),
    )
    .addHelpText(
      'after',
      [
        '',
        'Configuration comes from environment variables (name, default, description):',
        describeVariables(),
        '',
        'The database is migrated on start. On the first start of an empty database an admin',
        'account is created and a one-time link to set its password is printed; there is no',
        'default password. Log lines are JSON on stdout. SIGINT or SIGTERM stops gracefully.',
        '',
      ].join('\n'),
    )
    .action(async (options: { role: Role }) => {
      // A server stays under 300 MB at any load. V8 lets the heap grow to two or more
      // times what survived its last collection before collecting again: under load
      // on the embedded database that peaked at 300-370 MB, with 30 % at about 260 MB
      // for no ingest throughput bench/ingest.js can tell apart.
      setFlagsFromString('--heap-growing-percent=30');
      const config = loadServerConfig(ctx.env);
      // Listen for signals already: Ctrl+C during start-up (migrations) stops cleanly once started.
      const shutdown = ctx.waitForShutdown();
      const running = await startServer(config, options.role, { logDestination: { write: (line: string) => ctx.out(line) } });
      if (running.operable.firstAdmin) {
        printFirstAdmin(ctx, running.operable.firstAdmin);
        ctx.print();
      }
      const where = options.role === 'engine' ? 'engine only, no HTTP' : `listening at ${running.url}`;
      ctx.print(`Operable is running (role ${options.role}, ${where}; database: ${describeDatabase(config)}).`);
      if (options.role !== 'engine' && ctx.env.OPERABLE_PUBLIC_URL) ctx.print(`People reach it at ${config.publicUrl}.`);
      ctx.print('Press Ctrl+C to stop.');

      const signal = await shutdown;
      ctx.print(`Received ${signal}; stopping…`);
      await running.stop();
      ctx.print('Stopped.');
    });
}

/** Resolves on the first SIGINT or SIGTERM; a second one gets the default behaviour (immediate exit). */
export function waitForSignal(): Promise<string> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      resolve(signal);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}
