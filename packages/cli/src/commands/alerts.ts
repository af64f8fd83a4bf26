import { type Alert, type AlertDetail, type AlertPage, type Service, type User } from '@operable/shared';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { actionMessage, formatAlertDetail, formatAlertTable, parseAlertRef } from '../alert-format.js';
import { CliError, localZone, type CliContext } from '../context.js';
import { ApiError, type RemoteClient } from '../remote-client.js';
import { connect, UUID } from './remote.js';

const STATUS_CHOICES = ['open', 'triggered', 'acknowledged', 'resolved', 'all'];
const URGENCIES = ['high', 'low'];
/** The API's own ceiling for one page. */
const MAX_LIMIT = 500;

export function registerAlerts(program: Command, ctx: CliContext): void {
  const alerts = program.command('alerts').description('List, show, acknowledge and resolve alerts');

  alerts
    .command('list')
    .description('List alerts, newest first')
    .addOption(new Option('--status <status>', 'open = triggered or acknowledged; all = any status').choices(STATUS_CHOICES).default('open'))
    .option('--service <service>', 'only alerts of this service (name or ID)')
    .addOption(new Option('--urgency <urgency>', 'only alerts of this urgency').choices(URGENCIES))
    .option('--limit <n>', `at most this many, 1-${MAX_LIMIT} (default 100)`, parseLimit)
    .option('--json', 'print the alerts as a JSON array (all fields)')
    .action(async (options: { status: string; service?: string; urgency?: string; limit?: number; json?: boolean }) => {
      const { client } = connect(ctx);
      const service = options.service ? await findService(client, options.service) : undefined;
      const page = await client.get<AlertPage>('/api/alerts', {
        status: options.status === 'all' ? undefined : options.status,
        serviceId: service?.id,
        urgency: options.urgency,
        limit: options.limit === undefined ? undefined : String(options.limit),
      });
      if (options.json) return ctx.print(JSON.stringify(page.items, null, 2));
      if (!page.items.length) {
        const filtered = options.service || options.urgency || !['open', 'all'].includes(options.status);
        return ctx.print(filtered ? 'No alerts match.' : options.status === 'open' ? 'No open alerts.' : 'No alerts yet.');
      }
      ctx.print(formatAlertTable(page.items, new Date()));
      if (page.nextBefore !== null) ctx.print(`Showing the newest ${page.items.length}; there may be more (--limit up to ${MAX_LIMIT}, or filter).`);
    });

  alerts
    .command('show')
    .description('Show one alert: its facts, links, runbook and timeline')
    .argument('<alert>', 'the alert number (42 or #42) or ID')
    .option('--json', 'print the alert with its log as JSON')
    .action(async (ref: string, options: { json?: boolean }) => {
      const parsed = parseAlertRef(ref);
      const { client } = connect(ctx);
      const id = 'id' in parsed ? parsed.id : (await alertByNumber(client, parsed.number)).id;
      const alert = await client.get<AlertDetail>(`/api/alerts/${id}`);
      if (options.json) return ctx.print(JSON.stringify(alert, null, 2));
      ctx.print(formatAlertDetail(alert, { now: new Date(), timeZone: localZone(ctx), webUrl: `${client.baseUrl}/alerts/${alert.id}` }));
    });

  for (const [name, action, description, done] of [
    ['ack', 'acknowledge', 'Acknowledge alerts: stops their escalation', 'acknowledged'],
    ['resolve', 'resolve', 'Resolve alerts', 'resolved'],
  ] as const) {
    alerts
      .command(name)
      .description(description)
      .argument('<alerts...>', 'alert numbers (42 or #42) or IDs')
      .addHelpText('after', `\nThe alerts grouped under one of these (GROUP +N in \`alerts list\`) are ${done} with it.`)
      .action(async (refs: string[]) => {
        const parsed = refs.map(parseAlertRef); // every argument checked before anything changes
        const { client } = connect(ctx);
        await actOnEach(ctx, client, parsed, action);
      });
  }
}

export function registerPage(program: Command, ctx: CliContext): void {
  program
    .command('page')
    .description('Page a service (its escalation policy) or a person (directly) by hand')
    .argument('<who>', 'a service (name or ID), or a person (name, email or ID) with --service')
    .argument('<message...>', 'what is wrong, in quotes or as separate words')
    .option('--service <service>', 'when paging a person: the service the page is about (name or ID)')
    .addOption(new Option('--urgency <urgency>', 'low pages only during working hours').choices(URGENCIES).default('high'))
    .action(async (who: string, words: string[], options: { urgency: string; service?: string }) => {
      const { client } = connect(ctx);
      const summary = words.join(' ');
      const person = options.service ? await findPerson(client, who) : await serviceOrPerson(client, who);
      if (person) {
        if (!options.service) throw new CliError(`${person.name} is a person: say which service the page is about with --service <service>.`);
        const service = await findService(client, options.service);
        const alert = await client.post<AlertDetail>('/api/alerts', { serviceId: service.id, summary, urgency: options.urgency, userIds: [person.id] });
        ctx.print(`Paged ${person.name} about ${alert.serviceName}: alert #${alert.number}`);
        return;
      }
      const service = await findService(client, who);
      const alert = await client.post<AlertDetail>('/api/alerts', { serviceId: service.id, summary, urgency: options.urgency });
      ctx.print(`Paged ${alert.serviceName}: alert #${alert.number}`);
      const why = notPagedReason(alert);
      if (why) ctx.print(`Nobody was notified: ${why}`);
    });
}

