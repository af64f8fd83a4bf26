import type { Check, CheckSummary } from '@operable/shared';
import { InvalidArgumentError, type Command } from 'commander';
import { CliError, type CliContext } from '../context.js';
import type { RemoteClient } from '../remote-client.js';
import { formatTable } from '../table.js';
import { findService } from './alerts.js';
import { connect } from './remote.js';

interface AddOptions {
  service: string;
  url?: string;
  tcp?: string;
  tls?: string;
  dns?: string;
  interval: number;
  timeout: number;
  retries: number;
  keyword?: string;
  absent?: boolean;
  status?: number[];
  record: string;
  expected?: string;
  server?: string;
  minDays: number;
  allowInternal?: boolean;
}

export function registerChecks(program: Command, ctx: CliContext): void {
  const checks = program.command('checks').description('Synthetic checks: probe URLs, ports, certificates and DNS names; alert when they fail');

  checks
    .command('list')
    .description('List checks, down first')
    .option('--service <service>', 'only this service’s checks (name or ID)')
    .option('--json', 'print the checks as a JSON array')
    .action(async (options: { service?: string; json?: boolean }) => {
      const { client } = connect(ctx);
      const service = options.service ? await findService(client, options.service) : undefined;
      const { items } = await client.get<{ items: CheckSummary[] }>('/api/checks', { serviceId: service?.id });
      if (options.json) return ctx.print(JSON.stringify(items, null, 2));
      if (!items.length) return ctx.print('No checks.');
      ctx.print(
        formatTable(
          ['STATE', 'NAME', 'SERVICE', 'TARGET', 'LAST RESULT'],
          items.map((c) => [c.paused ? 'paused' : c.state, c.name, c.serviceName, c.target, c.lastMessage ?? '-']),
        ),
      );
    });

  checks
    .command('add')
    .description('Add a check: one of --url, --tcp, --tls or --dns')
    .argument('<name>', 'what to call it')
    .requiredOption('--service <service>', 'the service its alert is raised on (name or ID)')
    .option('--url <url>', 'HTTP(S) check of this URL')
    .option('--tcp <host:port>', 'TCP check: the port accepts connections')
    .option('--tls <host[:port]>', 'TLS check: the certificate does not expire soon')
    .option('--dns <name>', 'DNS check of this name')
    .option('--interval <seconds>', 'how often, 20-86400', int(20, 86_400), 60)
    .option('--timeout <seconds>', 'how long a probe may take, 1-60', int(1, 60), 10)
    .option('--retries <n>', 'failed probes in a row tolerated before down, 0-10', int(0, 10), 1)
    .option('--keyword <text>', 'HTTP: text the body must contain')
    .option('--absent', 'HTTP: the keyword must NOT be in the body')
    .option('--status <codes>', 'HTTP: accepted status codes, e.g. 200,204 (default any 2xx)', statusList)
    .option('--record <type>', 'DNS: record type (A, AAAA, CNAME, MX, TXT, NS)', 'A')
    .option('--expected <value>', 'DNS: one answer must equal this')
    .option('--server <ip[:port]>', 'DNS: the name server to ask')
    .option('--min-days <days>', 'TLS: down when fewer days are left', int(0, 365), 14)
    .option('--allow-internal', 'let the check reach private and loopback addresses (admins only)')
    .action(async (name: string, o: AddOptions) => {
      const kinds = [o.url, o.tcp, o.tls, o.dns].filter((k) => k !== undefined);
      if (kinds.length !== 1) throw new CliError('Give exactly one of --url, --tcp, --tls or --dns.');
      const { client } = connect(ctx);
      const service = await findService(client, o.service);
      const body = { name, serviceId: service.id, intervalSeconds: o.interval, timeoutSeconds: o.timeout, retries: o.retries, allowInternal: Boolean(o.allowInternal), ...kindOf(o) };
      const check = await client.post<Check>('/api/checks', body);
      ctx.print(`Check ${check.id} added: ${check.name} (${check.target}) every ${check.intervalSeconds} s, on ${check.serviceName}.`);
    });

  for (const [verb, paused] of [['pause', true], ['resume', false]] as const) {
    checks
      .command(verb)
      .description(paused ? 'Pause a check: no probes, no alerts' : 'Resume a paused check')
      .argument('<check>', 'the check (name or ID)')
      .action(async (ref: string) => {
        const { client } = connect(ctx);
        const check = await findCheck(client, ref);
        const saved = await client.post<Check>(`/api/checks/${encodeURIComponent(check.id)}/pause`, { paused });
        ctx.print(`${saved.name} ${paused ? 'paused: no probes until resumed' : 'resumed: probing again'}.`);
      });
  }
}

function kindOf(o: AddOptions) {
  if (o.url !== undefined) {
    return {
      kind: 'http',
      http: { url: o.url, ...(o.keyword !== undefined ? { keyword: o.keyword, keywordMode: o.absent ? 'absent' : 'present' } : {}), ...(o.status ? { expectedStatus: o.status } : {}) },
    };
  }
  if (o.tcp !== undefined) {
    const [host, port] = splitHostPort(o.tcp, null);
    return { kind: 'tcp', tcp: { host, port } };
  }
  if (o.tls !== undefined) {
    const [host, port] = splitHostPort(o.tls, 443);
    return { kind: 'tls', tls: { host, port, minDaysLeft: o.minDays } };
  }
  return { kind: 'dns', dns: { name: o.dns, recordType: o.record.toUpperCase(), expected: o.expected ?? null, server: o.server ?? null } };
}

function splitHostPort(text: string, defaultPort: number | null): [string, number] {
  const m = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(text.trim());
  const port = m?.[2] ? Number(m[2]) : defaultPort;
  if (!m || port === null) throw new CliError(`Expected host:port, got ${JSON.stringify(text)}.`);
  return [m[1]!, port];
}

export async function findCheck(client: RemoteClient, ref: string): Promise<CheckSummary> {
  const { items } = await client.get<{ items: CheckSummary[] }>('/api/checks');
  const wanted = ref.trim();
  const matches = items.filter((c) => c.id === wanted.toLowerCase() || c.name.toLowerCase() === wanted.toLowerCase());
  if (matches.length === 1) return matches[0]!;
  if (matches.length > 1) throw new CliError(`${matches.length} checks are named ${JSON.stringify(ref)} (on ${matches.map((c) => c.serviceName).join(', ')}): use the ID (operable checks list --json).`);
  throw new CliError(`No check named or with ID ${JSON.stringify(ref)} (see operable checks list).`);
}

function int(min: number, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^\d+$/.test(value) || n < min || n > max) throw new InvalidArgumentError(`Expected a whole number from ${min} to ${max}.`);
    return n;
  };
}

function statusList(value: string): number[] {
  const codes = value.split(',').map((s) => s.trim());
  if (!codes.every((c) => /^[1-5]\d\d$/.test(c))) throw new InvalidArgumentError('Expected status codes like 200,204.');
  return codes.map(Number);
}
