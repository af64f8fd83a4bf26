import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { hostname, userInfo } from 'node:os';
import type { IncidentCommand, RecordCommand } from '@operable/shared';
import type { Command } from 'commander';
import { CliError, EXIT_USAGE, type CliContext } from '../context.js';
import { enqueueRecord, readQueue, shellLine, TailBuffer, writeQueue, type QueuedRecord } from '../exec-record.js';
import { ApiError, Unreachable, type RemoteClient } from '../remote-client.js';
import { connect } from './remote.js';

/**
 * `operable exec --incident 42 -- kubectl rollout undo deploy/api`: runs the command
 * here, its output streaming as usual, then records on the incident who ran what,
 * where, when, the exit code and the output's last lines. When the server cannot be
 * reached the record waits in a local queue and is sent by the next exec (or
 * `operable exec --flush`); exec says so either way. The exit code is the command's.
 */
export function registerExec(program: Command, ctx: CliContext): void {
  program
    .command('exec')
    .description('Run a command and record it on an incident (command, user, host, directory, times, exit code, output tail)')
    .option('--incident <number>', 'the incident number (42 or #42)')
    .option('--flush', 'only send records queued while the server was unreachable')
    .argument('[command...]', 'the command and its arguments, after --')
    .addHelpText('after', '\nExample:\n  operable exec --incident 42 -- kubectl rollout undo deploy/api\n\nSecrets in the output can be redacted by patterns an admin sets on the server.')
    .action(async (argv: string[], options: { incident?: string; flush?: boolean }) => {
      const { client } = connect(ctx);
      const sentBefore = await flushQueue(ctx, client);
      if (options.flush) {
        if (!sentBefore) ctx.print('Nothing queued.');
        return;
      }
      const incident = options.incident?.replace(/^#/, '');
      if (!incident || !/^\d{1,12}$/.test(incident)) throw new CliError('Say which incident: --incident <number>', EXIT_USAGE);
      if (!argv.length) throw new CliError('Give the command to run after --, e.g. operable exec --incident 42 -- kubectl get pods', EXIT_USAGE);

      const started = new Date();
      const output = new TailBuffer();
      const exitCode = await run(ctx, argv, output);
      const ended = new Date();
      const tail = output.tail();
      const record: RecordCommand = {
        clientId: randomUUID(),
        command: shellLine(argv),
        osUser: safeUser(),
        host: hostname(),
        cwd: process.cwd(),
        startedAt: started.toISOString(),
        endedAt: ended.toISOString(),
        exitCode: exitCode.code,
        outputTail: tail.text,
        truncated: tail.truncated,
      };
      await send(ctx, client, { incident, record });
      if (exitCode.code === null) throw new CliError(`The command was ended by ${exitCode.signal}`, 128 + 15);
      if (exitCode.code !== 0) throw new CommandExit(exitCode.code);
    });
}

/** Ends the CLI with the command's own exit code, silently (the command already said why). */
export class CommandExit extends CliError {
  constructor(code: number) {
    super('', code);
  }
}

function run(ctx: CliContext, argv: string[], output: TailBuffer): Promise<{ code: number | null; signal?: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0]!, argv.slice(1), { stdio: ['inherit', 'pipe', 'pipe'] });
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      ctx.out(chunk);
      output.push(chunk);
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      ctx.err(chunk);
      output.push(chunk);
    });
    child.on('error', (error: NodeJS.ErrnoException) =>
      reject(new CliError(error.code === 'ENOENT' ? `Command not found: ${argv[0]}` : `Cannot run ${argv[0]}: ${error.message}`, 127)),
    );
    child.on('close', (code, signal) => resolve({ code, ...(signal ? { signal } : {}) }));
  });
}

async function send(ctx: CliContext, client: RemoteClient, item: QueuedRecord): Promise<void> {
  try {
    await post(client, item);
    ctx.printError(`operable: recorded on incident #${item.incident}.`);
  } catch (error) {
    if (!isRetryable(error)) throw error;
    enqueueRecord(ctx.configPath, item);
    ctx.printError(`operable: ${(error as Error).message}. The record of this command is queued and will be sent by the next \`operable exec\` (or \`operable exec --flush\`).`);
  }
}

const post = (client: RemoteClient, item: QueuedRecord) => client.post<IncidentCommand>(`/api/incidents/${item.incident}/commands`, item.record);

/** The server unreachable or not answering for now: worth queuing. A refusal (4xx) is not. */
function isRetryable(error: unknown): boolean {
  return error instanceof Unreachable || (error instanceof ApiError && (error.status >= 500 || error.status === 429));
}

/** Sends what was queued, oldest first; keeps what still cannot be sent. Returns how many were sent. */
async function flushQueue(ctx: CliContext, client: RemoteClient): Promise<number> {
  const queued = readQueue(ctx.configPath);
  if (!queued.length) return 0;
  const left: QueuedRecord[] = [];
  let sent = 0;
  for (const item of queued) {
    if (left.length) {
      left.push(item); // the server is still away: keep the order
      continue;
    }
    try {
      await post(client, item);
      sent++;
    } catch (error) {
      if (isRetryable(error)) left.push(item);
      else ctx.printError(`operable: dropped a queued record for incident #${item.incident}: ${(error as Error).message}`);
    }
  }
  writeQueue(ctx.configPath, left);
  if (sent) ctx.printError(`operable: sent ${sent} queued command record${sent === 1 ? '' : 's'}.`);
  if (left.length) ctx.printError(`operable: ${left.length} command record${left.length === 1 ? '' : 's'} still queued (server unreachable).`);
  return sent;
}

function safeUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}
