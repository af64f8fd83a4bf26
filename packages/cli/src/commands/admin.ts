import { catalog, DEMO_TEAMS, health, inTransaction, loadDemo, migrate, openDatabase } from '@operable/server';
import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { describeDatabase, loadServerConfig, withOperable } from '../local.js';

type DemoSummary = Awaited<ReturnType<typeof loadDemo>> & { healthHistory: { teams: number; pages: number } };

export function registerMigrate(program: Command, ctx: CliContext): void {
  program
    .command('migrate')
    .description('Apply pending database migrations and exit (serve does this on start too)')
    .action(async () => {
      const config = loadServerConfig(ctx.env);
      ctx.print(`Database: ${describeDatabase(config)}`);
      const database = await openDatabase(config.database);
      try {
        const applied = await migrate(database);
        if (!applied.length) ctx.print('Database is up to date.');
        else {
          ctx.print(`Applied ${applied.length} migration${applied.length === 1 ? '' : 's'}:`);
          for (const version of applied) ctx.print(`  ${version}`);
        }
      } finally {
        await database.close();
      }
    });
}

export function registerDemo(program: Command, ctx: CliContext): void {
  program
    .command('demo')
    .description('Load a demo organization: teams, people in several time zones, services with runbooks (safe to repeat)')
    .action(() =>
      withOperable(ctx, async (operable) => {
        const summary = await inTransaction(operable.deps.database.db, async (trx) => {
          const system = operable.systemCtx(trx);
          const loaded = await loadDemo(system);
          // Twelve weeks of generated pages, toil and risks, so the health views and the weekly review are not empty.
          const names = new Set(DEMO_TEAMS.map((t) => t.name));
          const teamIds = (await catalog.listTeams(system)).filter((t) => names.has(t.name)).map((t) => t.id);
          return { ...loaded, healthHistory: await health.loadHealthHistory(system, teamIds) };
        });
        printDemoSummary(ctx, summary);
      }),
    );
}

export function printDemoSummary(ctx: CliContext, s: DemoSummary): void {
  const parts = [
    ['Teams', s.teams, true],
    ['People', s.users, false],
    ['Services', s.services, true],
    ['On-call', s.schedules, true],
    ['Incidents', s.incidents, false],
    ['Status', s.statusPage, true],
    ['Checks', s.checks, true],
  ] as const;
  const createdAnything = parts.some(([, p]) => p.created.length) || s.memberships.added > 0 || s.healthHistory.teams > 0;
  if (!createdAnything) {
    ctx.print('The demo organization is already loaded; nothing to do.');
    ctx.print(`Left alone: ${parts.map(([label, p]) => `${p.skipped.length} ${label.toLowerCase()}`).join(', ')}.`);
    return;
  }
  ctx.print('Demo organization loaded:');
  for (const [label, part, listNames] of parts) {
    const names = listNames ? ` (${part.created.join(', ')})` : '';
    const created = part.created.length ? `${part.created.length} created${names}` : 'none created';
    const skipped = part.skipped.length ? `; ${part.skipped.length} already existed, skipped` : '';
    ctx.print(`  ${label.padEnd(10)}${created}${skipped}`);
  }
  if (s.healthHistory.teams) ctx.print(`  ${'Health'.padEnd(10)}12 weeks of pager history for ${s.healthHistory.teams} teams (${s.healthHistory.pages} page events), toil and risks`);
  const kept = s.memberships.skipped ? `; ${s.memberships.skipped} already there` : '';
  ctx.print(`  ${'Members'.padEnd(10)}${s.memberships.added} team membership${s.memberships.added === 1 ? '' : 's'} added${kept}`);
  if (s.users.created.length) {
    ctx.print();
    ctx.print('Demo people have no password. To sign in as one, print a link for them:');
    ctx.print(`  operable user reset-link --email ${s.users.created[0]}`);
  }
}
