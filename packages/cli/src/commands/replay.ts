import { readFileSync, writeFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { replay as replays, SYSTEM_ACTOR } from '@operable/server';
import { InvalidArgumentError, type Command } from 'commander';
import { CliError, EXIT_USAGE, type CliContext } from '../context.js';
import { withOperable } from '../local.js';
import { formatTable } from '../table.js';

type Outcome = replays.ReplayOutcome;
type Buckets = { business: number; off_hours: number; sleep: number };

export function registerReplay(program: Command, ctx: CliContext): void {
  const replay = program
    .command('replay')
    .description('See what a period of alerts would do to your people, with the current configuration or a variant (on the server host)')
    .option('--history <file>', 'JSON lines: `operable replay export`, PagerDuty events or Alertmanager bodies with arrival times')
    .option('--config <file>', 'a variant to compare with the current configuration (services, escalationPolicies, schedules, users as the API returns them)')
    .option('--from <time>', 'replay only events from this time (ISO 8601)', parseTime)
    .option('--to <time>', 'until this time', parseTime)
    .option('--assume-ack <minutes>', 'assume each page is acknowledged after N minutes, or B,O,S for business, off-hours and sleep hours', parseAck)
    .option('--format <format>', 'table, md or json', 'table')
    .option('--no-progress', 'no progress bar on stderr')
    .action(async (o: { history?: string; config?: string; from?: Date; to?: Date; assumeAck?: Buckets; format: string; progress: boolean }) => {
      if (!o.history) throw new CliError('--history is required: a file of JSON lines (see `operable replay export --help`).', EXIT_USAGE);
      if (!['table', 'md', 'json'].includes(o.format)) throw new CliError('--format must be table, md or json.', EXIT_USAGE);
      // This process runs one replay and exits. V8 lets a heap grow to twice or more what
      // survived its last collection before collecting again; growing by 30 % keeps a
      // 100,000-event replay under 500 MB for a little more CPU.
      setFlagsFromString('--heap-growing-percent=30');
      const history = readText(o.history, '--history');
      const variant = o.config ? parseJson(readText(o.config, '--config'), '--config') : undefined;
      // The server's database is open only while its configuration is read: the replay
      // then works on its own copy, and the memory of the server's database is let go.
      const { systemCtx, configuration } = await withOperable(ctx, async (operable) => ({
        systemCtx: operable.systemCtx(),
        configuration: await replays.readConfiguration(operable.deps.database.db),
      }));
      {
        const bar = o.progress ? progressBar(ctx) : undefined;
        const outcome = await replays.replay(systemCtx, { history, variant, from: o.from, to: o.to, assumeAck: o.assumeAck ?? null, onProgress: bar, configuration });
        if (bar) ctx.err('\n');
        if (o.format === 'json') ctx.print(JSON.stringify(outcome, null, 2));
        else if (o.format === 'md') ctx.out(replays.replayMarkdown(outcome));
        else printTable(ctx, outcome);
      }
    });

  replay
    .command('export')
    .description("Write the server's own alert history as replay lines (JSON lines)")
    .requiredOption('--since <time>', 'start (ISO 8601)', parseTime)
    .option('--until <time>', 'end (default now)', parseTime)
    .option('--out <file>', 'write to a file instead of stdout')
    .action((o: { since: Date; until?: Date; out?: string }) =>
      withOperable(ctx, async (operable) => {
        const ctxOf = { ...operable.systemCtx(), actor: SYSTEM_ACTOR };
        const lines = await replays.exportHistory(ctxOf, { from: o.since, to: o.until ?? new Date() });
        const text = lines.length ? `${lines.join('\n')}\n` : '';
        if (o.out) {
          writeFileSync(o.out, text);
          ctx.print(`${lines.length} events written to ${o.out}.`);
        } else ctx.out(text);
      }),
    );
}

function printTable(ctx: CliContext, o: Outcome): void {
  const cur = o.current.report;
  const other = new Map((o.variant?.report.people ?? []).map((p) => [p.email, p]));
  const cell = (a: number, b: number | undefined) => (b === undefined || a === b ? String(a) : `${a} → ${b}`);
  const rows = cur.people
    .filter((p) => p.total || other.get(p.email)?.total)
    .map((p) => {
      const v = o.variant ? (other.get(p.email) ?? null) : undefined;
      const pick = (f: (x: replays.PersonReport) => number) => cell(f(p), v === undefined ? undefined : v ? f(v) : 0);
      return [p.name, pick((x) => x.interruptions.business), pick((x) => x.interruptions.off_hours), pick((x) => x.interruptions.sleep), pick((x) => x.pageEvents), pick((x) => x.recoveryDays)];
    });
  ctx.print(`Replayed ${o.events} events (${cur.from.slice(0, 10)} to ${cur.until.slice(0, 10)}).${o.errors.length ? ` ${o.errors.length} bad lines, first: line ${o.errors[0]!.line}: ${o.errors[0]!.error}` : ''}`);
  if (o.variant) ctx.print(`Variant: ${o.variant.changes.join('; ') || 'no changes'} (current → variant).`);
  ctx.print();
  ctx.print(rows.length ? formatTable(['PERSON', 'BUSINESS', 'OFF-HOURS', 'SLEEP', 'PAGE EVENTS', 'RECOVERY DAYS'], rows) : 'Nobody would be interrupted.');
  const missed = (o.variant?.report ?? cur).missedPages;
  if (missed.length) ctx.print(`\n${missed.length} critical alert${missed.length === 1 ? '' : 's'} would reach nobody, e.g. ${missed[0]!.service}: ${missed[0]!.summary}.`);
}

/** A bar on stderr, redrawn in place, at most once per percent. */
function progressBar(ctx: CliContext) {
  let last = '';
  return (run: string, done: number, total: number) => {
    if (total < 2_000) return;
    const pct = Math.floor((done / total) * 100);
    const key = `${run}${pct}`;
    if (key === last) return;
    last = key;
    const filled = Math.round(pct / 4);
    ctx.err(`\r${run.padEnd(8)} [${'#'.repeat(filled)}${'.'.repeat(25 - filled)}] ${String(pct).padStart(3)}%  ${done.toLocaleString('en')}/${total.toLocaleString('en')} events`);
  };
}

function readText(file: string, option: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new CliError(`${option}: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`, EXIT_USAGE);
  }
}

function parseJson(text: string, option: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new CliError(`${option}: the file is not valid JSON.`, EXIT_USAGE);
  }
}

function parseTime(value: string): Date {
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) throw new InvalidArgumentError('expected a time such as 2026-03-02 or 2026-03-02T22:00:00Z');
  return d;
}

function parseAck(value: string): Buckets {
  const n = value.split(',').map((x) => Number(x.trim()));
  if (!(n.length === 1 || n.length === 3) || n.some((x) => !Number.isFinite(x) || x < 0 || x > 1440)) throw new InvalidArgumentError('expected minutes (0-1440), one number or three: business,off-hours,sleep');
  const [business, offHours = business, sleep = business] = n as [number, number?, number?];
  return { business, off_hours: offHours, sleep };
}
