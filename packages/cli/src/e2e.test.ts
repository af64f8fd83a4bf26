import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { auth, inTransaction, loadConfig, loadDemo, startServer, type RunningServer } from '@operable/server';
import { CreateUser, type Alert, type OnCallList, type Service } from '@operable/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfigFile } from './config-file.js';
import { runCli } from './program.js';

const ADMIN = { name: 'Ada Admin', email: 'ada@example.com', password: 'correct horse battery staple' };

/** Runs the CLI in-process against a temporary config file; never touches ~ or spawns anything. */
async function cli(configPath: string, ...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), configPath, env: {} });
  return { code, stdout, stderr };
}

describe('operable CLI against a real server', () => {
  let running: RunningServer;
  let dir: string;
  let session: { cookie: string; csrfToken: string };

  /** A new API key through the HTTP API, as a person would create one in the web UI. */
  async function createKey(name: string, role = 'admin'): Promise<{ id: string; token: string }> {
    const res = await fetch(`${running.url}/api/api-keys`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: session.cookie, 'x-csrf-token': session.csrfToken },
      body: JSON.stringify({ name, role }),
    });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { apiKey: { id: string }; token: string };
    return { id: body.apiKey.id, token: body.token };
  }

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'operable-cli-e2e-'));
    running = await startServer(loadConfig({ PORT: '0', OPERABLE_DATA_DIR: 'memory://', OPERABLE_LOG_LEVEL: 'fatal' }), 'all');
    const { operable } = running;
    await inTransaction(operable.deps.database.db, async (trx) => {
      const system = operable.systemCtx(trx);
      await auth.createUser(system, CreateUser.parse({ ...ADMIN, role: 'admin', timeZone: 'Europe/London' }));
      await loadDemo(system);
    });
    const res = await fetch(`${running.url}/api/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: ADMIN.email, password: ADMIN.password }),
    });
    expect(res.status).toBe(200);
    const cookie = res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    session = { cookie, csrfToken: ((await res.json()) as { csrfToken: string }).csrfToken };
  });

  afterAll(async () => {
    await running?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('login → whoami → services list', async () => {
    const configPath = path.join(dir, 'main', 'config.json');
    const { token } = await createKey('cli e2e');

    const login = await cli(configPath, 'login', '--url', `${running.url}/`, '--key', token);
    expect(login).toMatchObject({ code: 0, stderr: '' });
    expect(login.stdout).toContain(`Logged in to ${running.url} as Ada Admin <ada@example.com> (admin).`);
    expect(readConfigFile(configPath)).toEqual({ url: running.url, key: token });
    if (process.platform !== 'win32') expect(statSync(configPath).mode & 0o777).toBe(0o600);

    const whoami = await cli(configPath, 'whoami');
    expect(whoami).toMatchObject({ code: 0, stderr: '' });
    expect(whoami.stdout.split('\n')).toEqual([
      'Name       Ada Admin',
      'Email      ada@example.com',
      'Role       admin',
      'Time zone  Europe/London',
      `API key    cli e2e (${token.slice(0, 10)}…, acts as admin)`,
      `Server     ${running.url}`,
      '',
    ]);

    const json = await cli(configPath, 'services', 'list', '--json');
    expect(json).toMatchObject({ code: 0, stderr: '' });
    const services = JSON.parse(json.stdout) as Service[];
    expect(services).toHaveLength(8);
    expect(services.map((s) => s.name)).toContain('checkout-api');
    expect(services.every((s) => s.runbookMarkdown.includes('## Escalation'))).toBe(true);

    const table = await cli(configPath, 'services', 'list', '--team', 'payments');
    expect(table.code).toBe(0);
    const lines = table.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^NAME\s+TEAM\s+TAGS\s+RUNBOOK$/);
    expect(lines.slice(1).map((l) => l.split(/\s+/)[0])).toEqual(['billing-worker', 'checkout-api', 'payment-processor']);
    expect(lines[2]).toContain('https://runbooks.example.com/payments/checkout-api');

    const tagged = await cli(configPath, 'services', 'list', '--tag', 'mobile', '--json');
    expect((JSON.parse(tagged.stdout) as Service[]).map((s) => s.name)).toEqual(['mobile-bff', 'push-notifications']);
  });

  it('oncall shows who is on call; override add puts someone else on', async () => {
    const configPath = path.join(dir, 'oncall', 'config.json');
    const { token } = await createKey('cli oncall');
    expect((await cli(configPath, 'login', '--url', running.url, '--key', token)).code).toBe(0);

    const now = JSON.parse((await cli(configPath, 'oncall', '--schedule', 'payments on-call', '--json')).stdout) as OnCallList;
    expect(now.items.map((i) => i.role)).toEqual(['primary', 'secondary']);
    const table = await cli(configPath, 'oncall', '--service', 'checkout-api');
    expect(table.code).toBe(0);
    expect(table.stdout.split('\n')[0]).toMatch(/^SCHEDULE\s+ROLE\s+PERSON\s+FROM\s+UNTIL$/);
    expect(table.stdout).toContain(now.items[0]!.user.name);

    const added = await cli(configPath, 'override', 'add', '--schedule', 'Payments on-call', '--user', 'grace.miller@example.com', '--start', 'now', '--end', '+2h', '--reason', 'cover');
    expect(added).toMatchObject({ code: 0, stderr: '' });
    expect(added.stdout).toContain('Grace Miller is primary on call for Payments on-call from');
    const after = JSON.parse((await cli(configPath, 'oncall', '--schedule', 'Payments on-call', '--at', '+1h', '--json')).stdout) as OnCallList;
    expect(after.items.find((i) => i.role === 'primary')!.user.name).toBe('Grace Miller');
    const weeks = JSON.parse((await cli(configPath, 'oncall', '--schedule', 'Payments on-call', '--weeks', '3', '--json')).stdout) as OnCallList;
    expect(weeks.items.filter((i) => i.role === 'primary').length).toBeGreaterThanOrEqual(4);

    const bad = await cli(configPath, 'oncall', '--at', 'yesterday');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('Expected an RFC 3339 time with an offset');
    const unknown = await cli(configPath, 'override', 'add', '--schedule', 'Nope', '--user', 'x', '--start', 'now', '--end', '+1h');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('No schedule named "Nope"');
  });

  it('prints API errors readably with exit code 1', async () => {
    const configPath = path.join(dir, 'errors', 'config.json');
    const { token } = await createKey('cli errors');
    expect((await cli(configPath, 'login', '--url', running.url, '--key', token)).code).toBe(0);

    const badTag = await cli(configPath, 'services', 'list', '--tag', 'no spaces allowed');
    expect(badTag.code).toBe(1);
    expect(badTag.stdout).toBe('');
    expect(badTag.stderr).toContain('(validation_failed, HTTP 400)');
    expect(badTag.stderr).toContain('  query.tag: Letters, digits and . _ : / - only');

    const badTeam = await cli(configPath, 'services', 'list', '--team', 'Marketing');
    expect(badTeam.code).toBe(1);
    expect(badTeam.stderr).toContain('No team named "Marketing" (teams: Mobile, Payments, Platform)');
  });

  it('rejects a wrong key at login without saving it, and a revoked key afterwards', async () => {
    const configPath = path.join(dir, 'revoked', 'config.json');
    const wrong = await cli(configPath, 'login', '--url', running.url, '--key', 'opk_not-a-real-key');
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('error: The API key is unknown or revoked (unauthenticated, HTTP 401)');
    expect(readConfigFile(configPath)).toBeNull();

    const key = await createKey('soon revoked');
    expect((await cli(configPath, 'login', '--url', running.url, '--key', key.token)).code).toBe(0);
    const revoke = await fetch(`${running.url}/api/api-keys/${key.id}`, {
      method: 'DELETE',
      headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken },
    });
    expect(revoke.status).toBe(204);
    const whoami = await cli(configPath, 'whoami');
    expect(whoami.code).toBe(1);
    expect(whoami.stderr).toContain('The API key is unknown or revoked');
    expect(whoami.stderr).toContain('operable login');
  });

  it('a viewer key acts with the viewer role', async () => {
    const configPath = path.join(dir, 'viewer', 'config.json');
    const { token } = await createKey('read only', 'viewer');
    const login = await cli(configPath, 'login', '--url', running.url, '--key', token);
    // /api/me describes the person; the CLI also says what the key may do.
    expect(login.stdout).toContain('as Ada Admin <ada@example.com> (admin; this key acts as viewer).');
    const whoami = await cli(configPath, 'whoami');
    expect(whoami.stdout).toContain('Role       admin');
    expect(whoami.stdout).toContain(`API key    read only (${token.slice(0, 10)}…, acts as viewer)`);
  });

  describe('alerts and paging', () => {
    const configPath = () => path.join(dir, 'alerts', 'config.json');
    /** The web UI's way in: session cookie plus CSRF token. */
    async function asAdmin<T>(method: string, urlPath: string, body?: unknown): Promise<T> {
      const res = await fetch(`${running.url}${urlPath}`, {
        method,
        headers: { 'content-type': 'application/json', cookie: session.cookie, 'x-csrf-token': session.csrfToken },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      expect(res.ok, `${method} ${urlPath}: ${res.status}`).toBe(true);
      return (await res.json()) as T;
    }
    const listJson = async (...args: string[]) => {
      const r = await cli(configPath(), 'alerts', 'list', '--json', ...args);
      expect(r).toMatchObject({ code: 0, stderr: '' });
      return JSON.parse(r.stdout) as Alert[];
    };
    const numberOf = (stdout: string) => Number(/alert #(\d+)/.exec(stdout)?.[1]);

    let service: Service;
    let first: number; // paged by hand, leads a storm group
    let second: number; // paged by hand, joined the first's group
    let disk: Alert; // sent twice by a PagerDuty integration on checkout-api

    beforeAll(async () => {
      const { token } = await createKey('alerts e2e');
      expect((await cli(configPath(), 'login', '--url', running.url, '--key', token)).code).toBe(0);
      const { items: teams } = await asAdmin<{ items: { id: string; name: string }[] }>('GET', '/api/teams');
      service = await asAdmin<Service>('POST', '/api/services', {
        name: 'cli-alerts',
        teamId: teams.find((t) => t.name === 'Platform')!.id,
        runbookUrl: 'https://runbooks.example.com/cli-alerts',
      });
    });

    it('page raises alerts on a service by name (any case) or ID', async () => {
      const paged = await cli(configPath(), 'page', 'CLI-Alerts', 'Database connections exhausted');
      expect(paged).toMatchObject({ code: 0, stderr: '' });
      first = numberOf(paged.stdout);
      expect(paged.stdout.split('\n')).toEqual([
        `Paged cli-alerts: alert #${first}`,
        'Nobody was notified: The service has no escalation policy',
        '',
      ]);

      const again = await cli(configPath(), 'page', service.id, 'Replica', 'lag', 'growing', '--urgency', 'low');
      expect(again.code).toBe(0);
      second = numberOf(again.stdout);
      expect(second).toBeGreaterThan(first);
      expect(again.stdout).toContain(`Paged cli-alerts: alert #${second}`);
      expect(again.stdout).toContain('Nobody was notified: it joined the group of an open alert on the same service');

      const { id: checkoutId } = (await listServices()).find((s) => s.name === 'checkout-api')!;
      const integration = await asAdmin<{ key: string }>('POST', `/api/services/${checkoutId}/integrations`, { name: 'pd', kind: 'pagerduty' });
      const event = {
        routing_key: integration.key,
        event_action: 'trigger',
        dedup_key: 'disk-db-1',
        payload: { summary: 'Disk 91% full on db-1', source: 'db-1', severity: 'warning' },
        links: [{ href: 'https://grafana.example.com/d/disk', text: 'Disk dashboard' }],
      };
      for (let i = 0; i < 2; i++) {
        const res = await fetch(`${running.url}/v2/enqueue`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(event) });
        expect(res.status).toBe(202);
      }
      disk = (await listJson('--service', 'checkout-api'))[0]!;
      expect(disk).toMatchObject({ summary: 'Disk 91% full on db-1', occurrences: 2, status: 'triggered' });
    });

    async function listServices(): Promise<Service[]> {
      return JSON.parse((await cli(configPath(), 'services', 'list', '--json')).stdout) as Service[];
    }

    it('alerts list prints a table, and --json the raw items, filtered by service and urgency', async () => {
      const table = await cli(configPath(), 'alerts', 'list');
      expect(table).toMatchObject({ code: 0, stderr: '' });
      const lines = table.stdout.trimEnd().split('\n');
      expect(lines[0]).toMatch(/^#\s+STATUS\s+URGENCY\s+SERVICE\s+SUMMARY\s+AGE\s+COUNT\s+GROUP$/);
      expect(lines.slice(1).map((l) => Number(l.split(/\s+/)[0]))).toEqual([disk.number, second, first]);
      expect(lines[1]).toMatch(new RegExp(`^${disk.number}\\s+triggered\\s+low\\s+checkout-api\\s+Disk 91% full on db-1\\s+\\d+s\\s+2$`));
      expect(lines[2]).toMatch(new RegExp(`^${second}\\s+triggered\\s+low\\s+cli-alerts\\s+Replica lag growing\\s+\\d+s\\s+1\\s+in #${first}$`));
      expect(lines[3]).toMatch(new RegExp(`^${first}\\s+triggered\\s+high\\s+cli-alerts\\s+Database connections exhausted\\s+\\d+s\\s+1\\s+\\+1$`));
      for (const line of lines) expect(line.length).toBeLessThanOrEqual(100);

      const all = await listJson();
      expect(all.map((a) => a.number)).toEqual([disk.number, second, first]);
      expect(all[2]).toMatchObject({ serviceId: service.id, serviceName: 'cli-alerts', groupSize: 2, urgency: 'high' });
      expect((await listJson('--service', 'cli-alerts')).map((a) => a.number)).toEqual([second, first]);
      expect((await listJson('--urgency', 'high')).map((a) => a.number)).toEqual([first]); // PagerDuty "warning" is low
      expect((await listJson('--limit', '1')).map((a) => a.number)).toEqual([disk.number]);
      expect(await listJson('--status', 'resolved')).toEqual([]);
      const limited = await cli(configPath(), 'alerts', 'list', '--limit', '1');
      expect(limited.stdout).toContain('Showing the newest 1; there may be more');
    });

    it('ack by number, resolve by ID, and say when nothing changed', async () => {
      const ack = await cli(configPath(), 'alerts', 'ack', `#${first}`);
      expect(ack).toMatchObject({ code: 0, stderr: '' });
      expect(ack.stdout).toBe(`Acknowledged #${first} (and the 1 alert in its group): Database connections exhausted\n`);
      expect((await listJson('--status', 'acknowledged')).map((a) => a.number)).toEqual([second, first]);

      const twice = await cli(configPath(), 'alerts', 'ack', String(first), String(second));
      expect(twice.code).toBe(0);
      expect(twice.stdout).toMatch(new RegExp(`^#${first} was already acknowledged by ada@example.com \\(key opk_.*\\): Database connections exhausted\n#${second} was already acknowledged`));

      const resolve = await cli(configPath(), 'alerts', 'resolve', disk.id);
      expect(resolve).toMatchObject({ code: 0, stderr: '', stdout: `Resolved #${disk.number}: Disk 91% full on db-1\n` });
      const ackResolved = await cli(configPath(), 'alerts', 'ack', String(disk.number));
      expect(ackResolved.stdout).toContain(`#${disk.number} was already resolved by ada@example.com`);
      expect((await listJson('--status', 'all')).map((a) => a.status)).toEqual(['resolved', 'acknowledged', 'acknowledged']);
      expect((await listJson()).map((a) => a.number)).toEqual([second, first]);
    });

    it('alerts show prints the facts, links, runbook and timeline', async () => {
      const show = await cli(configPath(), 'alerts', 'show', `#${disk.number}`);
      expect(show).toMatchObject({ code: 0, stderr: '' });
      const text = show.stdout;
      expect(text.split('\n')[0]).toBe(`#${disk.number}  Disk 91% full on db-1`);
      expect(text).toMatch(/^Status\s+resolved$/m);
      expect(text).toMatch(/^Service\s+checkout-api$/m);
      expect(text).toMatch(/^Last seen\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \S+ \(\d+s ago\), 2 occurrences$/m);
      expect(text).toMatch(/^Resolved\s+.* by ada@example.com \(key opk_/m);
      expect(text).toMatch(/^Severity\s+warning$/m);
      expect(text).toContain('https://runbooks.example.com/payments/checkout-api');
      expect(text).toMatch(new RegExp(`^Web\\s+${running.url}/alerts/${disk.id}$`, 'm'));
      expect(text).toContain('Links:\n  Disk dashboard  https://grafana.example.com/d/disk');
      const timeline = text.slice(text.indexOf('Timeline:'));
      expect(timeline).toMatch(/TIME\s+EVENT\s+BY\s+DETAILS/);
      expect(timeline).toMatch(/ triggered\s+.*severity|urgency/);
      expect(timeline).toMatch(/ resolved\s+ada@example.com \(key opk_.*\)\s+via api/);

      const byId = await cli(configPath(), 'alerts', 'show', disk.id, '--json');
      expect(JSON.parse(byId.stdout)).toMatchObject({ id: disk.id, status: 'resolved', runbookUrl: 'https://runbooks.example.com/payments/checkout-api' });
      expect((JSON.parse(byId.stdout) as { log: unknown[] }).log.length).toBeGreaterThanOrEqual(2);
    });

    it('a viewer key may list but gets a clear 403 on ack', async () => {
      const viewerConfig = path.join(dir, 'alerts-viewer', 'config.json');
      const { token } = await createKey('alerts viewer', 'viewer');
      expect((await cli(viewerConfig, 'login', '--url', running.url, '--key', token)).code).toBe(0);
      expect((await cli(viewerConfig, 'alerts', 'list')).code).toBe(0);
      const ack = await cli(viewerConfig, 'alerts', 'ack', String(second));
      expect(ack.code).toBe(1);
      expect(ack.stdout).toBe('');
      expect(ack.stderr.split('\n')).toEqual([
        'error: Requires the responder role (forbidden, HTTP 403)',
        'The API key’s role does not allow this; keys never have more rights than their owner.',
        '',
      ]);
      const page = await cli(viewerConfig, 'page', 'cli-alerts', 'from a viewer');
      expect(page.code).toBe(1);
      expect(page.stderr).toContain('(forbidden, HTTP 403)');
    });

    it('unknown services, alerts and malformed references fail clearly', async () => {
      const nobody = await cli(configPath(), 'page', 'grace', 'are you there?');
      expect(nobody).toMatchObject({ code: 1, stdout: '' });
      expect(nobody.stderr).toContain('error: No service named "grace" (services: api-gateway, billing-worker,');
      const which = await cli(configPath(), 'page', 'Grace Miller', 'are you there?');
      expect(which).toMatchObject({ code: 1, stdout: '' });
      expect(which.stderr).toContain('Grace Miller is a person: say which service the page is about with --service <service>.');
      const direct = await cli(configPath(), 'page', 'grace.miller@example.com', 'are', 'you', 'there?', '--service', 'checkout-api');
      expect(direct).toMatchObject({ code: 0, stderr: '' });
      expect(direct.stdout).toMatch(/^Paged Grace Miller about checkout-api: alert #\d+\n$/);

      const badFilter = await cli(configPath(), 'alerts', 'list', '--service', 'nope');
      expect(badFilter.code).toBe(1);
      expect(badFilter.stderr).toContain('No service named "nope"');

      const missing = await cli(configPath(), 'alerts', 'ack', '99999');
      expect(missing).toMatchObject({ code: 1, stdout: '', stderr: 'error: No alert #99999\n' });

      const missingId = await cli(configPath(), 'alerts', 'show', '00000000-0000-4000-8000-000000000000');
      expect(missingId.code).toBe(1);
      expect(missingId.stderr).toContain('(not_found, HTTP 404)');

      const malformed = await cli(configPath(), 'alerts', 'resolve', 'forty-two');
      expect(malformed).toMatchObject({ code: 2, stdout: '' });
      expect(malformed.stderr).toContain('"forty-two" is not an alert number (e.g. 42 or #42) or alert ID');

      expect((await cli(configPath(), 'alerts', 'list', '--status', 'closed')).code).toBe(2);
      expect((await cli(configPath(), 'alerts', 'list', '--limit', '0')).code).toBe(2);

      // Several at once: the known one is resolved, the unknown one reported, exit code 1.
      const some = await cli(configPath(), 'alerts', 'resolve', String(second), '99999');
      expect(some.code).toBe(1);
      expect(some.stdout).toBe(`Resolved #${second}: Replica lag growing\n`);
      expect(some.stderr).toBe('error: No alert #99999\nerror: 1 of 2 alerts could not be resolved\n');
    });

    it('maintenance start silences a service from a deploy script; end brings its pages back', async () => {
      const started = await cli(configPath(), 'maintenance', 'start', 'billing-worker', '--minutes', '45', '--name', 'Deploy 1.2');
      expect(started).toMatchObject({ code: 0, stderr: '' });
      const id = /^Maintenance ([0-9a-f-]{36}) started: billing-worker page nobody until \d{4}-\d\d-\d\d \d\d:\d\d:\d\d \S+\.$/m.exec(started.stdout)?.[1];
      expect(id, started.stdout).toBeDefined();
      expect(started.stdout).toContain(`End it early with: operable maintenance end ${id}`);

      const table = await cli(configPath(), 'maintenance', 'list', '--service', 'billing-worker');
      expect(table.stdout.split('\n')[0]).toMatch(/^ID\s+NAME\s+SERVICES\s+NOW\s+NEXT$/);
      expect(table.stdout).toMatch(new RegExp(`^${id}\\s+Deploy 1\\.2\\s+billing-worker\\s+until \\d{4}-`, 'm'));
      const silenced = await cli(configPath(), 'page', 'billing-worker', 'Queue depth rising');
      expect(silenced.stdout).toContain('Nobody was notified: the service is in a maintenance window');

      expect(await cli(configPath(), 'maintenance', 'end', id!)).toMatchObject({ code: 0, stdout: `Maintenance ${id} ended: its services page again.\n` });
      expect((await cli(configPath(), 'maintenance', 'list', '--service', 'billing-worker')).stdout).toBe('No maintenance windows.\n');
      expect((await cli(configPath(), 'maintenance', 'list', '--ended', '--json')).stdout).not.toContain(id);
      expect((await cli(configPath(), 'maintenance', 'start', 'billing-worker', '--minutes', '0')).code).toBe(2);
      const gone = await cli(configPath(), 'maintenance', 'end', id!);
      expect(gone.code).toBe(1);
      expect(gone.stderr).toContain('(not_found, HTTP 404)');
    });
  });
});