/** Why a new alert does not page anyone, from its first log entries (null when it escalates). */
function notPagedReason(alert: AlertDetail): string | null {
  for (const entry of alert.log) {
    const details = (entry.details ?? {}) as Record<string, unknown>;
    if (entry.event === 'not_paged') return typeof details.reason === 'string' ? details.reason : 'the service has no escalation policy';
    if (entry.event === 'suppressed') return 'the service is in a maintenance window';
    // A join is noted on the "triggered" row (older alerts have a "grouped" row).
    if (entry.event === 'grouped' || (entry.event === 'triggered' && details.leaderId)) return 'it joined the group of an open alert on the same service';
  }
  return null;
}

/**
 * Acknowledges or resolves each alert in turn. With several, one that fails (e.g. an
 * unknown number) is reported and the rest still go ahead; exit code 1 if any failed.
 */
async function actOnEach(ctx: CliContext, client: RemoteClient, refs: ({ number: number } | { id: string })[], action: 'acknowledge' | 'resolve') {
  const done = new Set<string>();
  let failed = 0;
  for (const ref of refs) {
    try {
      // Read first: the answer to the POST is the same whether or not it changed anything.
      const before = 'id' in ref ? await client.get<Alert>(`/api/alerts/${ref.id}`) : await alertByNumber(client, ref.number);
      if (done.has(before.id)) continue;
      done.add(before.id);
      const after = await client.post<AlertDetail>(`/api/alerts/${before.id}/${action}`);
      ctx.print(actionMessage(action, before, after));
    } catch (error) {
      // A key that may not act, or a server out of reach, fails every alert alike: say it once.
      if (refs.length === 1 || !isAboutThisAlert(error)) throw error;
      failed += 1;
      ctx.printError(`error: ${(error as Error).message}`);
    }
  }
  if (failed) throw new CliError(`${failed} of ${refs.length} alerts could not be ${action === 'acknowledge' ? 'acknowledged' : 'resolved'}`);
}

function isAboutThisAlert(error: unknown): boolean {
  return (error instanceof ApiError && error.code === 'not_found') || (error instanceof CliError && error.message.startsWith('No alert #'));
}

/**
 * Alert numbers are the list's sort key (newest first), so the first alert below
 * number + 1, whatever its status, is the one with that number if it exists.
 */
export async function alertByNumber(client: RemoteClient, number: number): Promise<Alert> {
  const { items } = await client.get<AlertPage>('/api/alerts', { before: String(number + 1), limit: '1' });
  const alert = items[0];
  if (alert?.number === number) return alert;
  throw new CliError(`No alert #${number}`);
}

/** A service by ID or by name (case-insensitive); a clear error naming a few services otherwise. */
export async function findService(client: RemoteClient, ref: string, hint?: string): Promise<Service> {
  const { items } = await client.get<{ items: Service[] }>('/api/services');
  const wanted = ref.trim().toLowerCase();
  const found = items.find((s) => s.id === wanted) ?? items.find((s) => s.name === ref.trim()) ?? items.find((s) => s.name.toLowerCase() === wanted);
  if (found) return found;
  const names = items.map((s) => s.name).sort();
  const known = names.length ? `${names.slice(0, 10).join(', ')}${names.length > 10 ? `, … (${names.length} in all)` : ''}` : 'none';
  const what = UUID.test(ref.trim()) ? `with ID ${ref.trim()}` : `named ${JSON.stringify(ref)}`;
  throw new CliError([`No service ${what} (services: ${known})`, ...(hint ? [hint] : [])].join('\n'));
}

function parseLimit(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > MAX_LIMIT) throw new InvalidArgumentError(`Expected a whole number from 1 to ${MAX_LIMIT}.`);
  return n;
}

/** A person when `ref` names no service but names exactly one person; undefined otherwise. */
async function serviceOrPerson(client: RemoteClient, ref: string): Promise<User | undefined> {
  const { items } = await client.get<{ items: Service[] }>('/api/services');
  const wanted = ref.trim().toLowerCase();
  if (items.some((s) => s.id === wanted || s.name.toLowerCase() === wanted)) return undefined;
  return findPerson(client, ref, true);
}

export async function findPerson(client: RemoteClient, ref: string, quiet = false): Promise<User | undefined> {
  const { items } = await client.get<{ items: User[] }>('/api/users');
  const wanted = ref.trim().toLowerCase();
  const matches = items.filter((u) => u.id === wanted || u.email.toLowerCase() === wanted || u.name.toLowerCase() === wanted);
  if (matches.length === 1) return matches[0];
  if (matches.length > 1) throw new CliError(`${matches.length} people are named ${JSON.stringify(ref)}; use their email or ID`);
  if (quiet) return undefined;
  throw new CliError(`No person ${JSON.stringify(ref)} (by name, email or ID)`);
}
