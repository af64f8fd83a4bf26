import { MAX_MAINTENANCE_MINUTES as MAX_MINUTES, type MaintenanceWindow } from '@operable/shared';
import { InvalidArgumentError, type Command } from 'commander';
import { formatTime } from '../alert-format.js';
import { localZone, type CliContext } from '../context.js';
import { formatTable } from '../table.js';
import { findService } from './alerts.js';
import { connect } from './remote.js';

export function registerMaintenance(program: Command, ctx: CliContext): void {
  const maintenance = program.command('maintenance').description('Silence paging for services during planned work (alerts are still recorded)');

  maintenance
    .command('list')
    .description('List maintenance windows that have not ended')
    .option('--service <service>', 'only windows covering this service (name or ID)')
    .option('--ended', 'include one-off windows that have ended')
    .option('--json', 'print the windows as a JSON array')
    .action(async (options: { service?: string; ended?: boolean; json?: boolean }) => {
      const { client } = connect(ctx);
      const service = options.service ? await findService(client, options.service) : undefined;
      const { items } = await client.get<{ items: MaintenanceWindow[] }>('/api/maintenance-windows', {
        serviceId: service?.id,
        ended: options.ended ? 'true' : undefined,
      });
      if (options.json) return ctx.print(JSON.stringify(items, null, 2));
      if (!items.length) return ctx.print('No maintenance windows.');
      const zone = localZone(ctx);
      ctx.print(formatTable(['ID', 'NAME', 'SERVICES', 'NOW', 'NEXT'], items.map((w) => windowRow(w, zone))));
    });

  maintenance
    .command('start')
    .description('Start a maintenance window now, e.g. from a deploy script')
    .argument('<services...>', 'the services to silence (names or IDs)')
    .option('--minutes <n>', `how long, 1-${MAX_MINUTES}`, parseMinutes, 60)
    .option('--name <name>', 'what the work is', 'Maintenance')
    .action(async (refs: string[], options: { minutes: number; name: string }) => {
      const { client } = connect(ctx);
      const services = [];
      for (const ref of refs) services.push(await findService(client, ref));
      const now = Date.now();
      const window = await client.post<MaintenanceWindow>('/api/maintenance-windows', {
        kind: 'once',
        name: options.name,
        serviceIds: services.map((s) => s.id),
        startsAt: new Date(now).toISOString(),
        endsAt: new Date(now + options.minutes * 60_000).toISOString(),
      });
      ctx.print(`Maintenance ${window.id} started: ${services.map((s) => s.name).join(', ')} page nobody until ${formatTime(window.endsAt!, localZone(ctx))}.`);
      ctx.print(`End it early with: operable maintenance end ${window.id}`);
    });

  maintenance
    .command('end')
    .description('End a maintenance window now (or drop a planned one)')
    .argument('<id>', 'the window ID (from `maintenance list` or `start`)')
    .action(async (id: string) => {
      const { client } = connect(ctx);
      await client.delete(`/api/maintenance-windows/${encodeURIComponent(id.trim())}`);
      ctx.print(`Maintenance ${id.trim()} ended: its services page again.`);
    });
}

function windowRow(w: MaintenanceWindow, zone: string | undefined): string[] {
  const services = w.serviceIds === null ? 'all services' : w.services.map((s) => s.name).join(', ');
  const now = w.activeUntil ? `until ${formatTime(w.activeUntil, zone)}` : '-';
  // The occurrence in progress, if any, comes first in `next`.
  const upcoming = w.activeUntil ? w.next[1] : w.next[0];
  const next = upcoming ? formatTime(upcoming.startsAt, zone) : '-';
  return [w.id, w.name, services, now, next];
}

function parseMinutes(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > MAX_MINUTES) throw new InvalidArgumentError(`Expected a whole number of minutes from 1 to ${MAX_MINUTES}.`);
  return n;
}
