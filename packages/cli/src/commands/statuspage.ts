import path from 'node:path';
import { statuspage, type Operable } from '@operable/server';
import type { Command } from 'commander';
import { CliError, EXIT_USAGE, type CliContext } from '../context.js';
import { withOperable } from '../local.js';

const siteOf = (op: Operable) => statuspage.publicSite(op.deps.database.db, op.deps.clock, op.deps.settings.publicUrl, op.deps.log);

/** The status page as static files, for a static host or CDN away from the main system. */
export function registerStatuspage(program: Command, ctx: CliContext): void {
  const sp = program.command('statuspage').description('The public status page as static files (page, Statuspage v2 JSON, Atom/RSS, _headers)');
  sp.command('export')
    .argument('<dir>', 'directory to write into (created if missing)')
    .description('Write the status page as it is now into DIR: the same bytes the server answers')
    .action((dir: string) =>
      withOperable(ctx, async (op) => {
        const target = path.resolve(dir);
        const files = await statuspage.exportSite(siteOf(op), target);
        ctx.print(`Wrote ${files.length} files to ${target}:`);
        for (const f of files) ctx.print(`  ${f}`);
      }),
    );
  sp.command('publish')
    .option('--dir <dir>', 'directory to write into (default OPERABLE_STATUSPAGE_DIR)')
    .description('Write the page to OPERABLE_STATUSPAGE_DIR, then run OPERABLE_STATUSPAGE_PUBLISH_COMMAND there (the server does this after every change)')
    .action((options: { dir?: string }) =>
      withOperable(ctx, async (op) => {
        const dir = options.dir ? path.resolve(options.dir) : op.deps.config.statuspage.dir;
        if (!dir) throw new CliError('Say where to write: --dir DIR or OPERABLE_STATUSPAGE_DIR.', EXIT_USAGE);
        const files = await statuspage.exportSite(siteOf(op), dir);
        ctx.print(`Wrote ${files.length} files to ${dir}.`);
        const command = op.deps.config.statuspage.publishCommand;
        if (!command) return ctx.print('No OPERABLE_STATUSPAGE_PUBLISH_COMMAND set: nothing to run.');
        const code = await statuspage.runPublishCommand(command, dir);
        if (code !== 0) throw new CliError(`The publish command failed with exit code ${code}.`);
        ctx.print('Published.');
      }),
    );
}
