import { auth, inTransaction } from '@operable/server';
import { CreateUser, Email, ROLES } from '@operable/shared';
import { Option, type Command } from 'commander';
import { CliError, EXIT_USAGE, type CliContext } from '../context.js';
import { printResetLink, withOperable } from '../local.js';

/** Schema field → the flag a person typed, for error messages. */
const FLAGS: Record<string, string> = { email: '--email', name: '--name', role: '--role', timeZone: '--time-zone' };

export function registerUsers(program: Command, ctx: CliContext): void {
  const user = program.command('user').description('Manage people directly in the database (admin, on the server host)');

  user
    .command('add')
    .description('Create a user and print a one-time link for them to set their password')
    .requiredOption('--email <email>', 'their email address (also their sign-in name)')
    .requiredOption('--name <name>', 'their full name')
    .addOption(new Option('--role <role>', 'what they may do').choices(ROLES).default('responder'))
    .option('--time-zone <zone>', 'IANA time zone for working hours, e.g. Europe/London (default UTC, until their browser sets theirs at first sign-in)')
    .action(async (options: { email: string; name: string; role: string; timeZone?: string }) => {
      const input = parseOrExit(CreateUser, {
        email: options.email,
        name: options.name,
        role: options.role,
        timeZone: options.timeZone,
      });
      await withOperable(ctx, async (operable) => {
        const { created, link } = await inTransaction(operable.deps.database.db, async (trx) => {
          const system = operable.systemCtx(trx);
          const created = await auth.createUser(system, input);
          return { created, link: await auth.issueResetLink(system, created.id) };
        });
        ctx.print(`Created ${created.role} ${created.name} <${created.email}> (time zone ${created.timeZone}).`);
        ctx.print('They have no password yet. Send them this link to set one:');
        printResetLink(ctx, link);
      });
    });

  user
    .command('reset-link')
    .description('Print a fresh set-password link for someone (e.g. a lost first-admin link)')
    .requiredOption('--email <email>', 'their email address')
    .action(async (options: { email: string }) => {
      const email = parseOrExit(Email, options.email, 'email');
      await withOperable(ctx, async (operable) => {
        const result = await inTransaction(operable.deps.database.db, async (trx) => {
          const found = await auth.findUserByEmail(trx, email);
          return found ? { name: found.name, link: await auth.issueResetLink(operable.systemCtx(trx), found.id) } : null;
        });
        if (!result) throw new CliError(`No user has the email ${email}. Create one with \`operable user add\`.`);
        ctx.print(`Set-password link for ${result.name} <${email}>:`);
        printResetLink(ctx, result.link);
        ctx.print('Their current password (if any) keeps working until they use the link.');
      });
    });
}

interface Schema<T> {
  safeParse(value: unknown): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
}

/** Validates with the shared API schema; field errors are reported by flag name, exit code 2. */
function parseOrExit<T>(schema: Schema<T>, value: unknown, field?: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const name = field ?? String(issue.path[0] ?? '');
    return `  ${FLAGS[name] ?? name}: ${issue.message}`;
  });
  throw new CliError(`invalid input:\n${lines.join('\n')}`, EXIT_USAGE);
}
