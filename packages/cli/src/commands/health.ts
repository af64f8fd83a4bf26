import type { Team, ToilEntry, WeeklyReview } from '@operable/shared';
import { InvalidArgumentError, type Command } from 'commander';
import { CliError, type CliContext } from '../context.js';
import { parseDuration } from '../duration.js';
import type { RemoteClient } from '../remote-client.js';
import { findService } from './alerts.js';
import { connect, UUID } from './remote.js';

const CATEGORIES = ['manual_ops', 'deploy', 'access', 'data_fix', 'alert_noise', 'other'];

export async function findTeam(client: RemoteClient, ref: string): Promise<Team> {
  const { items } = await client.get<{ items: Team[] }>('/api/teams');
  const wanted = ref.trim().toLowerCase();
  const found = items.find((t) => t.id === wanted) ?? items.find((t) => t.name.toLowerCase() === wanted);
  if (found) return found;
  const what = UUID.test(ref.trim()) ? `with ID ${ref.trim()}` : `named ${JSON.stringify(ref)}`;
  throw new CliError(`No team ${what} (teams: ${items.map((t) => t.name).sort().slice(0, 10).join(', ') || 'none'})`);
}

/** `operable toil log 45m "rotated certs by hand" --service api` and the weekly review. */
export function registerHealth(program: Command, ctx: CliContext): void {
  const toil = program.command('toil').description('Log toil: manual, repetitive operational work (the team keeps it under 25 % of working time)');
  toil
    .command('log')
    .description('Log toil you did, e.g. operable toil log 45m "rotated certs by hand" --service api')
    .argument('<duration>', 'how long: 45m, 1h30m, 2h or minutes', (value: string) => {
      const minutes = parseDuration(value);
      if (minutes === null || minutes < 1 || minutes > 1440) throw new InvalidArgumentError('Expected a duration from 1m to 24h, e.g. 45m or 1h30m.');
      return minutes;
    })
    .argument('<what>', 'what you did')
    .option('--service <service>', 'the service it was for (name or ID)')
    .option('--team <team>', 'the team (name or ID) when there is no service and you are on several')
    .option('--category <category>', `one of ${CATEGORIES.join(', ')}`, (value: string) => {
      if (!CATEGORIES.includes(value)) throw new InvalidArgumentError(`Expected one of ${CATEGORIES.join(', ')}.`);
      return value;
    })
    .option('--on <date>', 'the day it was done (YYYY-MM-DD), default today')
    .action(async (minutes: number, what: string, options: { service?: string; team?: string; category?: string; on?: string }) => {
      const { client } = connect(ctx);
      const service = options.service ? await findService(client, options.service) : undefined;
      const team = options.team ? await findTeam(client, options.team) : undefined;
      const entry = await client.post<ToilEntry>('/api/health/toil', {
        what,
        minutes,
        ...(service ? { serviceId: service.id } : {}),
        ...(team ? { teamId: team.id } : {}),
        ...(options.category ? { category: options.category } : {}),
        ...(options.on ? { doneOn: options.on } : {}),
      });
      const h = Math.floor(entry.minutes / 60);
      const span = h ? `${h}h${entry.minutes % 60 ? ` ${entry.minutes % 60}m` : ''}` : `${entry.minutes}m`;
      ctx.print(`Logged ${span} of toil on ${entry.doneOn}${entry.serviceName ? ` for ${entry.serviceName}` : ''}: ${entry.what}`);
    });

  const report = program.command('report').description('Operational reports');
  report
    .command('weekly')
    .description('The weekly operational review of a team or the organisation, e.g. operable report weekly --team payments --format md, operable report weekly --org')
    .option('--team <team>', 'the team (name or ID); without it, the organisation')
    .option('--org', 'the organisation (all teams); the default without --team')
    .option('--week <date>', 'any day of the week to review (YYYY-MM-DD); default the last complete week')
    .option('--format <format>', 'md, html or json', (value: string) => {
      if (!['md', 'html', 'json'].includes(value)) throw new InvalidArgumentError('Expected md, html or json.');
      return value;
    }, 'md')
    .action(async (options: { team?: string; org?: boolean; week?: string; format: 'md' | 'html' | 'json' }) => {
      if (options.org && options.team) throw new CliError('Use --team or --org, not both.');
      const { client } = connect(ctx);
      const team = options.team ? await findTeam(client, options.team) : undefined;
      const path = team ? `/api/health/teams/${encodeURIComponent(team.id)}/review` : '/api/health/org/review';
      const review = await client.get<WeeklyReview>(path, { week: options.week });
      if (options.format === 'json') return ctx.print(JSON.stringify(review, null, 2));
      ctx.print((options.format === 'html' ? review.html : review.markdown).trimEnd());
    });
}
