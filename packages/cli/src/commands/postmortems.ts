import { writeFileSync } from 'node:fs';
import type { Postmortem, PostmortemSummary } from '@operable/shared';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { CliError, type CliContext } from '../context.js';
import type { RemoteClient } from '../remote-client.js';
import { formatPairs, formatTable } from '../table.js';
import { connect, UUID } from './remote.js';

const STATES = ['draft', 'in_review', 'reviewed', 'closed'];
const LATE: Record<string, string> = { interviews: 'interviews', meeting: 'meeting', action_items: 'action items', follow_up: 'follow-up' };

export function registerPostmortems(program: Command, ctx: CliContext): void {
  const pm = program.command('postmortem').description('List, show and export post-mortems');

  pm.command('list')
    .description('Post-mortems, newest incident first (or best match with --search); LATE says what is past its deadline')
    .option('--search <text>', 'full-text search over titles, sections, tags and services')
    .option('--severity <n>', 'only this severity (1-4)', parseSeverity)
    .option('--tag <tag>', 'only post-mortems with this tag')
    .addOption(new Option('--state <state>', 'only post-mortems in this state').choices(STATES))
    .option('--late', 'only post-mortems with something late')
    .option('--json', 'print them as a JSON array')
    .action(async (o: { search?: string; severity?: number; tag?: string; state?: string; late?: boolean; json?: boolean }) => {
      const { client } = connect(ctx);
      const { items } = await client.get<{ items: PostmortemSummary[] }>('/api/postmortems', {
        q: o.search,
        severity: o.severity === undefined ? undefined : String(o.severity),
        tag: o.tag,
        state: o.state,
        late: o.late ? 'true' : undefined,
        limit: '200',
      });
      if (o.json) return ctx.print(JSON.stringify(items, null, 2));
      if (!items.length) return ctx.print(o.search || o.severity || o.tag || o.state || o.late ? 'No post-mortems match.' : 'No post-mortems yet.');
      ctx.print(formatTable(['INCIDENT', 'SEV', 'STATE', 'OWNER', 'LATE', 'TITLE'], items.map((p) => [`#${p.incidentNumber}`, p.severityName, p.state.replace('_', ' '), p.owner?.name ?? '-', lateText(p) || '-', p.title])));
    });

  pm.command('show')
    .description('One post-mortem: people, deadlines, what is late, action items')
    .argument('<ref>', 'the incident number (42 or #42) or the post-mortem ID')
    .option('--json', 'print it as JSON')
    .action(async (ref: string, o: { json?: boolean }) => {
      const { client } = connect(ctx);
      const p = await client.get<Postmortem>(`/api/postmortems/${await resolveRef(client, ref)}`);
      if (o.json) return ctx.print(JSON.stringify(p, null, 2));
      ctx.print(p.title);
      ctx.print(
        formatPairs([
          ['State', p.state.replace('_', ' ')],
          ['Owner', p.owner?.name ?? '-'],
          ['Facilitator', p.facilitator?.name ?? '-'],
          ['Note-taker', p.noteTaker?.name ?? '-'],
          ['Services', p.services.map((s) => s.name).join(', ') || '-'],
          ['Interviews', p.interviewsDoneAt ? `done ${p.interviewsDoneAt}` : `due ${p.interviewsDueAt}`],
          ['Meeting', p.meetingHeldAt ? `held ${p.meetingHeldAt}` : `due ${p.meetingDueAt}`],
          ['Late', lateText(p) || 'nothing'],
        ]),
      );
      ctx.print('');
      if (!p.actionItems.length) ctx.print('No action items.');
      else ctx.print(formatTable(['ACTION', 'OWNER', 'DUE', 'TYPE', 'STATUS'], p.actionItems.map((a) => [a.title, a.owner?.name ?? '-', a.dueOn ? `${a.dueOn}${a.overdue ? ' OVERDUE' : ''}` : '-', a.type, a.status.replace('_', ' ')])));
      ctx.print('');
      ctx.print(`Whole document: operable postmortem export ${ref}`);
    });

  pm.command('export')
    .description('The whole post-mortem as Markdown (default) or a standalone HTML page')
    .argument('<ref>', 'the incident number (42 or #42) or the post-mortem ID')
    .addOption(new Option('--format <format>', 'markdown or html').choices(['markdown', 'html']).default('markdown'))
    .option('-o, --output <file>', 'write to this file instead of standard output')
    .action(async (ref: string, o: { format: string; output?: string }) => {
      const { client } = connect(ctx);
      const text = await client.getText(`/api/postmortems/${await resolveRef(client, ref)}/export`, { format: o.format });
      if (!o.output) return ctx.print(text.replace(/\n$/, ''));
      writeFileSync(o.output, text);
      ctx.print(`Wrote ${o.output}`);
    });
}

function lateText(p: PostmortemSummary): string {
  return p.late.map((l) => (l.what === 'action_items' ? `${l.count} item${l.count === 1 ? '' : 's'} overdue` : LATE[l.what])).join(', ');
}

function parseSeverity(value: string): number {
  const n = Number(value.replace(/^sev/i, ''));
  if (!Number.isInteger(n) || n < 1 || n > 4) throw new InvalidArgumentError('Expected 1-4 (or SEV1-SEV4).');
  return n;
}

async function resolveRef(client: RemoteClient, ref: string): Promise<string> {
  if (UUID.test(ref)) return ref;
  const m = /^#?(\d{1,12})$/.exec(ref.trim());
  if (!m) throw new CliError(`"${ref}" is neither an incident number (42 or #42) nor a post-mortem ID`);
  const { items } = await client.get<{ items: PostmortemSummary[] }>('/api/postmortems', { limit: '200' });
  const found = items.find((p) => p.incidentNumber === Number(m[1]));
  if (!found) throw new CliError(`Incident #${m[1]} has no post-mortem (among the newest 200)`);
  return found.id;
}
