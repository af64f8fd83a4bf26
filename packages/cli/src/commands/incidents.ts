import { INCIDENT_ROLES, INCIDENT_STATUSES, KEY_MOMENTS, type IncidentDetail, type IncidentList, type UpdateTemplate } from '@operable/shared';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { CliError, EXIT_USAGE, localZone, type CliContext } from '../context.js';
import { formatIncidentDetail, formatIncidentTable } from '../incident-format.js';
import type { RemoteClient } from '../remote-client.js';
import { alertByNumber, findPerson, findService } from './alerts.js';
import { connect } from './remote.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];
const severity = (value: string) => {
  const n = Number(value.replace(/^sev/i, ''));
  if (![1, 2, 3, 4].includes(n)) throw new InvalidArgumentError('Expected 1, 2, 3 or 4 (SEV1 is the worst).');
  return n;
};
const minutes = (value: string) => {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > 1440) throw new InvalidArgumentError('Expected minutes from 1 to 1440.');
  return n;
};
const ref = (raw: string) => {
  const n = raw.replace(/^#/, '');
  if (!/^\d{1,12}$/.test(n)) throw new CliError(`Expected an incident number like 42 or #42 (got ${JSON.stringify(raw)})`, EXIT_USAGE);
  return n;
};

export function registerIncidents(program: Command, ctx: CliContext): void {
  const incident = program.command('incident').alias('incidents').description('Declare, follow and run incidents');

  incident
    .command('declare')
    .description('Declare an incident; you become its commander')
    .argument('<title>', 'what is broken, in a few words')
    .addOption(new Option('--sev <n>', 'severity, 1 (worst) to 4').argParser(severity).makeOptionMandatory())
    .option('--service <service>', 'a service it touches (name or ID; repeat for more)', collect)
    .option('--alert <number>', 'an alert to link (repeat for more)', collect)
    .option('--drill', 'a drill: real pages, marked DRILL, left out of health numbers')
    .option('--slack', 'also create a Slack channel (when the server has a Slack bot token)')
    .option('--json', 'print the incident as JSON')
    .action(async (title: string, o: { sev: number; service?: string[]; alert?: string[]; drill?: boolean; slack?: boolean; json?: boolean }) => {
      const { client } = connect(ctx);
      const serviceIds = await Promise.all((o.service ?? []).map(async (s) => (await findService(client, s)).id));
      const alertIds = await Promise.all((o.alert ?? []).map(async (a) => (await alertByNumber(client, Number(a.replace(/^#/, '')))).id));
      const detail = await client.post<IncidentDetail>('/api/incidents', { title, severity: o.sev, serviceIds, alertIds, drill: !!o.drill, createSlackChannel: !!o.slack });
      if (o.json) return ctx.print(JSON.stringify(detail, null, 2));
      ctx.print(`Declared ${detail.drill ? 'DRILL ' : ''}incident #${detail.number} (${detail.severityName}): ${detail.title}`);
      if (detail.nextUpdateAt) ctx.print(`First status update due by ${new Date(detail.nextUpdateAt).toISOString().slice(11, 16)} UTC.`);
      ctx.print(`${client.baseUrl}/incidents/${detail.number}`);
    });

  incident
    .command('list')
    .description('Incidents, newest first')
    .addOption(new Option('--status <status>', 'open = not resolved; all = any').choices(['open', 'all', ...INCIDENT_STATUSES]).default('open'))
    .option('--json', 'print the incidents as JSON')
    .action(async (o: { status: string; json?: boolean }) => {
      const { client } = connect(ctx);
      const list = await client.get<IncidentList>('/api/incidents', { status: o.status === 'all' ? undefined : o.status });
      if (o.json) return ctx.print(JSON.stringify(list.items, null, 2));
      if (!list.items.length) return ctx.print(o.status === 'open' ? 'No open incidents.' : 'No incidents match.');
      ctx.print(formatIncidentTable(list.items, new Date()));
    });

  incident
    .command('show')
    .description('One incident: who is on it, what is due, checklist and timeline')
    .argument('<incident>', 'the incident number (42 or #42)')
    .option('--json', 'print the incident with its timeline as JSON')
    .action(async (raw: string, o: { json?: boolean }) => {
      const { client } = connect(ctx);
      const detail = await client.get<IncidentDetail>(`/api/incidents/${ref(raw)}`);
      if (o.json) return ctx.print(JSON.stringify(detail, null, 2));
      ctx.print(formatIncidentDetail(detail, { now: new Date(), timeZone: localZone(ctx), webUrl: `${client.baseUrl}/incidents/${detail.number}` }));
    });

  incident
    .command('update')
    .description('Post a status update (with --message or --template), or change status or severity')
    .argument('<incident>', 'the incident number')
    .option('-m, --message <text>', 'the update (markdown)')
    .option('--template <name>', 'fill the update from a template an admin made')
    .addOption(new Option('--status <status>', 'new status').choices([...INCIDENT_STATUSES]))
    .option('--sev <n>', 'new severity', severity)
    .option('--next <minutes>', 'the next update is due in this many minutes (default from the severity)', minutes)
    .action(async (raw: string, o: { message?: string; template?: string; status?: string; sev?: number; next?: number }) => {
      const { client } = connect(ctx);
      const n = ref(raw);
      if (!o.message && !o.template) {
        if (!o.status && o.sev === undefined) throw new CliError('Nothing to change: give --message, --template, --status or --sev', EXIT_USAGE);
        const detail = await client.patch<IncidentDetail>(`/api/incidents/${n}`, { status: o.status, severity: o.sev });
        return ctx.print(`Incident #${detail.number} is ${detail.status} (${detail.severityName}).`);
      }
      const templateId = o.template ? await templateByName(client, o.template) : undefined;
      const update = await client.post<{ nextUpdateAt: string | null }>(`/api/incidents/${n}/updates`, { body: o.message, templateId, status: o.status, severity: o.sev, nextUpdateInMinutes: o.next });
      ctx.print(`Update posted to #${n}.${update.nextUpdateAt ? ` Next one due by ${update.nextUpdateAt.slice(11, 16)} UTC.` : ''}`);
    });

  incident
    .command('note')
    .description('Add a note to the timeline (markdown)')
    .argument('<incident>', 'the incident number')
    .argument('<text>', 'the note')
    .addOption(new Option('--key-moment <moment>', 'mark it as a key moment').choices([...KEY_MOMENTS]))
    .action(async (raw: string, text: string, o: { keyMoment?: string }) => {
      const { client } = connect(ctx);
      await client.post(`/api/incidents/${ref(raw)}/notes`, { text, keyMoment: o.keyMoment });
      ctx.print(`Noted on #${ref(raw)}.`);
    });

  incident
    .command('role')
    .description('Give someone a role (a hand-over when someone holds it); --page pages them into it')
    .argument('<incident>', 'the incident number')
    .argument('<role>', INCIDENT_ROLES.join(', '))
    .argument('<person>', 'name, email or ID')
    .option('--page', 'page them through their notification rules')
    .action(async (raw: string, role: string, who: string, o: { page?: boolean }) => {
      if (!(INCIDENT_ROLES as readonly string[]).includes(role)) throw new CliError(`Unknown role ${JSON.stringify(role)}: use ${INCIDENT_ROLES.join(', ')}`, EXIT_USAGE);
      const { client } = connect(ctx);
      const person = (await findPerson(client, who))!;
      const detail = await client.post<IncidentDetail>(`/api/incidents/${ref(raw)}/roles`, { role, userId: person.id, page: !!o.page });
      const held = detail.roles.find((r) => r.role === role && r.user.id === person.id);
      ctx.print(`${person.name} is ${role} of #${detail.number}${o.page && held?.page ? `; paged (page #${held.page.alertNumber})` : ''}.`);
    });

  incident
    .command('resolve')
    .description('Resolve an incident (optionally with a last update)')
    .argument('<incident>', 'the incident number')
    .option('-m, --message <text>', 'a last status update')
    .action(async (raw: string, o: { message?: string }) => {
      const { client } = connect(ctx);
      const n = ref(raw);
      if (o.message) await client.post(`/api/incidents/${n}/updates`, { body: o.message, status: 'resolved' });
      else await client.patch(`/api/incidents/${n}`, { status: 'resolved' });
      ctx.print(`Incident #${n} is resolved. Everyone who held a role is asked how they are.`);
    });
}

async function templateByName(client: RemoteClient, name: string): Promise<string> {
  const { items } = await client.get<{ items: UpdateTemplate[] }>('/api/incident-templates');
  const found = items.find((t) => t.name.toLowerCase() === name.trim().toLowerCase());
  if (!found) throw new CliError(`No template named ${JSON.stringify(name)} (templates: ${items.map((t) => t.name).join(', ') || 'none'})`);
  return found.id;
}
