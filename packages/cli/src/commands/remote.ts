import type { ApiKey, Service, Team, User } from '@operable/shared';
import type { Command } from 'commander';
import { isExposed, readConfigFile, writeConfigFile } from '../config-file.js';
import { CliError, EXIT_USAGE, type CliContext } from '../context.js';
import { ApiError, normalizeUrl, RemoteClient } from '../remote-client.js';
import { formatPairs, formatTable } from '../table.js';

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function registerRemote(program: Command, ctx: CliContext): void {
  program
    .command('login')
    .description('Check an API key against a server and remember both for the remote commands')
    .requiredOption('--url <url>', 'base URL of the Operable server, e.g. https://ops.example.com')
    .requiredOption('--key <key>', 'an API key (create one under API keys in the web UI)')
    .addHelpText(
      'after',
      `\nThe URL and key are saved to ${ctx.configPath} (mode 0600).\nSet $OPERABLE_CONFIG (a file) or $XDG_CONFIG_HOME to keep them elsewhere.`,
    )
    .action(async (options: { url: string; key: string }) => {
      const url = normalizeUrl(options.url);
      const key = options.key.trim();
      const client = new RemoteClient(url, key, ctx.fetch);
      const me = await client.get<User>('/api/me');
      const apiKey = await findOwnKey(client, me, key);
      writeConfigFile(ctx.configPath, { url, key });
      const keyRole = apiKey && apiKey.role !== me.role ? `; this key acts as ${apiKey.role}` : '';
      ctx.print(`Logged in to ${url} as ${me.name} <${me.email}> (${me.role}${keyRole}).`);
      ctx.print(`Saved to ${ctx.configPath} (readable only by you).`);
    });

  program
    .command('whoami')
    .description('Show who the saved API key acts for')
    .action(async () => {
      const { client, key } = connect(ctx);
      const me = await client.get<User>('/api/me');
      const apiKey = await findOwnKey(client, me, key);
      ctx.print(
        formatPairs([
          ['Name', me.name],
          ['Email', me.email],
          ['Role', me.role],
          ['Time zone', me.timeZone],
          ...(apiKey ? [['API key', `${apiKey.name} (${apiKey.prefix}…, acts as ${apiKey.role})`] as [string, string]] : []),
          ['Server', client.baseUrl],
        ]),
      );
    });

  const services = program.command('services').description('The service catalog');
  services
    .command('list')
    .description('List services with their owning team, tags and runbook')
    .option('--json', 'print the services as a JSON array (all fields)')
    .option('--team <team>', 'only services of this team (ID or name)')
    .option('--tag <tag>', 'only services with this tag')
    .action(async (options: { json?: boolean; team?: string; tag?: string }) => {
      const { client } = connect(ctx);
      const teamId = options.team && !UUID.test(options.team) ? await teamIdByName(client, options.team) : options.team;
      const { items } = await client.get<{ items: Service[] }>('/api/services', { teamId, tag: options.tag });
      if (options.json) return ctx.print(JSON.stringify(items, null, 2));
      if (!items.length) return ctx.print(options.team || options.tag ? 'No services match.' : 'No services yet.');
      ctx.print(
        formatTable(
          ['NAME', 'TEAM', 'TAGS', 'RUNBOOK'],
          items.map((s) => [s.name, s.teamName, s.tags.join(',') || '-', s.runbookUrl ?? (s.runbookMarkdown ? '(in Operable)' : '-')]),
        ),
      );
    });
}

/** A client for the saved server, or exit code 2 with a hint when nobody logged in. */
export function connect(ctx: CliContext): { client: RemoteClient; key: string } {
  const saved = readConfigFile(ctx.configPath);
  if (!saved) {
    throw new CliError('Not logged in. Run `operable login --url URL --key KEY` first.', EXIT_USAGE);
  }
  if (isExposed(ctx.configPath)) {
    ctx.printError(`warning: ${ctx.configPath} holds an API key but others may read it; run: chmod 600 ${ctx.configPath}`);
  }
  return { client: new RemoteClient(saved.url, saved.key, ctx.fetch), key: saved.key };
}

/**
 * /api/me describes the person; a key may act with a lower role than its owner.
 * The key is recognised among the owner's keys by its prefix (null if unsure).
 */
async function findOwnKey(client: RemoteClient, me: User, key: string): Promise<ApiKey | null> {
  let items: ApiKey[];
  try {
    ({ items } = await client.get<{ items: ApiKey[] }>('/api/api-keys'));
  } catch (error) {
    if (error instanceof ApiError) return null; // a nicety: /api/me already answered who this is
    throw error;
  }
  const matches = items.filter((k) => k.ownerId === me.id && !k.revokedAt && key.startsWith(k.prefix));
  return matches.length === 1 ? matches[0]! : null;
}

async function teamIdByName(client: RemoteClient, name: string): Promise<string> {
  const { items } = await client.get<{ items: Team[] }>('/api/teams');
  const team = items.find((t) => t.name.toLowerCase() === name.toLowerCase());
  if (team) return team.id;
  const known = items.map((t) => t.name).join(', ') || 'none';
  throw new CliError(`No team named ${JSON.stringify(name)} (teams: ${known})`);
}
