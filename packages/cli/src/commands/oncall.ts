import { type OnCallList, type Override, type Schedule, type User } from '@operable/shared';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { formatTime } from '../alert-format.js';
import { CliError, localZone, type CliContext } from '../context.js';
import type { RemoteClient } from '../remote-client.js';
import { formatTable } from '../table.js';
import { findService } from './alerts.js';
import { connect, UUID } from './remote.js';

const ROLES = ['primary', 'secondary'];

export function registerOnCall(program: Command, ctx: CliContext): void {
  program
    .command('oncall')
    .description('Who is on call now, at a time, or over the next weeks')
    .option('--schedule <schedule>', 'only this schedule (name or ID)')
    .option('--service <service>', 'only the schedules this service pages (name or ID)')
    .option('--at <time>', 'an RFC 3339 time, or now/+90m/+2h/+3d/-1d (default now)', parseWhen)
    .option('--weeks <n>', 'list every shift from --at over this many weeks (1-26)', parseWeeks)
    .option('--json', 'print the answer as JSON')
    .action(async (options: { schedule?: string; service?: string; at?: (now: Date) => Date; weeks?: number; json?: boolean }) => {
      const { client } = connect(ctx);
      const at = (options.at ?? ((now: Date) => now))(new Date());
      const schedule = options.schedule ? await findSchedule(client, options.schedule) : undefined;
      const service = options.service ? await findService(client, options.service) : undefined;
      const list = await client.get<OnCallList>('/api/oncall', {
        scheduleId: schedule?.id,
        serviceId: service?.id,
        at: at.toISOString(),
        weeks: options.weeks === undefined ? undefined : String(options.weeks),
      });
      if (options.json) return ctx.print(JSON.stringify(list, null, 2));
      if (!list.items.length) return ctx.print(service && !schedule ? `${service.name} pages no schedule, or nobody is on call.` : 'Nobody is on call.');
      const zone = localZone(ctx);
      ctx.print(
        formatTable(
          ['SCHEDULE', 'ROLE', 'PERSON', 'FROM', 'UNTIL'],
          list.items.map((i) => [i.schedule.name, i.role, i.user.name, formatTime(i.start, zone), formatTime(i.end, zone)]),
        ),
      );
    });

  const override = program.command('override').description('Cover a span of a schedule for someone');
  override
    .command('add')
    .description('Put someone on call for a span; the newest override wins where several overlap')
    .requiredOption('--schedule <schedule>', 'the schedule (name or ID)')
    .requiredOption('--user <user>', 'who covers (name, email or ID)')
    .requiredOption('--start <time>', 'an RFC 3339 time, or now/+90m/+2h/+3d', parseWhen)
    .requiredOption('--end <time>', 'an RFC 3339 time, or +90m/+2h/+3d (from now)', parseWhen)
    .addOption(new Option('--role <role>', 'which role they cover').choices(ROLES).default('primary'))
    .option('--reason <text>', 'why, for the others on the schedule', '')
    .action(async (options: { schedule: string; user: string; start: (now: Date) => Date; end: (now: Date) => Date; role: string; reason: string }) => {
      const { client } = connect(ctx);
      const now = new Date();
      const schedule = await findSchedule(client, options.schedule);
      const user = await findUser(client, options.user);
      const created = await client.post<Override>(`/api/schedules/${schedule.id}/overrides`, {
        userId: user.id,
        role: options.role,
        start: options.start(now).toISOString(),
        end: options.end(now).toISOString(),
        reason: options.reason,
      });
      const zone = localZone(ctx);
      ctx.print(`${created.user.name} is ${created.role} on call for ${schedule.name} from ${formatTime(created.start, zone)} until ${formatTime(created.end, zone)}.`);
    });
}

/** A time as an instant, or relative to now: `now`, `+90m`, `+2h`, `-1d`. */
export function parseWhen(value: string): (now: Date) => Date {
  const text = value.trim();
  if (text === 'now') return (now) => now;
  const relative = /^([+-])(\d{1,4})([mhdw])$/.exec(text);
  if (relative) {
    const unit = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 }[relative[3] as 'm' | 'h' | 'd' | 'w'];
    const ms = Number(relative[2]) * unit * (relative[1] === '-' ? -1 : 1);
    return (now) => new Date(now.getTime() + ms);
  }
  // An explicit offset is required: a bare local time is ambiguous across zones.
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i.test(text) || Number.isNaN(Date.parse(text))) {
    throw new InvalidArgumentError('Expected an RFC 3339 time with an offset (2026-03-10T10:00:00Z), now, or a relative time like +2h or -1d.');
  }
  const at = new Date(text);
  return () => at;
}

function parseWeeks(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > 26) throw new InvalidArgumentError('Expected a whole number of weeks from 1 to 26.');
  return n;
}

async function findSchedule(client: RemoteClient, ref: string): Promise<Schedule> {
  const { items } = await client.get<{ items: Schedule[] }>('/api/schedules');
  const wanted = ref.trim().toLowerCase();
  const found = items.find((s) => s.id === wanted) ?? items.find((s) => s.name.toLowerCase() === wanted);
  if (found) return found;
  const names = items.map((s) => s.name).sort();
  throw new CliError(`No schedule ${UUID.test(ref.trim()) ? `with ID ${ref.trim()}` : `named ${JSON.stringify(ref)}`} (schedules: ${names.slice(0, 10).join(', ') || 'none'})`);
}

async function findUser(client: RemoteClient, ref: string): Promise<User> {
  const { items } = await client.get<{ items: User[] }>('/api/users');
  const wanted = ref.trim().toLowerCase();
  const matches = items.filter((u) => u.id === wanted || u.email.toLowerCase() === wanted || u.name.toLowerCase() === wanted);
  if (matches.length === 1) return matches[0]!;
  if (matches.length > 1) throw new CliError(`${matches.length} people are named ${JSON.stringify(ref)}; use their email or ID`);
  throw new CliError(`No user ${JSON.stringify(ref)} (by name, email or ID)`);
}
